import { LRUCache } from 'lru-cache';
import type { EventStore } from '../../core/event-store';
import { accountStreamId } from '../../domain/account/decider';
import { eventStore } from '../event-store';

/** No account (no AccountOpened at version 1). */
export const NO_ACCOUNT = Symbol('no account');

const caches = new WeakMap<EventStore, LRUCache<string, string>>();
const cacheOf = (store: EventStore) => {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new LRUCache<string, string>({ max: 50_000 })));
  return cache;
};

/**
 * The holder of an account, from its first event in the store (upcast, so a
 * legacy v1 `name` reads as `holder.name`). Not from a read model: an account
 * opened a moment ago is known here before any projection has caught up.
 * Who holds an account never changes, so a found holder is cached.
 */
export const accountHolder = async (accountId: string, store: EventStore = eventStore()): Promise<string | typeof NO_ACCOUNT> => {
  const cache = cacheOf(store);
  const cached = cache.get(accountId);
  if (cached !== undefined) return cached;
  const [first] = await store.readStream(accountStreamId(accountId), { limit: 1 });
  if (first?.type !== 'AccountOpened') return NO_ACCOUNT;
  const holder = (first.data as { holder?: { name?: unknown } }).holder?.name;
  if (typeof holder !== 'string') return NO_ACCOUNT;
  cache.set(accountId, holder);
  return holder;
};
