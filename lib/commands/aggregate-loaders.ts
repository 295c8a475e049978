import type { AnyAggregate } from '../core/aggregate';
import { AggregateLoader } from '../core/aggregate-loader';
import type { EventStore } from '../core/event-store';
import { DEFAULT_SNAPSHOT_EVERY, type SnapshotStore } from '../core/snapshots';
import { accountAggregate } from '../domain/account/aggregate';
import type { AccountEvent } from '../domain/account/events';
import type { AccountState } from '../domain/account/state';

export type AccountLoader = AggregateLoader<AccountState, AccountEvent>;

/** SNAPSHOT_EVERY (default 100) events between snapshots; 0 turns snapshots off. */
export const snapshotEvery = (env: Record<string, string | undefined> = process.env): number => {
  const value = Number(env.SNAPSHOT_EVERY ?? DEFAULT_SNAPSHOT_EVERY);
  if (!Number.isInteger(value) || value < 0) throw new Error(`SNAPSHOT_EVERY must be a whole number ≥ 0, got ${env.SNAPSHOT_EVERY}`);
  return value;
};

export type LoaderSettings = { snapshots: SnapshotStore | null; every: number; cache: boolean };

/**
 * How an aggregate's streams are loaded for decisions and time travel: hot streams from an
 * in-memory cache, long ones from the newest snapshot of the aggregate's state schema version
 * plus the tail. An aggregate without a state schema version is replayed from its first event.
 */
export const createAggregateLoader = <State = unknown, Event = unknown>(
  store: EventStore,
  aggregate: AnyAggregate,
  settings: LoaderSettings,
): AggregateLoader<State, Event> => {
  const stateSchemaVersion = aggregate.stateSchemaVersion;
  const snapshots =
    settings.snapshots && settings.every > 0 && stateSchemaVersion !== undefined
      ? { store: settings.snapshots, policy: { every: settings.every, stateSchemaVersion } }
      : undefined;
  return new AggregateLoader<State, Event>(store, aggregate.decider, {
    snapshots,
    cache: settings.cache ? { maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 } : undefined,
    onSnapshotError: (error) => console.warn('[snapshots] not written:', error instanceof Error ? error.message : error),
  });
};

/** The account's loader, for scripts and tests that hold a store of their own. */
export const createAccountLoader = (store: EventStore, snapshots: SnapshotStore | null, cache = true): AccountLoader =>
  createAggregateLoader<AccountState, AccountEvent>(store, accountAggregate, { snapshots, every: snapshotEvery(), cache });
