import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStore } from '../../core/event-store';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { postgresAvailable } from './postgres-availability';
import { createPostgresTestSchema, createSqliteTestDatabase } from './test-databases';

/** A fresh database and a way to open any number of store instances on it (as separate processes would). */
export type TestBackend = { name: string; url: string; open: () => EventStore; cleanup: () => Promise<void> };

const sqliteBackend = async (): Promise<TestBackend> => {
  const filename = createSqliteTestDatabase();
  const stores: EventStore[] = [];
  return {
    name: 'SQLite',
    url: `file:${filename}`,
    open: () => {
      const store = new SqliteEventStore({ filename });
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(stores.map((store) => store.close()));
      rmSync(dirname(filename), { recursive: true, force: true });
    },
  };
};

const postgresBackend = async (): Promise<TestBackend> => {
  const database = await createPostgresTestSchema();
  const stores: EventStore[] = [];
  return {
    name: 'PostgreSQL',
    url: database.url,
    open: () => {
      const store = new PostgresEventStore({ connectionString: database.url });
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(stores.map((store) => store.close()));
      await database.drop();
    },
  };
};

/** SQLite always; PostgreSQL when reachable (required in CI). */
export const testBackends = async (): Promise<Array<{ name: string; create: () => Promise<TestBackend> }>> => [
  { name: 'SQLite', create: sqliteBackend },
  ...((await postgresAvailable()) ? [{ name: 'PostgreSQL', create: postgresBackend }] : []),
];
