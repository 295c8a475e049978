/**
 * `npm run consumer:notifications`: the notifications consumer as a separate
 * process, a durable JetStream consumer. Several may run: they share the
 * durable, and the notice's unique event id keeps the effect to one.
 */
import { messagingConfig } from '../lib/outbox/messaging-config';
import { createBus } from '../lib/outbox/create-bus';
import { startNotificationsConsumer } from '../lib/notifications/notifications-consumer';
import { NotificationsStore } from '../lib/notifications/notifications-store';
import { createReadDb } from '../lib/read/read-db';

const config = messagingConfig();
if (!config.natsUrl) {
  console.error('npm run consumer:notifications needs NATS_URL: without it the web server consumes in-process.');
  process.exit(2);
}
const log = (message: string) => console.log(`[notifications] ${message}`);
const db = createReadDb();
const bus = await createBus(config, log);
const subscription = await startNotificationsConsumer(bus, new NotificationsStore(db), {
  largeWithdrawalMajor: config.largeWithdrawalMajor,
  onRecorded: (eventId) => log(`notice for ${eventId}`),
});
log(`consuming ${config.natsStream} from ${config.natsUrl}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () =>
    void (async () => {
      await subscription.close();
      await bus.close();
      await db.$disconnect();
      process.exit(0);
    })(),
  );
}
