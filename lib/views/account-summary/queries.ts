import type { AccountSummaryModel, AccountSummaryWhereInput } from '../../generated/prisma-sqlite/models';
import type { ReadDb } from '../../read/read-db';
import { atActiveGenerations } from '../shared/active-generations';
import { decodeCursor, encodeCursor, invalidCursor, sortMismatch } from '../shared/cursor';
import { clampLimit, type Page, type SortDirection } from '../shared/paging';
import type { AccountSort, AccountStatus, AccountSummaryQuery, AccountSummaryView, ListAccountsQuery } from './types';

/** Each sort is backed by an index on (generation, column, account_id). */
const SORT_COLUMNS = { opened: 'openedAt', balance: 'balance', owner: 'owner', lastActivity: 'lastActivityAt' } as const;
type SortColumn = (typeof SORT_COLUMNS)[AccountSort];
type SortValue = Date | bigint | string;

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

const accountCursor = (cursor: string, sort: AccountSort, direction: SortDirection): { value: SortValue; accountId: string } => {
  const { s, d, k, a } = decodeCursor(cursor);
  if (typeof a !== 'string') throw invalidCursor();
  if (s !== sort || d !== direction) throw sortMismatch();
  return { value: valueOf(SORT_COLUMNS[sort], k), accountId: a };
};

/** The account summaries' queries (table account_summaries), reading its active generation only. */
export const accountSummaryQueries = (db: ReadDb) => ({
  listAccounts: async (query: ListAccountsQuery): Promise<Page<AccountSummaryView>> => {
    const limit = clampLimit(query.limit);
    const column = SORT_COLUMNS[query.sort];
    const after = query.cursor === undefined ? undefined : accountCursor(query.cursor, query.sort, query.direction);
    return atActiveGenerations(db, ['account-summary'], async (generation) => {
      const where: AccountSummaryWhereInput = {
        generation: generation('account-summary'),
        ...(query.owner !== undefined ? { owner: query.owner } : {}),
        ...(query.customerId !== undefined ? { customerId: query.customerId } : {}),
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(after ? keysetAfter(column, query.direction, after.value, after.accountId) : {}),
      };
      const rows = await db.accountSummary.findMany({
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
  },

  /** Null when the read model holds no such account (it does not exist, or the projection has not reached it yet). */
  accountSummary: async ({ accountId }: AccountSummaryQuery): Promise<AccountSummaryView | null> =>
    atActiveGenerations(db, ['account-summary'], async (generation) => {
      const row = await db.accountSummary.findUnique({
        where: { generation_accountId: { generation: generation('account-summary'), accountId } },
      });
      return row ? toSummaryView(row) : null;
    }),
});
