import { streamCategory } from '../../core/envelope';
import type { Principal } from '../../auth/principal';
import { MAX_PAGE_LIMIT } from '../../views/shared/paging';
import { webRuntime } from '../web-runtime';
import type { EventFilter } from '../sse/stream-filter';

/** The streams of the accounts a customer holds, as the account read model lists them. */
export const ownAccountStreams = async (principal: Principal): Promise<Set<string>> => {
  const streams = new Set<string>();
  if (principal.customerId === undefined) return streams;
  let cursor: string | undefined;
  do {
    const page = await webRuntime().queries.listAccounts({ customerId: principal.customerId, sort: 'opened', direction: 'asc', limit: MAX_PAGE_LIMIT, cursor });
    for (const account of page.items) streams.add(`account-${account.accountId}`);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return streams;
};

/**
 * A customer's live events: what they asked for, within their own accounts.
 * The set is taken when they connect; an account opened later joins on the
 * next connection (EventSource reconnects by itself; their own writes are
 * shown through read-your-writes meanwhile).
 */
export const ownEventFilter = (requested: EventFilter, own: ReadonlySet<string>): EventFilter => {
  const streams = new Set([...own].filter((stream) => requested === null || requested.streams.has(stream) || requested.categories.has(streamCategory(stream))));
  return { streams, categories: new Set() };
};
