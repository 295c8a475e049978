import type { SortDirection } from '../shared/paging';

/**
 * What an account's transaction history can be asked, and what it answers.
 * Plain data: no database, no HTTP. Money is in minor units, times are ISO 8601.
 */

export type AccountTransactionsQuery = {
  accountId: string;
  /** By account version: `desc` (newest first) is the usual order. */
  direction: SortDirection;
  limit: number;
  cursor?: string;
};

export type TransactionKind = 'deposit' | 'withdrawal' | 'interest';

export type TransactionView = {
  accountId: string;
  version: number;
  position: number;
  kind: TransactionKind;
  /** Signed: deposits and interest positive, withdrawals negative. */
  amount: number;
  currency: string;
  description: string;
  balanceAfter: number;
  occurredAt: string;
  actor: string;
};
