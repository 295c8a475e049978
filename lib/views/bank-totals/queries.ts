import type { ReadDb } from '../../read/read-db';
import type { AccountStatus } from '../account-summary/types';
import { atActiveGenerations } from '../shared/active-generations';
import type { BankStatsQuery, BankStatsView } from './types';

/** The bank's figures (tables bank_status_counts, bank_currency_totals, bank_daily_flows), reading their active generation only. */
export const bankTotalsQueries = (db: ReadDb) => ({
  bankStats: async ({ fromDay, toDay }: BankStatsQuery): Promise<BankStatsView> =>
    atActiveGenerations(db, ['bank-totals'], async (active) => {
      const generation = active('bank-totals');
      const [statuses, totals, flows] = await Promise.all([
        db.bankStatusCount.findMany({ where: { generation } }),
        db.bankCurrencyTotal.findMany({ where: { generation }, orderBy: { currency: 'asc' } }),
        db.bankDailyFlow.findMany({
          where: { generation, day: { gte: fromDay, lte: toDay } },
          orderBy: [{ day: 'asc' }, { currency: 'asc' }],
        }),
      ]);
      const count = (status: AccountStatus) => statuses.find((row) => row.status === status)?.accounts ?? 0;
      return {
        accountsByStatus: { open: count('open'), closed: count('closed') },
        totalsByCurrency: totals.map((row) => ({ currency: row.currency, balance: Number(row.balance), accounts: row.accounts })),
        dailyFlows: flows.map((row) => ({
          day: row.day,
          currency: row.currency,
          deposits: Number(row.deposits),
          withdrawals: Number(row.withdrawals),
          interest: Number(row.interest),
          movements: row.movements,
        })),
      };
    }),
});
