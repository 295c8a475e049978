import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountUpcasters } from '../domain/account/upcasters';
import { startNotificationsConsumer } from '../notifications/notifications-consumer';
import { NotificationsStore } from '../notifications/notifications-store';
import { readSideBackends } from '../read/testing/read-side-backends';
import type { BusMessage } from './message-bus';
import { NatsBus } from './nats-bus';
import { OutboxRelay } from './outbox-relay';
import { OutboxStore } from './outbox-store';
import { eventually } from './testing/bus-messages';
import { OwnNatsServer } from './testing/own-nats-server';
import { ownNatsServerAvailable } from './testing/own-nats-required';
import { appendWithdrawals } from './testing/withdrawals';

const available = ownNatsServerAvailable();
const [sqlite] = await readSideBackends();

describe.skipIf(!available)('relay and consumer across a NATS outage (own nats-server, stopped and restarted)', () => {
  let server: OwnNatsServer;
  beforeAll(async () => {
    server = await OwnNatsServer.start();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('loses nothing, parks nothing, drains the backlog in stream order and notifies once per large withdrawal', async () => {
    const { store, db, cleanup } = await sqlite!.create();
    const relayBus = await NatsBus.connect({ servers: server.url, publishTimeoutMs: 750 });
    const consumerBus = await NatsBus.connect({ servers: server.url, redeliveryDelayMs: 100 });
    const outbox = new OutboxStore(db);
    const notifications = new NotificationsStore(db);
    const relay = new OutboxRelay(outbox, relayBus, accountUpcasters, { pollMs: 20, maxAttempts: 2, backoffBaseMs: 50, backoffMaxMs: 300 });
    const audit: BusMessage[] = [];
    const auditing = await consumerBus.subscribe('audit', {}, async (message) => void audit.push(message));
    const consuming = await startNotificationsConsumer(consumerBus, notifications);
    try {
      relay.start();
      let large = 0;
      for (const id of ['account-o1', 'account-o2', 'account-o3']) large += await appendWithdrawals(store, id, 10);
      await eventually(async () => (await outbox.counts()).sent === 30, 15_000, 'the first 30 to be sent');

      await server.stop();
      for (const id of ['account-o1', 'account-o2', 'account-o4']) large += await appendWithdrawals(store, id, 10);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await outbox.counts()).toEqual({ pending: 30, sent: 30, parked: 0 });
      expect((await outbox.lease())?.busError).toMatch(/NATS did not acknowledge/);

      await server.restart();
      await eventually(async () => (await outbox.counts()).pending === 0, 30_000, 'the backlog to drain');
      await eventually(() => audit.length >= 60, 15_000, 'every event at the audit consumer');
      await eventually(async () => (await notifications.count()) === large, 15_000, `${large} notices`);

      expect(await outbox.counts()).toEqual({ pending: 0, sent: 60, parked: 0 });
      expect(await relayBus.storedCount()).toBe(60);
      expect(new Set(audit.map((m) => m.id)).size).toBe(60);
      for (const [id, count] of [['account-o1', 20], ['account-o2', 20], ['account-o3', 10], ['account-o4', 10]] as const) {
        const versions = audit.filter((m) => m.streamId === id).map((m) => m.streamVersion);
        expect([...new Set(versions)], id).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      }
      expect((await outbox.lease())?.busError).toBeNull();
    } finally {
      await relay.stop();
      await auditing.close();
      await consuming.close();
      await relayBus.close();
      await consumerBus.close();
      await cleanup();
    }
  }, 90_000);
});
