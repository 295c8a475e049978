/**
 * How fast the debugger answers on a 100,000-event account stream.
 * Writes the stream (batches of 1,000, a snapshot every 100 events as the
 * policy would), then times 200 random `stateAt` calls, the same through the
 * `/state` route handler, and the stream-wide answers (breakpoints, drift,
 * density). Target: state at any version ≤ 50 ms.
 *
 *   npx tsx bench/debugger/state-at.ts [--events 100000] [--samples 200] [--database file:./data/dev-debugger.db --stream account-bench-100k]
 *
 * Without --database it writes to a fresh temporary SQLite file; with it, the
 * stream stays there for the UI to be tried on (once: the stream id is fixed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountEvent } from '../../lib/domain/account/events';
import type { AccountState } from '../../lib/domain/account/state';
import { createSqliteTestDatabase } from '../../lib/store/testing/test-databases';
import { numberOption, option, textOption } from '../cli-options';

const EVENTS = numberOption('events', 100_000);
const SAMPLES = numberOption('samples', 200);
const BATCH = 1_000;
const STREAM = textOption('stream', 'account-bench-debugger');

process.env.DATABASE_URL = option('database') ?? `file:${createSqliteTestDatabase()}`;
process.env.SNAPSHOT_EVERY = '100';

// Imported after DATABASE_URL is set: the server singletons read it on first use.
const { webRuntime } = await import('../../lib/server/web-runtime');
const { accountDecider } = await import('../../lib/domain/account/decider');
const { ACCOUNT_STATE_SCHEMA_VERSION } = await import('../../lib/domain/account/state');
const { GET: stateRoute } = await import('../../app/api/streams/[streamId]/state/route');
const { SESSION_COOKIE, sealSession } = await import('../../lib/server/auth/session');
// The route checks who asks, as it does for every request: the teller's session, sealed with this run's own secret.
process.env.CHRONICLE_SESSION_SECRET ??= `bench-${Math.random().toString(36).slice(2)}-0123456789abcdefghijklmnop`;
const runtime = webRuntime();
const { seedDemoUsers } = await import('../../lib/seed/seed-users');
await seedDemoUsers(runtime.commands);
const { findUser } = await import('../../lib/server/auth/user-lookup');
const { sessionFor } = await import('../../lib/server/auth/session');
const asTeller = { cookie: `${SESSION_COOKIE}=${await sealSession(sessionFor((await findUser('ann'))!))}` };

const store = runtime.store;
const snapshots = runtime.snapshots!;
const accountLoader = () => runtime.loader('account');
const accountDebugger = () => runtime.debuggerFor(STREAM);
const accountId = STREAM.slice('account-'.length);
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
const eventFor = (version: number): AccountEvent =>
  version === 1
    ? { type: 'AccountOpened', data: { accountId, holder: { name: 'Bench Ltd', kind: 'organisation' }, customerId: null, currency: 'EUR', overdraftLimit: 50_000_00, openedAt: day(0) } }
    : version % 7 === 0
      ? { type: 'MoneyWithdrawn', data: { accountId, amount: 900 + (version % 300), currency: 'EUR', description: 'Payout', withdrawnAt: day(version) } }
      : { type: 'MoneyDeposited', data: { accountId, amount: 250 + (version % 4_000), currency: 'EUR', description: 'Card settlement', depositedAt: day(version) } };

const writeStarted = performance.now();
const wallStart = Date.now();
let state: AccountState = accountDecider.initialState();
for (let from = 1; from <= EVENTS; from += BATCH) {
  const batch: AccountEvent[] = [];
  for (let version = from; version < Math.min(from + BATCH, EVENTS + 1); version++) batch.push(eventFor(version));
  await store.appendToStream(STREAM, batch.map((event, index) => ({ ...event, metadata: { actor: 'bench', correlationId: `c-${from + index}`, causationId: null, commandId: null } })), { expectedVersion: from - 1 });
  for (const [index, event] of batch.entries()) {
    state = accountDecider.evolve(state, event);
    const version = from + index;
    if (version % 100 === 0) await snapshots.save({ streamId: STREAM, version, stateSchemaVersion: ACCOUNT_STATE_SCHEMA_VERSION, state: structuredClone(state), createdAt: new Date() });
  }
}
const writeMs = performance.now() - writeStarted;
const wallEnd = Date.now();
const randomTime = () => new Date(wallStart + Math.random() * (wallEnd - wallStart));

type Stats = { name: string; n: number; p50: number; p99: number; max: number; mean: number };
const stats = (name: string, samples: number[]): Stats => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { name, n: samples.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted.at(-1)!), mean: round(samples.reduce((a, b) => a + b, 0) / samples.length) };
};
const time = async (run: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};
const randomVersion = () => 1 + Math.floor(Math.random() * EVENTS);

// Warm-up: prepared statements, JIT.
for (let i = 0; i < 20; i++) await accountLoader().stateAt(STREAM, randomVersion());

const loader: number[] = [];
for (let i = 0; i < SAMPLES; i++) loader.push(await time(() => accountLoader().stateAt(STREAM, randomVersion())));

const route: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  route.push(
    await time(async () => {
      const response = await stateRoute(new Request(`http://bench/api/streams/${STREAM}/state?version=${randomVersion()}`, { headers: asTeller }), { params: Promise.resolve({ streamId: STREAM }) });
      if (response.status !== 200) throw new Error(`state route answered ${response.status}`);
      await response.text();
    }),
  );
}
const byTime: number[] = [];
for (let i = 0; i < 50; i++) byTime.push(await time(() => accountDebugger().stateView(STREAM, { at: randomTime() })));
const windows: number[] = [];
for (let i = 0; i < 50; i++) windows.push(await time(() => accountDebugger().timeline(STREAM, randomVersion(), 200)));

const once = async (name: string, run: () => Promise<unknown>): Promise<Stats> => stats(name, [await time(run)]);
const table: Stats[] = [
  stats('stateAt (loader, snapshots)', loader),
  stats('GET /state?version=N (handler)', route),
  stats('state ?at=time (bisect + stateAt)', byTime),
  stats('timeline window of 200', windows),
  await once('density, 120 buckets', () => accountDebugger().density(STREAM, 120)),
  await once('breakpoints "balance < 0" (full fold)', () => accountDebugger().breakpoints(STREAM, 'balance < 0')),
  await once('snapshots + drift (full fold)', () => accountDebugger().snapshots(STREAM)),
];

console.log(`\n${EVENTS.toLocaleString('en')} events written in ${(writeMs / 1000).toFixed(1)} s; ${SAMPLES} samples each (ms)\n`);
console.log(['what'.padEnd(40), 'n'.padStart(5), 'p50'.padStart(9), 'p99'.padStart(9), 'max'.padStart(9)].join(''));
for (const row of table) console.log([row.name.padEnd(40), String(row.n).padStart(5), ...[row.p50, row.p99, row.max].map((v) => v.toFixed(2).padStart(9))].join(''));
const target = table[1]!.max <= 50 ? 'met' : 'MISSED';
console.log(`\ntarget ≤ 50 ms for state at any version: ${target} (route handler max ${table[1]!.max} ms)`);

const result = { bench: 'debugger-state-at', at: new Date().toISOString(), events: EVENTS, samples: SAMPLES, snapshotEvery: 100, writeMs: Math.round(writeMs), results: table };
const dir = join(process.cwd(), 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `state-at-${result.at.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result));
console.log(`written to ${file}`);
await runtime.close();
