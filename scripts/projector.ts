/**
 * `npm run projector [-- --once]`: keeps the read models caught up as a
 * separate process. Safe beside the web server: leases give each projection
 * one writer, and a crashed holder's lease expires.
 */
import { parseArgs } from 'node:util';
import { createRuntime } from '../lib/runtime/runtime';

const { values } = parseArgs({ options: { once: { type: 'boolean', default: false }, 'poll-ms': { type: 'string', default: '500' } } });

const runtime = createRuntime({ pollMs: Number(values['poll-ms']), log: (line) => console.log(line.replace('[projections]', '[projector]')) });
const manager = runtime.projections;

const shutdown = () => runtime.close();

if (values.once) {
  const started = Date.now();
  await manager.catchUp();
  for (const status of await manager.status()) {
    const state = status.lastError ? `FAILED at ${status.lastError.position}: ${status.lastError.message}` : status.status;
    console.log(`${status.name.padEnd(22)} checkpoint ${status.checkpoint}/${status.head}  ${state}`);
  }
  console.log(`Caught up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await shutdown();
} else {
  await manager.start();
  console.log(`[projector] running ${runtime.projectionList.map((p) => p.name).join(', ')} as ${manager.holder}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void shutdown().then(() => process.exit(0)));
  }
}
