import type {
  AccountSummaryQuery,
  AccountSummaryView,
  AccountTransactionsQuery,
  ListAccountsQuery,
  Page,
  TransactionView,
} from './account-queries';
import type { BankStatsQuery, BankStatsView } from './bank-queries';

/** The read side's query port. Adapters read only the active generation of each read model. */
export interface ReadModelQueries {
  listAccounts(query: ListAccountsQuery): Promise<Page<AccountSummaryView>>;
  /** Null when the read model holds no such account (it does not exist, or the projection has not reached it yet). */
  accountSummary(query: AccountSummaryQuery): Promise<AccountSummaryView | null>;
  /** Null when the account is unknown; an account without movements has an empty page. */
  accountTransactions(query: AccountTransactionsQuery): Promise<Page<TransactionView> | null>;
  bankStats(query: BankStatsQuery): Promise<BankStatsView>;
  /** The same figures over one customer's accounts only: what a customer is shown instead of the bank's. */
  customerStats(customerId: string, query: BankStatsQuery): Promise<BankStatsView>;
}

/** The projections whose read models each query reads: its answer is as fresh as the slowest of them. */
export const QUERY_SOURCES = {
  listAccounts: ['account-summary'],
  accountSummary: ['account-summary'],
  accountTransactions: ['account-transactions', 'account-summary'],
  bankStats: ['bank-totals'],
  customerStats: ['account-summary', 'account-transactions'],
} as const satisfies Record<keyof ReadModelQueries, readonly string[]>;
