import type { AccountSummaryModel, AccountSummaryWhereInput, AccountTransactionModel } from '../generated/prisma-sqlite/models';
import {
  MAX_PAGE_LIMIT,
  type AccountSort,
  type AccountStatus,
  type AccountSummaryView,
  type AccountTransactionsQuery,
  type ListAccountsQuery,
  type Page,
  type SortDirection,
  type TransactionKind,
  type TransactionView,
} from './queries/account-queries';
import type { BankStatsQuery, BankStatsView, CurrencyTotalView, DailyFlowView } from './queries/bank-queries';
import { decodeCursor, encodeCursor, invalidCursor } from './queries/cursor';
import type { QUERY_SOURCES, ReadModelQueries } from './queries/read-model-queries';
import type { ReadDb } from './read-db';

type ProjectionName = (typeof QUERY_SOURCES)[keyof typeof QUERY_SOURCES][number];

/** Generations start at 1: reading this one finds nothing, as a projection that never ran should. */
const NO_GENERATION = -1;

/** Each sort is backed by an index on (generation, column, account_id). */
const SORT_COLUMNS = { opened: 'openedAt', balance: 'balance', owner: 'owner', lastActivity: 'lastActivityAt' } as const;
type SortColumn = (typeof SORT_COLUMNS)[AccountSort];
type SortValue = Date | bigint | string;

const clampLimit = (limit: number) => Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_PAGE_LIMIT);

const keyOf = (column: SortColumn, row: AccountSummaryModel): string => {
  const value = row[column];
  return value instanceof Date ? value.toISOString() : value.toString();
};

const valueOf = (column: SortColumn, key: unknown): SortValue => {
  if (typeof key !== 'string') throw invalidCursor();
  if (column === 'owner') return key;
  if (column === 'balance') {
    if (!/^-?\d{1,20}$/.test(key)) throw invalidCursor();
    return BigInt(key);
  }
  const date = new Date(key);
  if (Number.isNaN(date.getTime())) throw invalidCursor();
  return date;
};

const sortMismatch = () => invalidCursor('The cursor belongs to another sort, direction or account; start again without it');

/**
 * Rows strictly after (value, accountId) in page order: the keyset that keeps
 * paging stable. Written as `key <= v AND (key < v OR id < a)` (for desc)
 * rather than `key < v OR (key = v AND id < a)` so the range on the sort
 * column lets the database seek in the (generation, column, account_id) index.
 */
const keysetAfter = (column: SortColumn, direction: SortDirection, value: SortValue, accountId: string): AccountSummaryWhereInput => {
  const [strict, loose] = direction === 'asc' ? (['gt', 'gte'] as const) : (['lt', 'lte'] as const);
  return { [column]: { [loose]: value }, OR: [{ [column]: { [strict]: value } }, { accountId: { [strict]: accountId } }] } as AccountSummaryWhereInput;
};

const toSummaryView = (row: AccountSummaryModel): AccountSummaryView => ({
  accountId: row.accountId,
  owner: row.owner,
  customerId: row.customerId,
  currency: row.currency,
  status: row.status as AccountStatus,
  balance: Number(row.balance),
  overdraftLimit: Number(row.overdraftLimit),
  version: row.version,
  openedAt: row.openedAt.toISOString(),
  lastActivityAt: row.lastActivityAt.toISOString(),
  closedAt: row.closedAt?.toISOString() ?? null,
  position: Number(row.position),
});

const toTransactionView = (row: AccountTransactionModel): TransactionView => ({
  accountId: row.accountId,
  version: row.version,
  position: Number(row.position),
  kind: row.kind as TransactionKind,
  amount: Number(row.amount),
  currency: row.currency,
  description: row.description,
  balanceAfter: Number(row.balanceAfter),
  occurredAt: row.occurredAt.toISOString(),
  actor: row.actor,
});

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

/**
 * The query port on the Prisma read-side client (SQLite or PostgreSQL). Every
 * query reads only the active generation of the projection owning the table,
 * so a rebuild in progress stays invisible until it is switched in.
 */
export class PrismaReadModelQueries implements ReadModelQueries {
  constructor(private readonly db: ReadDb) {}

