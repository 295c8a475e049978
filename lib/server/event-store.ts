import { resolve } from 'node:path';
import type { EventStore } from '../core/event-store';
import { PostgresEventStore } from '../store/postgres/postgres-event-store';
import { SqliteEventStore } from '../store/sqlite/sqlite-event-store';
import { databaseConfig, type DatabaseConfig } from './database-config';

export const createEventStore = (config: DatabaseConfig = databaseConfig()): EventStore =>
  config.provider === 'sqlite'
    ? new SqliteEventStore({ filename: resolve(config.filename), synchronous: config.synchronous })
    : new PostgresEventStore({ connectionString: config.url });

const globalForStore = globalThis as unknown as { chronicleEventStore?: EventStore };

/** One store per server process, surviving Next's hot reloads in development. */
export const eventStore = (): EventStore => (globalForStore.chronicleEventStore ??= createEventStore());
