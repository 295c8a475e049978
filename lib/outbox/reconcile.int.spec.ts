import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/testing/run-in-process';
import { accountUpcasters } from '../domain/account/upcasters';
import { NOTIFICATIONS_CONSUMER, startNotificationsConsumer } from '../notifications/notifications-consumer';
import { NotificationsStore } from '../notifications/notifications-store';
import { readSideBackends } from '../read/testing/read-side-backends';
import { JetStreamInventory } from './jetstream-inventory';
import type { BusMessage } from './message-bus';
import { NatsBus } from './nats-bus';
import { OutboxHistory } from './outbox-history';
import { OutboxReconciler } from './outbox-reconciler';
import { OutboxRelay } from './outbox-relay';
import { OutboxStore } from './outbox-store';
import { eventually, uniqueBusNames } from './testing/bus-messages';
import { natsAvailable, TEST_NATS_URL } from './testing/nats-availability';
import { appendWithdrawals } from './testing/withdrawals';

/*
 * A broker that acknowledged and then lost messages (simulated by deleting them from the stream behind
 * the relay's back): reconciliation finds them by comparing the stream with the outbox's sent rows and
 * publishes them again, so every event is delivered, and acted on once.
 */

const available = await natsAvailable();
const backends = await readSideBackends();

/** Every message body in the stream, in stream order. */
const everything = async (bus: NatsBus): Promise<BusMessage[]> => {
  const { state } = await (await jetstreamManager(bus.connection)).streams.info(bus.stream);
  const consumer = await jetstream(bus.connection).consumers.get(bus.stream, { deliver_policy: DeliverPolicy.All });
  const messages: BusMessage[] = [];
  while (messages.length < state.messages) {
    const batch = await consumer.fetch({ max_messages: 500, expires: 2_000 });
    let got = 0;
    for await (const message of batch) {
      got++;
      messages.push(message.json<BusMessage>());
      if (message.info.pending === 0) break;
    }
    if (got === 0) break;
  }
  return messages;
};

/** The durable consumer has acknowledged everything up to the stream's last message. */
const consumerDone = async (bus: NatsBus, durable: string): Promise<boolean> => {
  const jsm = await jetstreamManager(bus.connection);
  const [stream, consumer] = await Promise.all([jsm.streams.info(bus.stream), jsm.consumers.info(bus.stream, durable)]);
  return consumer.num_pending === 0 && consumer.num_ack_pending === 0 && consumer.ack_floor.stream_seq >= stream.state.last_seq;
};

const deleteFromStream = async (bus: NatsBus, sequences: number[]) => {
  const jsm = await jetstreamManager(bus.connection);
  for (const seq of sequences) expect(await jsm.streams.deleteMessage(bus.stream, seq)).toBe(true);
};

describe.skipIf(!available).each(backends)('reconciling JetStream with the outbox on $name', ({ create }) => {
  it('republishes what the stream lost behind the relay’s back: every event in the stream once after dedup, every notice once', async () => {
    const { url, store, db, cleanup } = await create();
    const names = uniqueBusNames();
    const bus = await NatsBus.connect({ servers: TEST_NATS_URL, ...names });
    try {
      const large = (await appendWithdrawals(store, 'account-r1', 12, 3)) + (await appendWithdrawals(store, 'account-r2', 12, 4));
      expect(await new OutboxRelay(new OutboxStore(db), bus, accountUpcasters).drain()).toBe(24);
      const notifications = new NotificationsStore(db);
      const consumer = await startNotificationsConsumer(bus, notifications);
      await eventually(async () => (await notifications.list({ limit: 100 })).items.length === large, 15_000, 'the first notices');

      // Given a broker that lost seven acknowledged messages (among them large withdrawals)
      await deleteFromStream(bus, [1, 3, 6, 9, 12, 13, 24]);
      const history = new OutboxHistory(db);
      const reconciler = new OutboxReconciler(history, new JetStreamInventory(bus), accountUpcasters);
      const since = new Date(Date.now() - 3_600_000);

      // When reconciled: a dry run reports them, the real run republishes them
      const dry = await reconciler.reconcile({ since, dryRun: true });
      expect(dry).toMatchObject({ sent: 24, missing: 7, republished: 0 });
      const report = await reconciler.reconcile({ since });
      // The ids are still inside the broker's duplicate window, so each goes again under a fresh message id.
      expect(report).toMatchObject({ sent: 24, missing: 7, republished: 7, republishedUnderNewId: 7, alreadyThere: 0 });
      expect(await reconciler.reconcile({ since })).toMatchObject({ sent: 24, missing: 0, republished: 0 });

      // Then the stream holds every event exactly once after dedup by event id (the seven lost ones once each)
      const stored = await everything(bus);
      const ids = stored.map((message) => message.id);
      const events = await db.event.findMany({ select: { eventId: true } });
      expect(new Set(ids)).toEqual(new Set(events.map((event) => event.eventId)));
      expect(ids).toHaveLength(24);
      // And the consumer, which had seen the lost messages already and now sees them again, noticed each once
      await eventually(async () => (await consumerDone(bus, NOTIFICATIONS_CONSUMER)) === true, 15_000, 'the consumer to take the republished messages');
      expect((await notifications.list({ limit: 100 })).items).toHaveLength(large);
      await consumer.close();

      // The CLI does the same: another loss, found and repaired by `chronicle outbox reconcile`
      await deleteFromStream(bus, [26]); // one of the republished ones
      const env = { DATABASE_URL: url, NATS_URL: TEST_NATS_URL, NATS_STREAM: names.streamName, NATS_SUBJECT_PREFIX: names.subjectPrefix };
      const run = await runInProcess(['outbox', 'reconcile', '--window', '1h', '--json'], env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ sent: 24, missing: 1, republished: 1, dryRun: false });
      expect(new Set((await everything(bus)).map((message) => message.id)).size).toBe(24);
    } finally {
      await bus.deleteStream().catch(() => undefined);
      await bus.close();
      await cleanup();
    }
  });

  it('prunes sent rows past the retention, never pending ones', async () => {
    const { store, db, cleanup } = await create();
    const names = uniqueBusNames();
    const bus = await NatsBus.connect({ servers: TEST_NATS_URL, ...names });
    try {
      await appendWithdrawals(store, 'account-p1', 5);
      expect(await new OutboxRelay(new OutboxStore(db), bus, accountUpcasters).drain()).toBe(5);
      await appendWithdrawals(store, 'account-p2', 2);
      const outbox = new OutboxStore(db);
      expect(await outbox.counts()).toMatchObject({ sent: 5, pending: 2 });
      const history = new OutboxHistory(db);
      expect(await history.pruneSentBefore(new Date(Date.now() - 60_000))).toBe(0);
      expect(await history.pruneSentBefore(new Date(Date.now() + 60_000))).toBe(5);
      expect(await outbox.counts()).toMatchObject({ sent: 0, pending: 2 });
      // Pruned rows are gone from the comparison too: nothing to republish, nothing reported missing.
      const report = await new OutboxReconciler(history, new JetStreamInventory(bus), accountUpcasters).reconcile({ since: new Date(0) });
      expect(report).toMatchObject({ sent: 0, missing: 0 });
    } finally {
      await bus.deleteStream().catch(() => undefined);
      await bus.close();
      await cleanup();
    }
  });
});
