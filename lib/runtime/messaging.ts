import type { NotificationsConfig } from '../notifications/notifications-config';
import { startNotificationsConsumer } from '../notifications/notifications-consumer';
import { createBus } from '../outbox/create-bus';
import type { MessageBus, Subscription } from '../outbox/message-bus';
import { OutboxRelay } from '../outbox/outbox-relay';
import type { Runtime } from './runtime';

export type Messaging = {
  bus: MessageBus;
  relay: OutboxRelay | null;
  notifications: Subscription | null;
  stop: () => Promise<void>;
};

/** The bus, and the relay and notifications consumer where this process runs them (CHRONICLE_IN_PROCESS_RELAY / _NOTIFICATIONS). */
export const startMessaging = async (runtime: Runtime, notifications: NotificationsConfig): Promise<Messaging> => {
  const config = runtime.config.messaging;
  const log = (message: string) => runtime.log(`[messaging] ${message}`);
  const bus = await createBus(config, log);
  // The consumer first: an in-process bus only reaches subscribers present when the relay publishes.
  const consumer = config.notificationsInServer
    ? await startNotificationsConsumer(bus, runtime.notifications, { largeWithdrawalMajor: notifications.largeWithdrawalMajor })
    : null;
  let relay: OutboxRelay | null = null;
  if (config.relayInServer) {
    relay = new OutboxRelay(runtime.outbox, bus, runtime.aggregates.upcasters, { maxAttempts: config.maxAttempts, leaseMs: config.leaseMs, log });
    const woken = relay;
    runtime.appends.onAppended(() => woken.notify());
    relay.start();
  }
  log(`bus ${bus.kind}${config.natsUrl ? ` (${config.natsUrl})` : ''}; relay ${relay ? 'in this process' : 'elsewhere'}; notifications ${consumer ? 'in this process' : 'elsewhere'}`);
  return {
    bus,
    relay,
    notifications: consumer,
    stop: async () => {
      await relay?.stop();
      await consumer?.close();
      await bus.close();
    },
  };
};
