/**
 * What one what-if fork costs the server on a long account stream: the fork engine alone (both
 * folds, state comparison after every version, a breakpoint over both timelines) on events already
 * read, and the whole `POST /fork` route handler (read every event from SQLite, upcast, fold),
 * signed in as a teller. A fork is folded per request, so this is the work one request causes.
 *
 *   flock /tmp/chronicle-bench.lock npx tsx bench/debugger/fork.ts [--events 100000] [--samples 5]
 */
import type { AccountEvent } from '../../lib/domain/account/events';
import { createSqliteTestDatabase } from '../../lib/store/testing/test-databases';
import { numberOption } from '../cli-options';

const EVENTS = numberOption('events', 100_000);
const SAMPLES = numberOption('samples', 5);
const STREAM = 'account-bench-fork';
const ORIGIN = 'http://bench.test';

process.env.DATABASE_URL = `file:${createSqliteTestDatabase()}`;
process.env.CHRONICLE_SESSION_SECRET ??= `bench-${Math.random().toString(36).slice(2)}-0123456789abcdefghijklmnop`;

// Imported after DATABASE_URL is set: the server singletons read it on first use.
const { webRuntime } = await import('../../lib/server/web-runtime');
const { POST: forkRoute } = await import('../../app/api/streams/[streamId]/fork/route');
const { SESSION_COOKIE, sealSession, sessionFor } = await import('../../lib/server/auth/session');
const { seedDemoUsers } = await import('../../lib/seed/seed-users');
const { findUser } = await import('../../lib/server/auth/user-lookup');
const { ForkRun } = await import('../../lib/debugger/fork');
const { forkSourceFor } = await import('../../lib/runtime/forks');
const runtime = webRuntime();
await seedDemoUsers(runtime.commands);
const asTeller = { cookie: `${SESSION_COOKIE}=${await sealSession(sessionFor((await findUser('ann'))!))}`, origin: ORIGIN, 'content-type': 'application/json' };

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
const rows: Array<{ name: string; p50: number; max: number; eventsPerSecond: number }> = [];
const time = async (name: string, run: () => Promise<unknown> | unknown) => {
  await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  const p50 = percentile(samples, 50);
  rows.push({ name, p50: Math.round(p50), max: Math.round(Math.max(...samples)), eventsPerSecond: Math.round(EVENTS / (p50 / 1000)) });
};

// A skip in the middle, a withdrawal inserted after it, and a breakpoint over both timelines.
const middle = Math.floor(EVENTS / 2);
const body = {
  edits: [
    { kind: 'skip', version: middle },
    { kind: 'insert', after: middle, command: 'withdraw', input: { amount: 1_000_00 } },
  ],
  at: middle,
  breakpoint: 'balance < 0',
} as const;

const source = forkSourceFor(runtime, STREAM);
const events = await runtime.store.readStream(STREAM);
await time('engine: both folds + compare + breakpoint', () => {
  const run = new ForkRun({ ...source, streamId: STREAM, head: EVENTS, edits: [...body.edits], at: middle, breakpoint: body.breakpoint });
  run.add(events);
  return run.finish();
});
await time('POST /fork (route handler, from SQLite)', async () => {
  const response = await forkRoute(new Request(`${ORIGIN}/api/streams/${STREAM}/fork`, { method: 'POST', headers: asTeller, body: JSON.stringify(body) }), {
    params: Promise.resolve({ streamId: STREAM }),
  });
  if (response.status !== 200) throw new Error(`fork answered ${response.status}: ${await response.text()}`);
  return response.json();
});

console.log(`${EVENTS.toLocaleString('en')} events; ${SAMPLES} samples each (after one warm-up)\n`);
console.log('| measured | p50 ms | max ms | events/s at p50 |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.name} | ${row.p50} | ${row.max} | ${row.eventsPerSecond.toLocaleString('en')} |`);
console.log(`\n${JSON.stringify({ events: EVENTS, samples: SAMPLES, results: rows })}`);
await runtime.close();
