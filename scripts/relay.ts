/**
 * `npm run relay [-- --once]`: publishes the outbox to NATS JetStream as a
 * separate process. Safe beside the web server's relay and other relay
 * processes: one holds the lease, the others take over if it dies. It checks
 * the broker's durability first (refusing an unsafe one in production) and,
 * while it holds the lease, reconciles JetStream with the outbox's sent rows
 * every OUTBOX_RECONCILE_INTERVAL.
 */
import { parseArgs } from 'node:util';
import { createBus } from '../lib/outbox/create-bus';
import { prepareRelayRuntime } from '../lib/outbox/relay-runtime';
import { createRuntime } from '../lib/runtime/runtime';

const { values } = parseArgs({ options: { once: { type: 'boolean', default: false }, 'poll-ms': { type: 'string', default: '250' } } });
const runtime = createRuntime();
const config = runtime.config.messaging;
if (!config.natsUrl) {
  console.error('npm run relay needs NATS_URL: without it the bus is in-process, and the web server relays its own outbox.');
  process.exit(2);
}

const log = (message: string) => console.log(`[relay] ${message}`);
const bus = await createBus(config, log);
const relaying = await prepareRelayRuntime({
  config,
  bus,
  db: runtime.readDb,
  upcasters: runtime.aggregates.upcasters,
  log,
  relayOptions: { pollMs: Number(values['poll-ms']) },
}).catch(async (error: unknown) => {
  console.error(`[relay] ${(error as Error).message}`);
  await bus.close();
  await runtime.close();
  process.exit(3);
});
const { relay } = relaying;

const shutdown = async () => {
  await relaying.stop();
  await bus.close();
  await runtime.close();
};

if (values.once) {
  const sent = await relay.drain();
  const counts = await runtime.outbox.counts();
  console.log(`Published ${sent}; outbox: ${counts.pending} pending, ${counts.sent} sent, ${counts.parked} parked`);
  await shutdown();
} else {
  relaying.start();
  log(`publishing to ${config.natsUrl} (stream ${config.natsStream}) as ${relay.holder}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown().then(() => process.exit(0)));
}
