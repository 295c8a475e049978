import type { SortDirection } from '../shared/paging';

/**
 * What the account summaries can be asked, and what they answer. Plain
 * data: no database, no HTTP. Money is in minor units, times are ISO 8601.
 */

export const ACCOUNT_SORTS = ['opened', 'balance', 'owner', 'lastActivity'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export const ACCOUNT_STATUSES = ['open', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

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
