import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStore } from '../../core/event-store';
import { createReadDb, type ReadDb } from '../../read/read-db';
import { databaseConfig } from '../../server/database-config';
import { PostgresEventStore } from '../../store/postgres/postgres-event-store';
import { SqliteEventStore } from '../../store/sqlite/sqlite-event-store';
import { postgresAvailable } from '../../store/testing/postgres-availability';
import { createPostgresTestSchema, createSqliteTestDatabase } from '../../store/testing/test-databases';

/** A fresh database with the event store and the read side's Prisma client on it. */
export type ReadSideFixture = { url: string; store: EventStore; db: ReadDb; openDb: () => ReadDb; cleanup: () => Promise<void> };

const sqlite = async (): Promise<ReadSideFixture> => {
  const filename = createSqliteTestDatabase();
  const url = `file:${filename}`;
  const store = new SqliteEventStore({ filename });
  const dbs: ReadDb[] = [];
  const openDb = () => {
    const db = createReadDb(databaseConfig({ DATABASE_URL: url }));
    dbs.push(db);
    return db;
  };
  return {
    url,
    store,
    db: openDb(),
    openDb,
    cleanup: async () => {
      await Promise.all(dbs.map((db) => db.$disconnect()));
      await store.close();
      rmSync(dirname(filename), { recursive: true, force: true });
    },
  };
};

const postgres = async (): Promise<ReadSideFixture> => {
  const database = await createPostgresTestSchema();
  const store = new PostgresEventStore({ connectionString: database.url });
  const dbs: ReadDb[] = [];
  const openDb = () => {
    const db = createReadDb(databaseConfig({ DATABASE_URL: database.url }));
    dbs.push(db);
    return db;
  };
  return {
    url: database.url,
    store,
    db: openDb(),
    openDb,
    cleanup: async () => {
      await Promise.all(dbs.map((db) => db.$disconnect()));
      await store.close();
      await database.drop();
    },
  };
};

export const readSideBackends = async () => [
  { name: 'SQLite', create: sqlite },
  ...((await postgresAvailable()) ? [{ name: 'PostgreSQL', create: postgres }] : []),
];
