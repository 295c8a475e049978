import { defineView } from '../view';
import { accountTransactionsProjection } from './projection';
import { accountTransactionsQueries } from './queries';

/** Every money movement of an account with the running balance after it. */
export const accountTransactionsView = defineView({
  projection: accountTransactionsProjection,
  // An account without movements is told apart from an unknown one by its summary.
  sources: { accountTransactions: ['account-transactions', 'account-summary'] },
  queries: accountTransactionsQueries,
});
