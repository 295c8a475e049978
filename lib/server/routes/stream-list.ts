import { z } from 'zod';
import { DEFAULT_STREAM_PAGE, MAX_STREAM_PAGE, STREAM_SORTS, streamListPage, streamListPageSchema } from '../../audit/stream-list';
import { auditQueries } from '../audit-service';
import { defineRoute } from '../http/define-route';
import { text, wholeNumber } from '../http/query';
import { categorySchema } from '../sse/stream-filter';
import { webRuntime } from '../web-runtime';

/* The stream browser's list: staff only, since it shows every customer's streams and how busy they are. */

const ACCOUNT_PREFIX = 'account-';
/** How many of a holder's accounts a search by holder reaches. */
const MAX_HOLDER_ACCOUNTS = 100;

const streamListQuery = z.object({
  q: text('q', 120).optional().meta({ description: "Part of a stream id (any case), or an account holder's exact name or customer id" }),
  category: categorySchema.optional().meta({ description: 'Streams `{category}-…` only, e.g. `account` or `transfer`' }),
  sort: z
    .enum(STREAM_SORTS, 'sort must be recent, size or id')
    .default('recent')
    .meta({ description: '`recent`: newest event first; `size`: most events first; `id`: by stream id' }),
  limit: wholeNumber('limit', 1, MAX_STREAM_PAGE).default(DEFAULT_STREAM_PAGE),
  cursor: z.string().max(600).optional().meta({ description: 'The previous page’s `nextCursor`, with the same sort' }),
});

/** The account streams of a holder named exactly (by name or customer id), from the accounts read model. */
const holderStreams = async (q: string): Promise<string[]> => {
  const { queries } = webRuntime();
  const query = { sort: 'opened', direction: 'asc', limit: MAX_HOLDER_ACCOUNTS } as const;
  const [byName, byCustomer] = await Promise.all([queries.listAccounts({ ...query, owner: q }), queries.listAccounts({ ...query, customerId: q })]);
  return [...new Set([...byName.items, ...byCustomer.items].map((account) => `${ACCOUNT_PREFIX}${account.accountId}`))];
};

const holdersOf = async (streamIds: string[]): Promise<Map<string, string>> => {
  const { queries } = webRuntime();
  const accounts = streamIds.filter((id) => id.startsWith(ACCOUNT_PREFIX));
  const summaries = await Promise.all(accounts.map((id) => queries.accountSummary({ accountId: id.slice(ACCOUNT_PREFIX.length) })));
  return new Map(summaries.flatMap((summary, index) => (summary ? [[accounts[index]!, summary.owner] as const] : [])));
};

export const listStreams = defineRoute({
  method: 'GET',
  path: '/api/streams',
  operationId: 'listStreams',
  summary: 'Every stream, with its size and activity',
  description:
    'One row per stream: category, event count, first and last event time, the newest event type and, for an account, its holder. ' +
    'Keyset-paged in the chosen sort: hand `nextCursor` back as `cursor`. For the bank’s staff (tellers and auditors).',
  tag: 'streams',
  auth: { action: 'streams.list' },
  query: streamListQuery,
  responses: { 200: { description: 'One page of streams', schema: streamListPageSchema } },
  handle: async ({ query: { q, category, sort, limit, cursor } }) =>
    streamListPage(
      auditQueries(),
      { sort, limit, ...(category ? { category } : {}), ...(q ? { search: q, searchIds: await holderStreams(q) } : {}), ...(cursor ? { cursor } : {}) },
      holdersOf,
    ),
});
