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
import { authorizeAccountRead } from '../auth/authorize';
import { readRoute } from './read-route';

type AccountPath = { accountId: string };

/** GET /api/accounts: a page of account summaries, filtered and sorted. */
export const listAccountsRoute = () =>
  readRoute({
    sources: QUERY_SOURCES.listAccounts,
    action: 'accounts.list',
    params: listAccountsParams,
    input: (params) => toListAccountsQuery(params),
    // A customer's list holds their own accounts, whatever owner the query names.
    authorize: (query, principal, scope) => (scope === 'own' ? { ...query, owner: principal.holderName ?? principal.id } : query),
    run: (query, { queries }) => queries.listAccounts(query),
  });

/** GET /api/accounts/{accountId}/summary */
export const accountSummaryRoute = () =>
  readRoute({
    sources: QUERY_SOURCES.accountSummary,
    action: 'account.read',
    params: noParams,
    input: (_params, path: AccountPath) => ({ accountId: knownAccountId(path.accountId) }),
    authorize: async (query, principal) => (await authorizeAccountRead(principal, query.accountId), query),
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
    action: 'account.read',
    params: accountTransactionsParams,
    input: (params, path: AccountPath) => toAccountTransactionsQuery(knownAccountId(path.accountId), params),
    authorize: async (query, principal) => (await authorizeAccountRead(principal, query.accountId), query),
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
    action: 'bank.stats',
    params: bankStatsParams,
    input: (params) => toBankStatsQuery(params, new Date()),
    run: (query, { queries }) => queries.bankStats(query),
  });
