import { QUERY_SOURCES } from '../../read/queries/read-model-queries';
import {
  accountNotFound,
  accountTransactionsParams,
  bankStatsParams,
  knownAccountId,
  listAccountsParams,
  noParams,
  toAccountTransactionsQuery,
  toBankStatsQuery,
  toListAccountsQuery,
} from './read-query';
import { readRoute } from './read-route';

type AccountPath = { accountId: string };

/** GET /api/accounts: a page of account summaries, filtered and sorted. */
export const listAccountsRoute = () =>
  readRoute({
    sources: QUERY_SOURCES.listAccounts,
    params: listAccountsParams,
    input: (params) => toListAccountsQuery(params),
    run: (query, { queries }) => queries.listAccounts(query),
  });

/** GET /api/accounts/{accountId}/summary */
export const accountSummaryRoute = () =>
  readRoute({
    sources: QUERY_SOURCES.accountSummary,
    params: noParams,
    input: (_params, path: AccountPath) => ({ accountId: knownAccountId(path.accountId) }),
    run: async (query, { queries }) => {
      const summary = await queries.accountSummary(query);
      if (!summary) throw accountNotFound(query.accountId);
      return summary;
    },
  });

/** GET /api/accounts/{accountId}/transactions: money movements with the balance after each, newest first by default. */
export const accountTransactionsRoute = () =>
  readRoute({
    sources: QUERY_SOURCES.accountTransactions,
    params: accountTransactionsParams,
    input: (params, path: AccountPath) => toAccountTransactionsQuery(knownAccountId(path.accountId), params),
    run: async (query, { queries }) => {
      const page = await queries.accountTransactions(query);
      if (!page) throw accountNotFound(query.accountId);
      return page;
    },
  });

/** GET /api/stats: accounts by status, balances by currency, daily flows of the last `days` days (UTC). */
export const bankStatsRoute = () =>
  readRoute({
    sources: QUERY_SOURCES.bankStats,
    params: bankStatsParams,
    input: (params) => toBankStatsQuery(params, new Date()),
    run: (query, { queries }) => queries.bankStats(query),
  });
