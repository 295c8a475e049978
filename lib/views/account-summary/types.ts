/**
 * What the account read models can be asked, and what they answer. Plain
 * data: no database, no HTTP. Money is in minor units, times are ISO 8601.
 */

export const DEFAULT_PAGE_LIMIT = 25;
export const MAX_PAGE_LIMIT = 100;

export const ACCOUNT_SORTS = ['opened', 'balance', 'owner', 'lastActivity'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const ACCOUNT_STATUSES = ['open', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** A page of results; `nextCursor` is null on the last page. */
export type Page<T> = { items: T[]; nextCursor: string | null };

export type ListAccountsQuery = {
  /** Exact owner name (case-sensitive). */
  owner?: string;
  /** The customer who holds the accounts: a customer's own scope. */
  customerId?: string;
  status?: AccountStatus;
  /** Ties are broken by account id, in the same direction. */
  sort: AccountSort;
  direction: SortDirection;
  limit: number;
  /** Opaque, from the previous page's `nextCursor`; only valid with the same sort and direction. */
  cursor?: string;
};

export type AccountSummaryQuery = { accountId: string };

export type AccountTransactionsQuery = {
  accountId: string;
  /** By account version: `desc` (newest first) is the usual order. */
  direction: SortDirection;
  limit: number;
  cursor?: string;
};

export type AccountSummaryView = {
  accountId: string;
  owner: string;
  /** The customer who holds it; null for the bank's own accounts. */
  customerId: string | null;
  currency: string;
  status: AccountStatus;
  balance: number;
  overdraftLimit: number;
  /** The stream version: send it as If-Match with the next command. */
  version: number;
  openedAt: string;
  lastActivityAt: string;
  closedAt: string | null;
  /** Global position of the last event folded into this row. */
  position: number;
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
