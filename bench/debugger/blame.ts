/**
 * How fast "blame this value" answers on a 10,000-event account stream: the whole instrumented
 * fold (read every event, upcast, evolve, record the writes to the field) and the same through
 * the `/blame` route handler, signed in as a teller. Target: ≤ 50 ms server time.
 *
 *   flock /tmp/chronicle-bench.lock npx tsx bench/debugger/blame.ts [--events 10000] [--samples 30]
 */
import type { AccountEvent } from '../../lib/domain/account/events';
import { createSqliteTestDatabase } from '../../lib/store/testing/test-databases';
import { numberOption } from '../cli-options';

const EVENTS = numberOption('events', 10_000);
const SAMPLES = numberOption('samples', 30);
const STREAM = 'account-bench-blame';

process.env.DATABASE_URL = `file:${createSqliteTestDatabase()}`;
process.env.CHRONICLE_SESSION_SECRET ??= `bench-${Math.random().toString(36).slice(2)}-0123456789abcdefghijklmnop`;

// Imported after DATABASE_URL is set: the server singletons read it on first use.
const { webRuntime } = await import('../../lib/server/web-runtime');
const { GET: blameRoute } = await import('../../app/api/streams/[streamId]/blame/route');
const { SESSION_COOKIE, sealSession, sessionFor } = await import('../../lib/server/auth/session');
const { seedDemoUsers } = await import('../../lib/seed/seed-users');
const { findUser } = await import('../../lib/server/auth/user-lookup');
const runtime = webRuntime();
await seedDemoUsers(runtime.commands);
const asTeller = { cookie: `${SESSION_COOKIE}=${await sealSession(sessionFor((await findUser('ann'))!))}` };

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

const percentile = (samples: number[], p: number) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor((samples.length * p) / 100))]!;
const time = async (name: string, run: () => Promise<unknown>) => {
  await run(); // warm-up: the first call compiles and fills the statement cache
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  console.log(`${name.padEnd(44)} p50 ${percentile(samples, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(samples, 99).toFixed(1).padStart(6)} ms   max ${Math.max(...samples).toFixed(1).padStart(6)} ms`);
  return samples;
};

console.log(`${EVENTS.toLocaleString('en')} events; ${SAMPLES} samples each`);
const debug = runtime.debuggerFor(STREAM);
// Cold: the first ask for a field folds the whole stream (each field below is asked once).
const cold: number[] = [];
for (const path of ['balance', 'holder.name', 'status', 'lastActivityAt', 'overdraftLimit', 'currency', 'openedAt', 'customerId', 'accountId', 'interestPaidThrough']) {
  const started = performance.now();
  await debug.blame(STREAM, path);
  cold.push(performance.now() - started);
}
console.log(`${'cold: first ask per field (service), n=10'.padEnd(44)} p50 ${percentile(cold, 50).toFixed(1).padStart(6)} ms   max ${Math.max(...cold).toFixed(1).padStart(6)} ms`);
const service = await time('warm: blame balance at the head (service)', () => debug.blame(STREAM, 'balance'));
await time('warm: blame balance at a random version', () => debug.blame(STREAM, 'balance', 1 + Math.floor(Math.random() * EVENTS)));
let next = EVENTS;
await time('after 10 new events each time (service)', async () => {
  await runtime.store.appendToStream(STREAM, Array.from({ length: 10 }, (_, i) => ({ ...eventFor(next + 1 + i), metadata: { actor: 'bench', correlationId: `c-${next + 1 + i}`, causationId: null, commandId: null } })), { expectedVersion: next });
  next += 10;
  return debug.blame(STREAM, 'balance');
});
const route = await time('warm: GET /blame?path=balance (route handler)', async () => {
  const response = await blameRoute(new Request(`http://bench.test/api/streams/${STREAM}/blame?path=balance`, { headers: asTeller }), { params: Promise.resolve({ streamId: STREAM }) });
  if (response.status !== 200) throw new Error(`blame answered ${response.status}`);
  return response.json();
});
const warm = Math.max(percentile(service, 50), percentile(route, 50));
console.log(`\ntarget ≤ 50 ms for a ${EVENTS.toLocaleString('en')}-event stream: warm ${warm <= 50 ? 'met' : 'MISSED'} (${warm.toFixed(1)} ms median), cold ${percentile(cold, 50) <= 50 ? 'met' : 'MISSED'} (${percentile(cold, 50).toFixed(1)} ms median)`);
console.log(`machine load (1 min): ${(await import('node:os')).loadavg()[0]!.toFixed(2)}`);
await runtime.close();
