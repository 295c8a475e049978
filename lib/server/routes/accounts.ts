import { z } from 'zod';
import { isChronicleError } from '../../core/errors';
import type { Principal } from '../../auth/principal';
import { QUERY_SOURCES } from '../../views/read-model-queries';
import { accountStateAt } from '../audit-service';
import { authorizeAccountRead } from '../auth/authorize';
import { defineRoute } from '../http/define-route';
import { entityId, isoTime, wholeNumber } from '../http/query';
import {
  accountNotFound,
  accountTransactionsParams,
  bankStatsParams,
  listAccountsParams,
  toAccountTransactionsQuery,
  toBankStatsQuery,
  toListAccountsQuery,
} from '../http/read-query';
import { accountPageSchema, accountSummarySchema } from '../../views/account-summary/schemas';
import { bankStatsSchema } from '../../views/bank-totals/schemas';
import { transactionPageSchema } from '../../views/account-transactions/schemas';
import { webRuntime } from '../web-runtime';
import { accountStateAtSchema } from '../../audit/schemas';

/* Reading accounts and the bank: the read models (with read-your-writes) and an account's state as of a time. */

export const accountPath = z.object({ accountId: entityId.meta({ description: 'The account id' }) });
/** An id that is not well-formed cannot exist: 404 like the command routes, not 400. */
export const unknownAccount = (raw: Record<string, string>) => accountNotFound(raw.accountId ?? '');
const ownAccount = { action: 'account.read', resource: (principal: Principal, path: { accountId: string }) => authorizeAccountRead(principal, path.accountId) } as const;

export const listAccounts = defineRoute({
  method: 'GET',
  path: '/api/accounts',
  operationId: 'listAccounts',
  summary: 'List accounts',
  description:
    'Account summaries, filtered by exact owner and status, sorted, one page at a time. Ties on the sort key are broken by account id, ' +
    'so walking `nextCursor` visits every account exactly once. A customer sees the accounts their customer id holds, whatever they filter by.',
  tag: 'read',
  auth: { action: 'accounts.list' },
  query: listAccountsParams,
  readYourWrites: { sources: QUERY_SOURCES.listAccounts },
  responses: { 200: { description: 'A page of account summaries', schema: accountPageSchema } },
  handle: async ({ query, principal, scope }) => {
    const asked = toListAccountsQuery(query);
    // A customer sees their own accounts whatever owner name they ask for (a namesake's are not theirs);
    // without a customer id they hold nothing: ids are never empty, so '' matches no account.
    return webRuntime().queries.listAccounts(scope === 'own' ? { ...asked, owner: undefined, customerId: principal.customerId ?? '' } : asked);
  },
});

export const accountSummary = defineRoute({
  method: 'GET',
  path: '/api/accounts/{accountId}/summary',
  operationId: 'getAccountSummary',
  summary: "An account's summary",
  tag: 'read',
  auth: ownAccount,
  params: accountPath,
  invalidParams: unknownAccount,
  readYourWrites: { sources: QUERY_SOURCES.accountSummary },
  responses: { 200: { description: 'Balance, status and dates of the account', schema: accountSummarySchema }, 404: '`account_not_found`' },
  handle: async ({ params }) => (await webRuntime().queries.accountSummary(params)) ?? Promise.reject(accountNotFound(params.accountId)),
});

export const accountTransactions = defineRoute({
  method: 'GET',
  path: '/api/accounts/{accountId}/transactions',
  operationId: 'listAccountTransactions',
  summary: "An account's transactions",
  description: 'Money movements with the balance after each, by account version (newest first unless `direction=asc`).',
  tag: 'read',
  auth: ownAccount,
  params: accountPath,
  invalidParams: unknownAccount,
  query: accountTransactionsParams,
  readYourWrites: { sources: QUERY_SOURCES.accountTransactions },
  responses: { 200: { description: 'A page of transactions', schema: transactionPageSchema }, 404: '`account_not_found`' },
  handle: async ({ params, query }) =>
    (await webRuntime().queries.accountTransactions(toAccountTransactionsQuery(params.accountId, query))) ?? Promise.reject(accountNotFound(params.accountId)),
});

export const bankStats = defineRoute({
  method: 'GET',
  path: '/api/stats',
  operationId: 'getBankStats',
  summary: 'Bank-wide statistics (a customer’s own)',
  description:
    'Accounts by status, balances by currency, daily flows of the last `days` days (UTC). Staff see the whole bank; a customer sees the same figures over their own accounts only.',
  tag: 'read',
  auth: { action: 'bank.stats' },
  query: bankStatsParams,
  // The customer's figures come from the account read models, the bank's from its totals.
  readYourWrites: { sources: [...QUERY_SOURCES.bankStats, ...QUERY_SOURCES.customerStats] },
  responses: { 200: { description: 'Accounts by status, balances by currency, daily flows (UTC days)', schema: bankStatsSchema } },
  handle: ({ query, principal, scope }) => {
    const window = toBankStatsQuery(query, new Date());
    // A customer without a customer id holds nothing: ids are never empty, so '' matches no account.
    return scope === 'own' ? webRuntime().queries.customerStats(principal.customerId ?? '', window) : webRuntime().queries.bankStats(window);
  },
});

const stateAtQuery = z
  .object({
    version: wholeNumber('version', 0).optional().meta({ description: 'Account version' }),
    at: isoTime('at').optional().meta({ description: 'ISO date-time; without an offset it is UTC' }),
  })
  .refine((query) => (query.version === undefined) !== (query.at === undefined), { message: 'Give exactly one of version or at', path: ['version'] });

export const accountStateAtRoute = defineRoute({
  method: 'GET',
  path: '/api/accounts/{accountId}/state',
  operationId: 'getAccountStateAt',
  summary: "An account's state as of a time or a version",
  description:
    'Exactly one of `at` (the last event recorded at or before it) or `version`. Before the account was opened the answer is version 0 with `opened: false`.',
  tag: 'audit',
  auth: ownAccount,
  params: accountPath,
  invalidParams: unknownAccount,
  query: stateAtQuery,
  responses: { 200: { description: 'The state then', schema: accountStateAtSchema }, 404: '`account_not_found`, or `version_not_found` beyond the head' },
  handle: async ({ params: { accountId }, query }) => {
    try {
      return await accountStateAt(accountId, query.version !== undefined ? { version: query.version } : { at: query.at! });
    } catch (error) {
      if (isChronicleError(error) && error.code === 'stream_not_found') throw accountNotFound(accountId);
      throw error;
    }
  },
});
