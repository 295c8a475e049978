import { describeEventStoreContract } from '../testing/event-store-contract';
import { postgresAvailable } from '../testing/postgres-availability';
import { createPostgresTestSchema } from '../testing/test-databases';
import { PostgresEventStore } from './postgres-event-store';
import { describe } from 'vitest';

const available = await postgresAvailable();

describe.runIf(available)('PostgreSQL', () => {
  describeEventStoreContract('PostgreSQL', async () => {
    const database = await createPostgresTestSchema();
    const store = new PostgresEventStore({ connectionString: database.url });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await database.drop();
      },
    };
  });
});
