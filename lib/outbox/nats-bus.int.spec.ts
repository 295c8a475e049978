import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from './message-bus';
import { NatsBus } from './nats-bus';
import { busMessage, eventually, uniqueBusNames } from './testing/bus-messages';
import { natsAvailable, TEST_NATS_URL } from './testing/nats-availability';

const available = await natsAvailable();

describe.skipIf(!available)(`NATS JetStream bus (${TEST_NATS_URL})`, () => {
  let bus: NatsBus;
  beforeAll(async () => {
    bus = await NatsBus.connect({ servers: TEST_NATS_URL, ...uniqueBusNames(), publishTimeoutMs: 3000, redeliveryDelayMs: 50 });
  });
  afterAll(async () => {
    await bus?.deleteStream();
    await bus?.close();
  });

  it('delivers published messages to a durable consumer in order, filtered by category and type', async () => {
    const received: BusMessage[] = [];
    const subscription = await bus.subscribe('ordered', { categories: ['account'], types: ['MoneyDeposited'] }, async (m) => void received.push(m));
    const messages = [1, 2, 3, 4, 5].map((version) => busMessage('account-n1', version));
    for (const message of messages) await bus.publish(message);
    await bus.publish(busMessage('account-n1', 6, 'AccountClosed'));
    await bus.publish(busMessage('transfer-t1', 1, 'MoneyDeposited'));
    await eventually(() => received.length >= 5, 10_000, 'five deliveries');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await subscription.close();
    expect(received.map((m) => m.id)).toEqual(messages.map((m) => m.id));
    expect(received[0]).toEqual(messages[0]);
  });

  it('drops a re-published message id inside the duplicate window', async () => {
    const received: string[] = [];
    const subscription = await bus.subscribe('dedup', { categories: ['account'] }, async (m) => void received.push(`${m.streamId}@${m.streamVersion}`));
    const first = busMessage('account-dup', 1);
    await bus.publish(first);
    await bus.publish(first); // a relay that crashed after the ack, before marking the row sent
    await bus.publish({ ...first }); // and once more from another relay
    await bus.publish(busMessage('account-dup', 2));
    await eventually(() => received.includes('account-dup@2'), 10_000, 'the message after the duplicates');
    await subscription.close();
    expect(received.filter((r) => r.startsWith('account-dup'))).toEqual(['account-dup@1', 'account-dup@2']);
  });

  it('redelivers a message whose handler failed, and a durable consumer resumes where it left off', async () => {
    const seen: string[] = [];
    let failOnce = true;
    const handler = async (m: BusMessage) => {
      if (m.streamId === 'account-redo' && failOnce) {
        failOnce = false;
        throw new Error('database away');
      }
      seen.push(`${m.streamId}@${m.streamVersion}`);
    };
    const filter = { categories: ['account'] };
    let subscription = await bus.subscribe('resumer', filter, handler);
    await bus.publish(busMessage('account-redo', 1));
    await eventually(() => seen.includes('account-redo@1'), 10_000, 'the redelivery');
    await subscription.close();
    await bus.publish(busMessage('account-later', 1));
    subscription = await bus.subscribe('resumer', filter, handler);
    await eventually(() => seen.includes('account-later@1'), 10_000, 'the message published while away');
    await subscription.close();
    expect(seen.filter((s) => s === 'account-redo@1')).toHaveLength(1);
  });
});
