/**
 * `npm run relay [-- --once]`: publishes the outbox to NATS JetStream as a
 * separate process. Safe beside the web server's relay and other relay
 * processes: one holds the lease, the others take over if it dies. It checks
 * the broker's durability first (refusing an unsafe one in production) and,
 * while it holds the lease, reconciles JetStream with the outbox's sent rows
 * every OUTBOX_RECONCILE_INTERVAL.
 */
import { parseArgs } from 'node:util';
import { accountUpcasters } from '../lib/domain/account/upcasters';
import { createBus } from '../lib/outbox/create-bus';
import { messagingConfig } from '../lib/outbox/messaging-config';
import { OutboxStore } from '../lib/outbox/outbox-store';
import { prepareRelayRuntime } from '../lib/outbox/relay-runtime';
import { createReadDb } from '../lib/read/read-db';

const { values } = parseArgs({ options: { once: { type: 'boolean', default: false }, 'poll-ms': { type: 'string', default: '250' } } });
const config = messagingConfig();
if (!config.natsUrl) {
  console.error('npm run relay needs NATS_URL: without it the bus is in-process, and the web server relays its own outbox.');
  process.exit(2);
}

const log = (message: string) => console.log(`[relay] ${message}`);
const db = createReadDb();
const bus = await createBus(config, log);
const store = new OutboxStore(db);
const runtime = await prepareRelayRuntime({ config, bus, db, upcasters: accountUpcasters, log, relayOptions: { pollMs: Number(values['poll-ms']) } }).catch(
  async (error: unknown) => {
    console.error(`[relay] ${(error as Error).message}`);
    await bus.close();
    await db.$disconnect();
    process.exit(3);
  },
);
const { relay } = runtime;

const shutdown = async () => {
  await runtime.stop();
  await bus.close();
  await db.$disconnect();
};

if (values.once) {
  const sent = await relay.drain();
  const counts = await store.counts();
  console.log(`Published ${sent}; outbox: ${counts.pending} pending, ${counts.sent} sent, ${counts.parked} parked`);
  await shutdown();
} else {
  runtime.start();
  log(`publishing to ${config.natsUrl} (stream ${config.natsStream}) as ${relay.holder}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown().then(() => process.exit(0)));
}
