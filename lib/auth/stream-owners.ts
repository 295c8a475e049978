import { LRUCache } from 'lru-cache';
import type { AggregateRegistry } from '../core/aggregate-registry';
import type { EventStore } from '../core/event-store';

/** No such stream, or no aggregate's stream: nobody owns it. */
export const NO_STREAM = Symbol('no stream');

/**
 * Who owns a stream, from its first event as its aggregate reads it (upcast, so a legacy
 * account's `name` reads as its holder). Not from a read model: a stream opened a moment ago
 * is known here before any projection has caught up. An owner never changes, so found owners are cached.
 */
export class StreamOwners {
  private readonly cache = new LRUCache<string, string>({ max: 50_000 });

  constructor(
    private readonly store: EventStore,
    private readonly aggregates: AggregateRegistry,
  ) {}

  /** The owner's holder name; null for a stream no customer owns; NO_STREAM when an aggregate's stream does not exist. */
  async ownerOf(streamId: string): Promise<string | null | typeof NO_STREAM> {
    const cached = this.cache.get(streamId);
    if (cached !== undefined) return cached;
    const aggregate = this.aggregates.ofStream(streamId);
    // No customer owns a stream outside the aggregates, whether it exists or not (staff only, and nothing learnt).
    if (!aggregate) return null;
    const [first] = await this.store.readStream(streamId, { limit: 1 });
    if (!first) return NO_STREAM;
    const owner = aggregate.ownerOf(first);
    if (owner !== null) this.cache.set(streamId, owner);
    return owner;
  }
}
