import { describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import { accountUpcasters } from '../domain/account/upcasters';
import { readSideBackends } from '../read/testing/read-side-backends';
import { OutboxRelay } from './outbox-relay';
import { OutboxStore } from './outbox-store';
import { RecordingBus } from './testing/recording-bus';

const backends = await readSideBackends();

const deposit = (accountId: string, amount: number) => ({
  type: 'MoneyDeposited',
  data: { accountId, amount, currency: 'EUR', description: 'test', depositedAt: '2026-01-01T00:00:00.000Z' },
});

const appendDeposits = async (store: EventStore, streamId: string, count: number) => {
  for (let i = 0; i < count; i++) await store.appendToStream(streamId, [deposit(streamId, 100 + i)]);
};

const fastRelay = (outbox: OutboxStore, bus: RecordingBus, maxAttempts = 3) =>
  new OutboxRelay(outbox, bus, accountUpcasters, { maxAttempts, backoffBaseMs: 1, backoffMaxMs: 1, batchSize: 7 });

describe.each(backends)('outbox on $name', ({ create }) => {
  it('gets one row per event in the append transaction, and none from a refused append', async () => {
    const { store, db, cleanup } = await create();
    try {
      await store.appendToStream('account-a', [deposit('account-a', 1), deposit('account-a', 2)]);
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.appendToStream(`account-c${i}`, [deposit(`account-c${i}`, i + 1)])));
      await expect(store.appendToStream('account-a', [deposit('account-a', 3)], { expectedVersion: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
      const [first] = await store.readStream('account-a');
      await expect(store.appendToStream('account-b', [{ ...deposit('account-b', 4), eventId: first!.eventId }])).rejects.toThrow();
      const rows = await db.outboxMessage.findMany({ orderBy: { position: 'asc' } });
      expect(rows).toHaveLength(22);
      expect(rows.every((row) => row.status === 'pending' && row.attempts === 0)).toBe(true);
      expect(rows.map((row) => Number(row.position))).toEqual((await store.readAll()).map((event) => event.globalPosition));
    } finally {
      await cleanup();
    }
  });

  it('publishes every event once, in stream order, and marks it sent only after the ack', async () => {
    const { store, db, cleanup } = await create();
    try {
      await Promise.all(['account-x', 'account-y', 'account-z'].map((id) => appendDeposits(store, id, 12)));
      const outbox = new OutboxStore(db);
      const bus = new RecordingBus();
      expect(await fastRelay(outbox, bus).drain()).toBe(36);
      expect(await fastRelay(outbox, bus).drain()).toBe(0);
      for (const id of ['account-x', 'account-y', 'account-z']) expect(bus.versionsOf(id)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(new Set(bus.published.map((message) => message.id)).size).toBe(36);
      expect(bus.published[0]).toMatchObject({ subject: 'chronicle.events.account.MoneyDeposited', category: 'account', schemaVersion: 2 });
      expect(await outbox.counts()).toEqual({ pending: 0, sent: 36, parked: 0 });
    } finally {
      await cleanup();
    }
  });

  it('keeps everything pending while the bus is down, parks nothing, and drains the backlog when it returns', async () => {
    const { store, db, cleanup } = await create();
    try {
      await appendDeposits(store, 'account-d', 5);
      const outbox = new OutboxStore(db);
      const bus = new RecordingBus();
      bus.down = true;
      const relay = fastRelay(outbox, bus, 2);
      for (let i = 0; i < 4; i++) expect(await relay.drain()).toBe(0);
      expect(await outbox.counts()).toEqual({ pending: 5, sent: 0, parked: 0 });
      expect((await outbox.lease())?.busError).toMatch(/switched off/);
      await appendDeposits(store, 'account-e', 3);
      bus.down = false;
      expect(await relay.drain()).toBe(8);
      expect(bus.versionsOf('account-d')).toEqual([1, 2, 3, 4, 5]);
      expect((await outbox.lease())?.busError).toBeNull();
    } finally {
      await cleanup();
    }
  });

  it('parks a message after N failures, holds its stream behind it, lets other streams through, and retries it by hand', async () => {
    const { store, db, cleanup } = await create();
    try {
      await appendDeposits(store, 'account-p', 4);
      await appendDeposits(store, 'account-q', 3);
      const outbox = new OutboxStore(db);
      const bus = new RecordingBus();
      bus.refuse = (message) => message.streamId === 'account-p' && message.streamVersion === 2;
      const relay = fastRelay(outbox, bus, 3);
      for (let i = 0; i < 6; i++) {
        await relay.drain();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(bus.versionsOf('account-p')).toEqual([1]);
      expect(bus.versionsOf('account-q')).toEqual([1, 2, 3]);
      const parked = await outbox.listParked();
      expect(parked.map((row) => [row.streamId, row.event.streamVersion, row.attempts])).toEqual([['account-p', 2, 3]]);
      expect(parked[0]!.lastError).toMatch(/refused MoneyDeposited account-p@2/);
      expect(await outbox.counts()).toEqual({ pending: 2, sent: 4, parked: 1 });
      expect(await outbox.blockedCount()).toBe(2);

      bus.refuse = () => false;
      expect(await outbox.retry(parked[0]!.position)).toBe(true);
      expect(await outbox.retry(parked[0]!.position)).toBe(false);
      expect(await relay.drain()).toBe(3);
      expect(bus.versionsOf('account-p')).toEqual([1, 2, 3, 4]);
      expect(await outbox.counts()).toEqual({ pending: 0, sent: 7, parked: 0 });
    } finally {
      await cleanup();
    }
  });

  it('holds a stream backing off after a failed publish until its retry time, and lets other streams through', async () => {
    const { store, db, cleanup } = await create();
    try {
      await appendDeposits(store, 'account-r', 3);
      await appendDeposits(store, 'account-s', 2);
      let now = Date.now();
      const outbox = new OutboxStore(db, () => new Date(now));
      const bus = new RecordingBus();
      bus.refuse = (message) => message.streamId === 'account-r' && message.streamVersion === 1;
      const relay = new OutboxRelay(outbox, bus, accountUpcasters, { maxAttempts: 5, backoffBaseMs: 60_000, backoffMaxMs: 60_000 });
      expect(await relay.drain()).toBe(2);
      bus.refuse = () => false;
      // The failed row's retry time is 48–72 s away: its stream waits, whatever else is appended.
      await appendDeposits(store, 'account-s', 1);
      expect(await relay.drain()).toBe(1);
      expect(bus.versionsOf('account-r')).toEqual([]);
      expect(bus.versionsOf('account-s')).toEqual([1, 2, 3]);
      expect(await outbox.counts()).toEqual({ pending: 3, sent: 3, parked: 0 });
      now += 80_000; // past the retry time, jitter (±20 %) included
      expect(await relay.drain()).toBe(3);
      expect(bus.versionsOf('account-r')).toEqual([1, 2, 3]);
      const [retried] = await db.outboxMessage.findMany({ where: { streamId: 'account-r' }, orderBy: { position: 'asc' }, take: 1 });
      expect(retried).toMatchObject({ status: 'sent', attempts: 2, nextAttemptAt: null });
    } finally {
      await cleanup();
    }
  });

  it('lets one relay publish at a time; another takes over when the lease expires', async () => {
    const { store, db, cleanup } = await create();
    try {
      await appendDeposits(store, 'account-l', 3);
      // The lease's clock is the test's: a busy machine pausing between two steps cannot expire it early.
      let now = Date.now();
      const outbox = new OutboxStore(db, () => new Date(now));
      const bus = new RecordingBus();
      const first = new OutboxRelay(outbox, bus, accountUpcasters, { leaseMs: 200 });
      const second = new OutboxRelay(outbox, bus, accountUpcasters, { leaseMs: 200 });
      expect(await outbox.relayLease(first.holder, 200).acquire()).toBe(true);
      expect(await second.drain()).toBe(0);
      now += 250;
      expect(await second.drain()).toBe(3);
      expect(await outbox.relayLease(first.holder, 200).acquire()).toBe(false);
    } finally {
      await cleanup();
    }
  });
});
