import { accountUpcasters } from '../domain/account/upcasters';
import { startNotificationsConsumer } from '../notifications/notifications-consumer';
import { NotificationsStore } from '../notifications/notifications-store';
import { createBus } from '../outbox/create-bus';
import type { MessageBus, Subscription } from '../outbox/message-bus';
import { messagingConfig, type MessagingConfig } from '../outbox/messaging-config';
import type { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxStore } from '../outbox/outbox-store';
import { prepareRelayRuntime } from '../outbox/relay-runtime';
import { appendSignal } from './append-signal';
import { readDb } from './read-side';

export type Messaging = { config: MessagingConfig; bus: MessageBus; relay: OutboxRelay | null; notifications: Subscription | null };

const globalForMessaging = globalThis as unknown as { chronicleMessaging?: Promise<Messaging> };

const log = (message: string) => console.log(`[messaging] ${message}`);

/** The outbox and notifications tables, read by the API whatever process relays and consumes. */
export const outboxStore = (): OutboxStore => new OutboxStore(readDb());
export const notificationsStore = (): NotificationsStore => new NotificationsStore(readDb());

const start = async (): Promise<Messaging> => {
  const config = messagingConfig();
  const bus = await createBus(config, log);
  // The broker's durability is checked before anything starts: in production an unsafe broker stops messaging here.
  const runtime = config.relayInServer
    ? await prepareRelayRuntime({ config, bus, db: readDb(), upcasters: accountUpcasters, log }).catch(async (error: unknown) => {
        await bus.close();
        throw error;
      })
    : null;
  // The consumer first: an in-process bus only reaches subscribers present when the relay publishes.
  const notifications = config.notificationsInServer
    ? await startNotificationsConsumer(bus, notificationsStore(), { largeWithdrawalMajor: config.largeWithdrawalMajor })
    : null;
  const relay: OutboxRelay | null = runtime?.relay ?? null;
  if (runtime) {
    appendSignal().onAppended(() => runtime.relay.notify());
    runtime.start();
  }
  log(`bus ${bus.kind}${config.natsUrl ? ` (${config.natsUrl})` : ''}; relay ${relay ? 'in this process' : 'elsewhere'}; notifications ${notifications ? 'in this process' : 'elsewhere'}`);
  return { config, bus, relay, notifications };
};

/** Starts this server's relay and consumers once (see CHRONICLE_IN_PROCESS_RELAY / _NOTIFICATIONS). */
export const messaging = (): Promise<Messaging> => {
  globalForMessaging.chronicleMessaging ??= start().catch((error: unknown) => {
    globalForMessaging.chronicleMessaging = undefined;
    throw error;
  });
  return globalForMessaging.chronicleMessaging;
};

/** The relay running in this process, if one is started: a retried message need not wait for its next poll. */
export const wakeRelay = async (): Promise<void> => {
  const running = globalForMessaging.chronicleMessaging;
  if (running) (await running.catch(() => null))?.relay?.notify();
};
