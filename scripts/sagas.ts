/**
 * `npm run sagas [-- --once]`: drives transfers to their end as a separate
 * process. Safe beside the web server: a lease gives one process at a time
 * the transfers, and a crashed holder's lease expires.
 */
import { parseArgs } from 'node:util';
import { createRuntime } from '../lib/runtime/runtime';

const { values } = parseArgs({ options: { once: { type: 'boolean', default: false }, 'poll-ms': { type: 'string', default: '500' } } });

const runtime = createRuntime({ pollMs: Number(values['poll-ms']), log: (line) => console.log(line.replace('[transfers]', '[sagas]')) });
const saga = runtime.transfers;

const shutdown = () => runtime.close();

if (values.once) {
  const done = await saga.drain(60_000);
  console.log(done ? 'Every transfer has ended' : `${saga.openTransfers} transfers still open (retrying, or another process holds the lease)`);
  await shutdown();
  process.exit(done ? 0 : 1);
} else {
  saga.start();
  console.log('[sagas] running transfers');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void shutdown().then(() => process.exit(0)));
  }
}
