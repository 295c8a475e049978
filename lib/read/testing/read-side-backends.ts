import type { EventStore } from '../../core/event-store';
import { createReadDb, type ReadDb } from '../read-db';
import { databaseConfig } from '../../store/database-config';
import { testBackends, type TestBackend } from '../../store/testing/backends';

/** A fresh database with the event store and the read side's Prisma client on it. */
export type ReadSideFixture = { url: string; store: EventStore; db: ReadDb; openDb: () => ReadDb; cleanup: () => Promise<void> };

const withReadSide = async (backend: TestBackend): Promise<ReadSideFixture> => {
  const dbs: ReadDb[] = [];
  const openDb = () => {
    const db = createReadDb(databaseConfig({ DATABASE_URL: backend.url }));
    dbs.push(db);
    return db;
  };
  return {
    url: backend.url,
    store: backend.open(),
    db: openDb(),
    openDb,
    cleanup: async () => {
      await Promise.all(dbs.map((db) => db.$disconnect()));
      await backend.cleanup();
    },
  };
};

export const readSideBackends = async () =>
  (await testBackends()).map(({ name, create }) => ({ name, create: async () => withReadSide(await create()) }));
