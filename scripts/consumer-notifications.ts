/**
 * `npm run consumer:notifications`: the notifications consumer as a separate
 * process, a durable JetStream consumer. Several may run: they share the
 * durable, and the notice's unique event id keeps the effect to one.
 */
import { notificationsConfig } from '../lib/notifications/notifications-config';
import { startNotificationsConsumer } from '../lib/notifications/notifications-consumer';
import { createBus } from '../lib/outbox/create-bus';
import { createRuntime } from '../lib/runtime/runtime';

const runtime = createRuntime();
const config = runtime.config.messaging;
if (!config.natsUrl) {
  console.error('npm run consumer:notifications needs NATS_URL: without it the web server consumes in-process.');
  process.exit(2);
}
const log = (message: string) => console.log(`[notifications] ${message}`);
const bus = await createBus(config, log);
const subscription = await startNotificationsConsumer(bus, runtime.notifications, {
  largeWithdrawalMajor: notificationsConfig().largeWithdrawalMajor,
  onRecorded: (eventId) => log(`notice for ${eventId}`),
});
log(`consuming ${config.natsStream} from ${config.natsUrl}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () =>
    void (async () => {
      await subscription.close();
      await bus.close();
      await runtime.close();
      process.exit(0);
    })(),
  );
}
