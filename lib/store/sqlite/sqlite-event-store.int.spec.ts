import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { createSqliteTestDatabase } from '../testing/test-databases';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('SQLite', async () => {
  const filename = createSqliteTestDatabase();
  const store = new SqliteEventStore({ filename });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dirname(filename), { recursive: true, force: true });
    },
  };
});
