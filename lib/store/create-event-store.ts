import { resolve } from 'node:path';
import { auditQueriesOf, type Auditable } from '../core/audit-queries';
import type { EventStore } from '../core/event-store';
import type { AppendSignal } from './append-signal';
import { databaseConfig, type DatabaseConfig } from './database-config';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

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

/** Announces each append on the process's signal once it is durable. */
export const signallingAppends = (store: EventStore, signal: AppendSignal): EventStore => ({
  appendToStream: async (streamId, events, options) => {
    const result = await store.appendToStream(streamId, events, options);
    if (!result.duplicate) signal.appended(result.lastGlobalPosition);
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
