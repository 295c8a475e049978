import { resolve } from 'node:path';
import type { EventStore } from '../core/event-store';
import { PostgresEventStore } from '../store/postgres/postgres-event-store';
import { SqliteEventStore } from '../store/sqlite/sqlite-event-store';
import { appendSignal } from './append-signal';
import { databaseConfig, type DatabaseConfig } from './database-config';

export type EventStoreOverrides = { clock?: () => Date; synchronous?: 'FULL' | 'NORMAL' };

export const createEventStore = (config: DatabaseConfig = databaseConfig(), overrides: EventStoreOverrides = {}): EventStore =>
  config.provider === 'sqlite'
    ? new SqliteEventStore({
        filename: resolve(config.filename),
        synchronous: overrides.synchronous ?? config.synchronous,
        clock: overrides.clock,
      })
    : new PostgresEventStore({ connectionString: config.url, clock: overrides.clock });

/** Announces each append on the in-process signal once it is durable. */
export const signallingAppends = (store: EventStore): EventStore => ({
  appendToStream: async (streamId, events, options) => {
    const result = await store.appendToStream(streamId, events, options);
    if (!result.duplicate) appendSignal().appended(result.lastGlobalPosition);
    return result;
  },
  readStream: (streamId, options) => store.readStream(streamId, options),
  readAll: (options) => store.readAll(options),
  streamExists: (streamId) => store.streamExists(streamId),
  headPosition: () => store.headPosition(),
  findCommand: (commandId) => store.findCommand(commandId),
  close: () => store.close(),
});

const globalForStore = globalThis as unknown as { chronicleEventStore?: EventStore };

/** One store per server process, surviving Next's hot reloads in development. */
export const eventStore = (): EventStore => (globalForStore.chronicleEventStore ??= signallingAppends(createEventStore()));
