import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../core/event-store';
import { accountUpcasters } from '../domain/account/upcasters';
import { createReadDb, type ReadDb } from '../read/read-db';
import { databaseConfig } from '../store/database-config';
import { PostgresEventStore } from '../store/postgres/postgres-event-store';
import { SqliteEventStore } from '../store/sqlite/sqlite-event-store';
import { postgresAvailable } from '../store/testing/postgres-availability';
import {
  applyPostgresMigration,
  applySqliteMigration,
  createPostgresTestSchema,
  createSqliteTestDatabase,
} from '../store/testing/test-databases';
import { OutboxHistory } from './outbox-history';
import { OutboxRelay } from './outbox-relay';
import { OutboxStore } from './outbox-store';
import { RecordingBus } from './testing/recording-bus';

/*
 * 20261204000900_outbox_lean_append swaps two outbox indexes for partial ones (and, on PostgreSQL, drops
 * the outbox's foreign key). An outbox written before it carries on after it: sent rows stay in the
 * history reconciliation reads, the parked row stays parked and holds its stream, pending rows get sent.
 */

const MIGRATION = '20261204000900_outbox_lean_append';

type Upgradable = { store: EventStore; url: string; upgrade: () => Promise<void>; cleanup: () => Promise<void> };

const sqlite = async (): Promise<Upgradable> => {
  const filename = createSqliteTestDatabase({ before: MIGRATION });
  const store = new SqliteEventStore({ filename });
  return {
    store,
    url: `file:${filename}`,
    upgrade: async () => applySqliteMigration(filename, MIGRATION),
    cleanup: async () => {
      await store.close();
      rmSync(dirname(filename), { recursive: true, force: true });
    },
  };
};

const postgres = async (): Promise<Upgradable> => {
  const database = await createPostgresTestSchema({ before: MIGRATION });
  const store = new PostgresEventStore({ connectionString: database.url });
  return {
    store,
    url: database.url,
    upgrade: () => applyPostgresMigration(database.schema, MIGRATION),
    cleanup: async () => {
      await store.close();
      await database.drop();
    },
  };
};

const backends = [{ name: 'SQLite', create: sqlite }, ...((await postgresAvailable()) ? [{ name: 'PostgreSQL', create: postgres }] : [])];

const deposit = (accountId: string, amount: number) => ({
  type: 'MoneyDeposited',
  data: { accountId, amount, currency: 'EUR', description: 'test', depositedAt: '2026-01-01T00:00:00.000Z' },
});

const appendDeposits = async (store: EventStore, streamId: string, count: number) => {
  for (let i = 0; i < count; i++) await store.appendToStream(streamId, [deposit(streamId, 100 + i)]);
};

describe.each(backends)('the lean-append outbox migration on $name', ({ create }) => {
  it('carries an outbox forward: sent rows stay in the history, the parked row holds its stream, pending rows get sent', async () => {
    const { store, url, upgrade, cleanup } = await create();
    let db: ReadDb | undefined;
    try {
      const start = new Date(Date.now() - 1000);
      await appendDeposits(store, 'account-m', 3);
      await appendDeposits(store, 'account-n', 2);
      db = createReadDb(databaseConfig({ DATABASE_URL: url }));
      const outbox = new OutboxStore(db);
      const bus = new RecordingBus();
      bus.refuse = (message) => message.streamId === 'account-m' && message.streamVersion === 2;
      const relay = new OutboxRelay(outbox, bus, accountUpcasters, { maxAttempts: 1, backoffBaseMs: 1, backoffMaxMs: 1 });
      expect(await relay.drain()).toBe(3); // m@1, n@1, n@2; m@2 parked, m@3 behind it
      await appendDeposits(store, 'account-n', 2); // pending when the migration runs
      expect(await outbox.counts()).toEqual({ pending: 3, sent: 3, parked: 1 });

      await upgrade();

      expect(await outbox.counts()).toEqual({ pending: 3, sent: 3, parked: 1 });
      expect(await outbox.blockedCount()).toBe(1);
      bus.refuse = () => false;
      expect(await relay.drain()).toBe(2);
      expect(bus.versionsOf('account-n')).toEqual([1, 2, 3, 4]);
      expect(bus.versionsOf('account-m')).toEqual([1]);
      const [parked] = await outbox.listParked();
      expect(await outbox.retry(parked!.position)).toBe(true);
      expect(await relay.drain()).toBe(2);
      expect(bus.versionsOf('account-m')).toEqual([1, 2, 3]);

      const history = new OutboxHistory(db);
      const sent = await history.sentBetween(start, new Date(Date.now() + 1000));
      expect(sent.map((record) => record.eventId).sort()).toEqual(bus.published.map((message) => message.id).sort());
      expect(await history.pruneSentBefore(new Date(Date.now() + 1000))).toBe(7);
      expect(await outbox.counts()).toEqual({ pending: 0, sent: 0, parked: 0 });
    } finally {
      await db?.$disconnect();
      await cleanup();
    }
  });
});