  async listAccounts(query: ListAccountsQuery): Promise<Page<AccountSummaryView>> {
    const limit = clampLimit(query.limit);
    const column = SORT_COLUMNS[query.sort];
    const after = query.cursor === undefined ? undefined : this.accountCursor(query.cursor, query.sort, query.direction);
    return this.atActiveGenerations(['account-summary'], async (generation) => {
      const where: AccountSummaryWhereInput = {
        generation: generation('account-summary'),
        ...(query.owner !== undefined ? { owner: query.owner } : {}),
        ...(query.customerId !== undefined ? { customerId: query.customerId } : {}),
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(after ? keysetAfter(column, query.direction, after.value, after.accountId) : {}),
      };
      const rows = await this.db.accountSummary.findMany({
        where,
        orderBy: [{ [column]: query.direction }, { accountId: query.direction }],
        take: limit + 1,
      });
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items: rows.slice(0, limit).map(toSummaryView),
        nextCursor: last ? encodeCursor({ s: query.sort, d: query.direction, k: keyOf(column, last), a: last.accountId }) : null,
      };
    });
  }

  async accountSummary({ accountId }: { accountId: string }): Promise<AccountSummaryView | null> {
    return this.atActiveGenerations(['account-summary'], async (generation) => {
      const row = await this.db.accountSummary.findUnique({
        where: { generation_accountId: { generation: generation('account-summary'), accountId } },
      });
      return row ? toSummaryView(row) : null;
    });
  }

  async accountTransactions(query: AccountTransactionsQuery): Promise<Page<TransactionView> | null> {
    const limit = clampLimit(query.limit);
    const afterVersion = query.cursor === undefined ? undefined : this.transactionCursor(query.cursor, query.accountId, query.direction);
    const op = query.direction === 'asc' ? 'gt' : 'lt';
    return this.atActiveGenerations(['account-transactions', 'account-summary'], async (generation) => {
      const rows = await this.db.accountTransaction.findMany({
        where: {
          generation: generation('account-transactions'),
          accountId: query.accountId,
          ...(afterVersion === undefined ? {} : { version: { [op]: afterVersion } }),
        },
        orderBy: { version: query.direction },
        take: limit + 1,
      });
      if (rows.length === 0 && afterVersion === undefined) {
        const known = await this.db.accountSummary.count({
          where: { generation: generation('account-summary'), accountId: query.accountId },
        });
        if (known === 0) return null;
      }
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items: rows.slice(0, limit).map(toTransactionView),
        nextCursor: last ? encodeCursor({ a: query.accountId, d: query.direction, n: last.version }) : null,
      };
    });
  }

  async bankStats({ fromDay, toDay }: BankStatsQuery): Promise<BankStatsView> {
    return this.atActiveGenerations(['bank-totals'], async (active) => {
      const generation = active('bank-totals');
      const [statuses, totals, flows] = await Promise.all([
        this.db.bankStatusCount.findMany({ where: { generation } }),
        this.db.bankCurrencyTotal.findMany({ where: { generation }, orderBy: { currency: 'asc' } }),
        this.db.bankDailyFlow.findMany({
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
    });
  }

  async customerStats(customerId: string, { fromDay, toDay }: BankStatsQuery): Promise<BankStatsView> {
    return this.atActiveGenerations(['account-summary', 'account-transactions'], async (active) => {
      const accounts = await this.db.accountSummary.findMany({
        where: { generation: active('account-summary'), customerId },
        select: { accountId: true, status: true, currency: true, balance: true },
      });
      const movements =
        accounts.length === 0
          ? []
          : await this.db.accountTransaction.findMany({
              where: {
                generation: active('account-transactions'),
                accountId: { in: accounts.map((account) => account.accountId) },
                occurredAt: { gte: new Date(`${fromDay}T00:00:00.000Z`), lt: new Date(Date.parse(`${toDay}T00:00:00.000Z`) + 86_400_000) },
              },
              select: { kind: true, amount: true, currency: true, occurredAt: true },
            });
      return customerFigures(accounts, movements);
    });
  }

  /**
   * Runs `read` against the active generations of `names`. A rebuild switching
   * in between drops the generation being read, so the read is repeated when
   * a generation changed underneath it (generations only move forward).
   */
  private async atActiveGenerations<T>(names: readonly ProjectionName[], read: (generation: (name: ProjectionName) => number) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.activeGenerations(names);
      const result = await read((name) => before.get(name) ?? NO_GENERATION);
      const after = await this.activeGenerations(names);
      if (attempt === 3 || names.every((name) => before.get(name) === after.get(name))) return result;
    }
  }

  private async activeGenerations(names: readonly ProjectionName[]): Promise<Map<string, number>> {
    const rows = await this.db.projection.findMany({ where: { name: { in: [...names] } } });
    return new Map(rows.map((row) => [row.name, row.activeGeneration]));
  }

  private accountCursor(cursor: string, sort: AccountSort, direction: SortDirection): { value: SortValue; accountId: string } {
    const { s, d, k, a } = decodeCursor(cursor);
    if (typeof a !== 'string') throw invalidCursor();
    if (s !== sort || d !== direction) throw sortMismatch();
    return { value: valueOf(SORT_COLUMNS[sort], k), accountId: a };
  }

  private transactionCursor(cursor: string, accountId: string, direction: SortDirection): number {
    const { a, d, n } = decodeCursor(cursor);
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || typeof a !== 'string') throw invalidCursor();
    if (a !== accountId || d !== direction) throw sortMismatch();
    return n;
  }
}
