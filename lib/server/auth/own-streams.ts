import { streamCategory } from '../../core/envelope';
import type { Principal } from '../../auth/principal';
import { MAX_PAGE_LIMIT } from '../../views/shared/paging';
import { webRuntime } from '../web-runtime';
import type { EventFilter } from '../sse/stream-filter';

const ACCOUNT_CATEGORY = 'account';

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
 * A customer's live events: what they asked for, within their own accounts. The set is taken when
 * they connect, and an account opened for them later (in another tab, or by a teller) joins it at
 * its opening event, so every page that follows their accounts sees it without a reload.
 */
export const ownEventFilter = (requested: EventFilter, own: ReadonlySet<string>, customerId?: string): EventFilter => {
  const streams = new Set([...own].filter((stream) => requested === null || requested.streams.has(stream) || requested.categories.has(streamCategory(stream))));
  const followsNewAccounts = customerId !== undefined && (requested === null || requested.categories.has(ACCOUNT_CATEGORY));
  if (!followsNewAccounts) return { streams, categories: new Set() };
  return {
    streams,
    categories: new Set(),
    joins: (event) => {
      if (event.type !== 'AccountOpened' || streamCategory(event.streamId) !== ACCOUNT_CATEGORY) return false;
      if ((event.data as { customerId?: unknown } | null)?.customerId !== customerId) return false;
      streams.add(event.streamId);
      return true;
    },
  };
};
