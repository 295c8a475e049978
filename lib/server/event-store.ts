import { resolve } from 'node:path';
import { auditQueriesOf, type Auditable } from '../core/audit-queries';
import type { EventStore } from '../core/event-store';
import { upcastingStore, type UpcastingEventStore } from '../core/upcasting-store';
import { accountUpcasters } from '../domain/account/upcasters';
import { PostgresEventStore } from '../store/postgres/postgres-event-store';
import { SqliteEventStore } from '../store/sqlite/sqlite-event-store';
import { appendSignal } from './append-signal';
import { databaseConfig, type DatabaseConfig } from './database-config';

export type EventStoreOverrides = { clock?: () => Date; synchronous?: 'FULL' | 'NORMAL' };

/** The database adapter itself: events exactly as stored, versions as recorded. */
export const createStoredEventStore = (config: DatabaseConfig = databaseConfig(), overrides: EventStoreOverrides = {}): EventStore =>
  config.provider === 'sqlite'
    ? new SqliteEventStore({
        filename: resolve(config.filename),
        synchronous: overrides.synchronous ?? config.synchronous,
        clock: overrides.clock,
      })
    : new PostgresEventStore({ connectionString: config.url, clock: overrides.clock });

/**
 * The store every reader and writer of domain events uses (server, projector,
 * CLI): reads are upcast to the current schema versions, new events are
 * written at them. `.stored` is the adapter beneath.
 */
export const createEventStore = (config: DatabaseConfig = databaseConfig(), overrides: EventStoreOverrides = {}): UpcastingEventStore =>
  upcastingStore(createStoredEventStore(config, overrides), accountUpcasters);

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
  ...forwardAuditQueries(store),
});

const forwardAuditQueries = (store: EventStore): Partial<Auditable> => {
  const queries = auditQueriesOf(store);
  return queries ? { auditQueries: () => queries } : {};
};

const globalForStore = globalThis as unknown as { chronicleEventStore?: UpcastingEventStore };

/** One store per server process, surviving Next's hot reloads in development. */
export const eventStore = (): UpcastingEventStore => {
  const cached = globalForStore.chronicleEventStore;
  // A dev server hot-reloaded from before upcasting holds a plain store: replace it rather than serve stored shapes.
  if (cached && 'upcasters' in cached) return cached;
  return (globalForStore.chronicleEventStore = upcastingStore(signallingAppends(createStoredEventStore()), accountUpcasters));
};
