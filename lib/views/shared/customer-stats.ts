import type { ReadDb } from '../../read/read-db';
import type { BankStatsQuery, BankStatsView, CurrencyTotalView, DailyFlowView } from '../bank-totals/types';
import { defineView } from '../view';
import { atActiveGenerations } from './active-generations';

/*
 * A customer's figures, shaped as the bank's (bank-totals' BankStatsView) but read from two other
 * views' tables: the account summaries (their accounts) and the account transactions (their
 * movements). It belongs to no one view, so it sits here rather than in any view's folder.
 */

type OwnAccount = { status: string; currency: string; balance: bigint };
type OwnMovement = { kind: string; amount: bigint; currency: string; occurredAt: Date };

/** A customer's figures, shaped as the bank's: their accounts by status, balances by currency, daily flows. */
const customerFigures = (accounts: OwnAccount[], movements: OwnMovement[]): BankStatsView => {
  const totals = new Map<string, CurrencyTotalView>();
  for (const account of accounts) {
    const total = totals.get(account.currency) ?? { currency: account.currency, balance: 0, accounts: 0 };
    totals.set(account.currency, { ...total, balance: total.balance + Number(account.balance), accounts: total.accounts + 1 });
  }
  const flows = new Map<string, DailyFlowView>();
  for (const movement of movements) {
    const day = movement.occurredAt.toISOString().slice(0, 10);
    const key = `${day} ${movement.currency}`;
    const flow = flows.get(key) ?? { day, currency: movement.currency, deposits: 0, withdrawals: 0, interest: 0, movements: 0 };
    const amount = Number(movement.amount);
    if (movement.kind === 'interest') flow.interest += amount;
    else if (amount < 0) flow.withdrawals -= amount;
    else flow.deposits += amount;
    flow.movements += 1;
    flows.set(key, flow);
  }
  return {
    accountsByStatus: { open: accounts.filter((a) => a.status === 'open').length, closed: accounts.filter((a) => a.status === 'closed').length },
    totalsByCurrency: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    dailyFlows: [...flows.values()].sort((a, b) => a.day.localeCompare(b.day) || a.currency.localeCompare(b.currency)),
  };
};

const customerStats = (db: ReadDb, customerId: string, { fromDay, toDay }: BankStatsQuery): Promise<BankStatsView> =>
  atActiveGenerations(db, ['account-summary', 'account-transactions'], async (active) => {
    const accounts = await db.accountSummary.findMany({
      where: { generation: active('account-summary'), customerId },
      select: { accountId: true, status: true, currency: true, balance: true },
    });
    const movements =
      accounts.length === 0
        ? []
        : await db.accountTransaction.findMany({
            where: {
              generation: active('account-transactions'),
              accountId: { in: accounts.map((account) => account.accountId) },
              occurredAt: { gte: new Date(`${fromDay}T00:00:00.000Z`), lt: new Date(Date.parse(`${toDay}T00:00:00.000Z`) + 86_400_000) },
            },
            select: { kind: true, amount: true, currency: true, occurredAt: true },
          });
    return customerFigures(accounts, movements);
  });

/** A view with no projection of its own: it answers from the account summaries and transactions. */
export const customerStatsView = defineView({
  sources: { customerStats: ['account-summary', 'account-transactions'] },
  queries: (db) => ({
    /** The same figures over one customer's accounts only: what a customer is shown instead of the bank's. */
    customerStats: (customerId: string, query: BankStatsQuery): Promise<BankStatsView> => customerStats(db, customerId, query),
  }),
});
