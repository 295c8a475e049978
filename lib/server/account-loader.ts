import { resolve } from 'node:path';
import { AggregateLoader } from '../core/aggregate-loader';
import type { EventStore } from '../core/event-store';
import { DEFAULT_SNAPSHOT_EVERY, type SnapshotStore } from '../core/snapshots';
import { accountDecider } from '../domain/account/decider';
import type { AccountEvent } from '../domain/account/events';
import { ACCOUNT_STATE_SCHEMA_VERSION, type AccountState } from '../domain/account/state';
import { createPool } from '../store/postgres/postgres-pool';
import { PostgresSnapshotStore } from '../store/postgres/postgres-snapshot-store';
import { SqliteSnapshotStore } from '../store/sqlite/sqlite-snapshot-store';
import { databaseConfig, type DatabaseConfig } from './database-config';
import { eventStore } from './event-store';

export type AccountLoader = AggregateLoader<AccountState, AccountEvent>;

export const createSnapshotStore = (config: DatabaseConfig = databaseConfig()): SnapshotStore =>
  config.provider === 'sqlite'
    ? new SqliteSnapshotStore(resolve(config.filename))
    : new PostgresSnapshotStore(createPool({ connectionString: config.url, max: 2 }), true);

/** SNAPSHOT_EVERY (default 100) events between account snapshots; 0 turns snapshots off. */
export const snapshotEvery = (env: Record<string, string | undefined> = process.env): number => {
  const value = Number(env.SNAPSHOT_EVERY ?? DEFAULT_SNAPSHOT_EVERY);
  if (!Number.isInteger(value) || value < 0) throw new Error(`SNAPSHOT_EVERY must be a whole number ≥ 0, got ${env.SNAPSHOT_EVERY}`);
  return value;
};

export const createAccountLoader = (store: EventStore, snapshots: SnapshotStore | null, cache = true): AccountLoader => {
  const every = snapshotEvery();
  return new AggregateLoader<AccountState, AccountEvent>(store, accountDecider, {
    snapshots: snapshots && every > 0 ? { store: snapshots, policy: { every, stateSchemaVersion: ACCOUNT_STATE_SCHEMA_VERSION } } : undefined,
    cache: cache ? { maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 } : undefined,
    onSnapshotError: (error) => console.warn('[snapshots] not written:', error instanceof Error ? error.message : error),
  });
};

const globalForLoader = globalThis as unknown as { chronicleAccountLoader?: AccountLoader };

/** The server's account loader: hot accounts cached in memory, long streams loaded from snapshots. */
export const accountLoader = (): AccountLoader =>
  (globalForLoader.chronicleAccountLoader ??= createAccountLoader(eventStore(), createSnapshotStore()));
