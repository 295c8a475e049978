/**
 * Where a cold blame's time goes on a 10,000-event account stream: reading the events as stored,
 * upcasting them, folding them with the decider, and recording the writes to `balance`, each
 * timed alone (median of --samples runs). Prints a table and a JSON line.
 *
 *   flock /tmp/chronicle-bench.lock npx tsx bench/debugger/blame-cold-parts.ts [--events 10000] [--samples 15]
 */
import type { RecordedEvent } from '../../lib/core/envelope';
import type { AccountEvent } from '../../lib/domain/account/events';
import { createSqliteTestDatabase } from '../../lib/store/testing/test-databases';
import { numberOption } from '../cli-options';

const EVENTS = numberOption('events', 10_000);
const SAMPLES = numberOption('samples', 15);
const STREAM = 'account-bench-parts';

process.env.DATABASE_URL = `file:${createSqliteTestDatabase()}`;
const { createRuntime } = await import('../../lib/runtime/runtime');
const { BlameRecorder } = await import('../../lib/debugger/blame');
const { accountDecider } = await import('../../lib/domain/account/decider');
const runtime = createRuntime({ log: () => undefined });

const accountId = STREAM.slice('account-'.length);
const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
const eventFor = (version: number): AccountEvent =>
  version === 1
    ? { type: 'AccountOpened', data: { accountId, holder: { name: 'Bench Ltd', kind: 'organisation' }, customerId: null, currency: 'EUR', overdraftLimit: 50_000_00, openedAt: at(0) } }
    : version % 7 === 0
      ? { type: 'MoneyWithdrawn', data: { accountId, amount: 900 + (version % 300), currency: 'EUR', description: 'Payout', withdrawnAt: at(version) } }
      : { type: 'MoneyDeposited', data: { accountId, amount: 250 + (version % 4_000), currency: 'EUR', description: 'Card settlement', depositedAt: at(version) } };
for (let from = 1; from <= EVENTS; from += 1_000) {
  const batch = Array.from({ length: Math.min(1_000, EVENTS - from + 1) }, (_, i) => ({
    ...eventFor(from + i),
    metadata: { actor: 'bench', correlationId: `c-${from + i}`, causationId: null, commandId: null },
  }));
  await runtime.store.appendToStream(STREAM, batch, { expectedVersion: from - 1 });
}

const CHUNK = 2_000;
const readStored = async (): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for (let from = 1; ; from += CHUNK) {
    const chunk = await runtime.store.stored.readStream(STREAM, { fromVersion: from, toVersion: from + CHUNK - 1 });
    out.push(...chunk);
    if (chunk.length < CHUNK) return out;
  }
};
const stored = await readStored();
const upcast = stored.map((event) => runtime.store.upcasters.upcast(event));
const states: unknown[] = [accountDecider.initialState()];
for (const event of upcast) states.push(accountDecider.evolve(states.at(-1) as never, event as never));

const median = (run: () => unknown | Promise<unknown>) => async () => {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
};

const parts: Record<string, number> = {
  'read as stored (SQLite, 2,000 a chunk)': await median(readStored)(),
  'upcast every event': await median(() => stored.map((event) => runtime.store.upcasters.upcast(event)))(),
  'fold with the decider': await median(() => upcast.reduce<unknown>((state, event) => accountDecider.evolve(state as never, event as never), accountDecider.initialState()))(),
  'record writes to balance': await median(() => {
    const recorder = new BlameRecorder('balance', states[0]);
    for (let i = 0; i < upcast.length; i++) recorder.visit(upcast[i]!, states[i], states[i + 1]);
  })(),
};
const { loadavg } = await import('node:os');
console.log(`${EVENTS.toLocaleString('en')} events, median of ${SAMPLES}, load ${loadavg()[0]!.toFixed(1)}`);
console.log('| part | ms |\n| --- | --- |');
for (const [name, ms] of Object.entries(parts)) console.log(`| ${name} | ${ms.toFixed(1)} |`);
console.log(JSON.stringify({ events: EVENTS, samples: SAMPLES, load: loadavg()[0], partsMs: parts }));
await runtime.close();
