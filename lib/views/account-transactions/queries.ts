import type { AccountTransactionModel } from '../../generated/prisma-sqlite/models';
import type { ReadDb } from '../../read/read-db';
import { atActiveGenerations } from '../shared/active-generations';
import { decodeCursor, encodeCursor, invalidCursor, sortMismatch } from '../shared/cursor';
import { clampLimit, type Page, type SortDirection } from '../shared/paging';
import type { AccountTransactionsQuery, TransactionKind, TransactionView } from './types';

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

const transactionCursor = (cursor: string, accountId: string, direction: SortDirection): number => {
  const { a, d, n } = decodeCursor(cursor);
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || typeof a !== 'string') throw invalidCursor();
  if (a !== accountId || d !== direction) throw sortMismatch();
  return n;
};

/**
 * An account's transactions (table account_transactions), reading its active
 * generation only. An account with no rows is told apart from an unknown one
 * by the account summaries, which this query therefore reads too.
 */
export const accountTransactionsQueries = (db: ReadDb) => ({
  /** Null when the account is unknown; an account without movements has an empty page. */
  accountTransactions: async (query: AccountTransactionsQuery): Promise<Page<TransactionView> | null> => {
    const limit = clampLimit(query.limit);
    const afterVersion = query.cursor === undefined ? undefined : transactionCursor(query.cursor, query.accountId, query.direction);
    const op = query.direction === 'asc' ? 'gt' : 'lt';
    return atActiveGenerations(db, ['account-transactions', 'account-summary'], async (generation) => {
      const rows = await db.accountTransaction.findMany({
        where: {
          generation: generation('account-transactions'),
          accountId: query.accountId,
          ...(afterVersion === undefined ? {} : { version: { [op]: afterVersion } }),
        },
        orderBy: { version: query.direction },
        take: limit + 1,
      });
      if (rows.length === 0 && afterVersion === undefined) {
        const known = await db.accountSummary.count({
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
  },
});
