import { describe, expect, it } from 'vitest';
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

describe('SQLite durability settings', () => {
  it('runs in WAL with synchronous FULL by default and NORMAL only when asked', async () => {
    const filename = createSqliteTestDatabase();
    const durable = new SqliteEventStore({ filename });
    const fast = new SqliteEventStore({ filename, synchronous: 'NORMAL' });
    try {
      expect(durable.settings()).toEqual({ journalMode: 'wal', synchronous: 'FULL' });
      expect(fast.settings()).toEqual({ journalMode: 'wal', synchronous: 'NORMAL' });
    } finally {
      await durable.close();
      await fast.close();
      rmSync(dirname(filename), { recursive: true, force: true });
    }
  });
});
