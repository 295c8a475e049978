/**
 * `npm run relay [-- --once]`: publishes the outbox to NATS JetStream as a
 * separate process. Safe beside the web server's relay and other relay
 * processes: one holds the lease, the others take over if it dies.
 */
import { parseArgs } from 'node:util';
import { createBus } from '../lib/outbox/create-bus';
import { OutboxRelay } from '../lib/outbox/outbox-relay';
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
const store = runtime.outbox;
const relay = new OutboxRelay(store, bus, runtime.aggregates.upcasters, {
  maxAttempts: config.maxAttempts,
  leaseMs: config.leaseMs,
  pollMs: Number(values['poll-ms']),
  log,
});

const shutdown = async () => {
  await relay.stop();
  await bus.close();
  await runtime.close();
};

if (values.once) {
  const sent = await relay.drain();
  const counts = await store.counts();
  console.log(`Published ${sent}; outbox: ${counts.pending} pending, ${counts.sent} sent, ${counts.parked} parked`);
  await shutdown();
} else {
  relay.start();
  log(`publishing to ${config.natsUrl} (stream ${config.natsStream}) as ${relay.holder}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown().then(() => process.exit(0)));
}
