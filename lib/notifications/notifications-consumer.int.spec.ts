import { describe, expect, it } from 'vitest';
import { accountUpcasters } from '../domain/account/upcasters';
import { InProcessBus } from '../outbox/in-process-bus';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxStore } from '../outbox/outbox-store';
import { appendWithdrawals } from '../outbox/testing/withdrawals';
import { toBusMessage } from '../outbox/to-bus-message';
import { readSideBackends } from '../read/testing/read-side-backends';
import { startNotificationsConsumer } from './notifications-consumer';
import { NotificationsStore } from './notifications-store';

const backends = await readSideBackends();

describe.each(backends)('notifications consumer on the in-process bus, $name', ({ create }) => {
  it('records one notice per large withdrawal and failed transfer, however often each is delivered', async () => {
    const { store, db, cleanup } = await create();
    const bus = new InProcessBus();
    try {
      const notifications = new NotificationsStore(db);
      await startNotificationsConsumer(bus, notifications);
      const large = await appendWithdrawals(store, 'account-w1', 10, 4);
      await store.appendToStream('transfer-t1', [
        { type: 'TransferRequested', data: { transferId: 't1' } },
        {
          type: 'TransferFailed',
          data: { transferId: 't1', fromAccountId: 'w1', toAccountId: 'w2', amount: 3_000_00, currency: 'EUR', reason: { code: 'account_closed', message: 'The account is closed' }, refunded: true },
        },
      ]);
      const outbox = new OutboxStore(db);
      expect(await new OutboxRelay(outbox, bus, accountUpcasters).drain()).toBe(12);

      // At-least-once: the same events delivered again (a relay that died before marking them sent).
      const rows = await db.outboxMessage.findMany({ include: { event: true } });
      for (const row of rows) await bus.publish(toBusMessage(row.event, accountUpcasters));

      const page = await notifications.list({ limit: 100 });
      expect(large).toBe(2);
      // Streams are published side by side, so notices of different streams may come in either order.
      expect(page.items.map((n) => [n.kind, n.amount]).sort()).toEqual([
        ['large_withdrawal', 200_000],
        ['large_withdrawal', 200_000],
        ['transfer_failed', 3_000_00],
      ]);
      expect(page.items.find((n) => n.kind === 'transfer_failed')!.message).toBe('Transfer t1 of €3,000.00 from w1 to w2 failed: The account is closed (refunded)');
      const first = await notifications.list({ limit: 2 });
      expect(first.items).toHaveLength(2);
      expect((await notifications.list({ limit: 2, before: first.nextCursor! })).items.map((n) => n.id)).toEqual([page.items[2]!.id]);
    } finally {
      await bus.close();
      await cleanup();
    }
  });

  it('leaves a message pending while the consumer fails, and records it once the consumer recovers', async () => {
    const { store, db, cleanup } = await create();
    const bus = new InProcessBus();
    try {
      const notifications = new NotificationsStore(db);
      let down = true;
      await startNotificationsConsumer(bus, {
        recordOnce: async (notice) => {
          if (down) throw new Error('notifications database away');
          return notifications.recordOnce(notice);
        },
      } as NotificationsStore);
      await appendWithdrawals(store, 'account-w2', 1, 1);
      const outbox = new OutboxStore(db);
      const relay = new OutboxRelay(outbox, bus, accountUpcasters, { maxAttempts: 10, backoffBaseMs: 1, backoffMaxMs: 1 });
      expect(await relay.drain()).toBe(0);
      expect(await outbox.counts()).toEqual({ pending: 1, sent: 0, parked: 0 });
      down = false;
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await relay.drain()).toBe(1);
      expect(await notifications.count()).toBe(1);
    } finally {
      await bus.close();
      await cleanup();
    }
  });
});
