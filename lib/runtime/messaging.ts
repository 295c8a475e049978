import type { NotificationsConfig } from '../notifications/notifications-config';
import { startNotificationsConsumer } from '../notifications/notifications-consumer';
import { createBus } from '../outbox/create-bus';
import type { MessageBus, Subscription } from '../outbox/message-bus';
import type { OutboxRelay } from '../outbox/outbox-relay';
import { prepareRelayRuntime } from '../outbox/relay-runtime';
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
  // The broker's durability is checked before anything starts: in production an unsafe broker stops messaging here.
  const relaying = config.relayInServer
    ? await prepareRelayRuntime({ config, bus, db: runtime.readDb, upcasters: runtime.aggregates.upcasters, log }).catch(async (error: unknown) => {
        await bus.close();
        throw error;
      })
    : null;
  // The consumer first: an in-process bus only reaches subscribers present when the relay publishes.
  const consumer = config.notificationsInServer
    ? await startNotificationsConsumer(bus, runtime.notifications, { largeWithdrawalMajor: notifications.largeWithdrawalMajor })
    : null;
  const relay: OutboxRelay | null = relaying?.relay ?? null;
  if (relaying) {
    runtime.appends.onAppended(() => relaying.relay.notify());
    relaying.start();
  }
  log(`bus ${bus.kind}${config.natsUrl ? ` (${config.natsUrl})` : ''}; relay ${relay ? 'in this process' : 'elsewhere'}; notifications ${consumer ? 'in this process' : 'elsewhere'}`);
  return {
    bus,
    relay,
    notifications: consumer,
    stop: async () => {
      await relaying?.stop();
      await consumer?.close();
      await bus.close();
    },
  };
};
