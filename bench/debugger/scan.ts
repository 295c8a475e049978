/**
 * How fast the history-wide breakpoint scan reads and folds the whole log: N account events
 * spread over many streams, interleaved as a live bank writes them, then `balance < 0` and a
 * compound condition scanned through the service and the route handler. Target ≥ 200,000 events/s.
 *
 *   flock /tmp/chronicle-bench.lock npx tsx bench/debugger/scan.ts [--events 200000] [--streams 2000] [--runs 3]
 */
import { loadavg } from 'node:os';
import type { AccountEvent } from '../../lib/domain/account/events';
import { createSqliteTestDatabase } from '../../lib/store/testing/test-databases';
import { numberOption } from '../cli-options';

const EVENTS = numberOption('events', 200_000);
const STREAMS = numberOption('streams', 2_000);
const RUNS = numberOption('runs', 3);

process.env.DATABASE_URL = `file:${createSqliteTestDatabase()}`;
// Writing the fixture is not what is measured: fewer fsyncs make it quicker; reads are the same.
process.env.SQLITE_SYNCHRONOUS = 'NORMAL';
process.env.CHRONICLE_SESSION_SECRET ??= `bench-${Math.random().toString(36).slice(2)}-0123456789abcdefghijklmnop`;

const { webRuntime } = await import('../../lib/server/web-runtime');
const { scanHistory } = await import('../../lib/debugger/history-scan');
const { compileCondition } = await import('../../lib/debugger/expression');
const { streamFolds } = await import('../../lib/runtime/stream-folds');
const { GET: scanRoute } = await import('../../app/api/debugger/scan/route');
const { SESSION_COOKIE, sealSession, sessionFor } = await import('../../lib/server/auth/session');
const { seedDemoUsers } = await import('../../lib/seed/seed-users');
const { findUser } = await import('../../lib/server/auth/user-lookup');
const runtime = webRuntime();
await seedDemoUsers(runtime.commands);
const asAuditor = { cookie: `${SESSION_COOKIE}=${await sealSession(sessionFor((await findUser('amir'))!))}` };

const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 1_000).toISOString();
const eventFor = (accountId: string, version: number, n: number): AccountEvent =>
  version === 1
    ? { type: 'AccountOpened', data: { accountId, holder: { name: `Bench ${accountId}`, kind: 'person' }, customerId: null, currency: 'EUR', overdraftLimit: 10_000, openedAt: at(n) } }
    : (n * 7919) % 5 === 0
      ? { type: 'MoneyWithdrawn', data: { accountId, amount: 900 + (n % 700), currency: 'EUR', description: 'Payout', withdrawnAt: at(n) } }
      : { type: 'MoneyDeposited', data: { accountId, amount: 100 + (n % 300), currency: 'EUR', description: 'Card', depositedAt: at(n) } };

// Rounds of 50 events per stream, appended together (the store commits them at once): the log interleaves streams as a busy bank's does.
const writeStarted = performance.now();
const versions = new Array<number>(STREAMS).fill(0);
let written = 0;
while (written < EVENTS) {
  const appends: Promise<unknown>[] = [];
  for (let stream = 0; stream < STREAMS && written < EVENTS; stream++) {
    const accountId = `scan-${stream}`;
    const count = Math.min(50, EVENTS - written);
    const from = versions[stream]!;
    const batch = Array.from({ length: count }, (_, i) => ({ ...eventFor(accountId, from + i + 1, written + i), metadata: { actor: 'bench', correlationId: `c-${written + i}`, causationId: null, commandId: null } }));
    appends.push(runtime.store.appendToStream(`account-${accountId}`, batch, { expectedVersion: from }));
    versions[stream] = from + count;
    written += count;
  }
  await Promise.all(appends);
}
console.log(`${EVENTS.toLocaleString('en')} events in ${STREAMS.toLocaleString('en')} streams written in ${((performance.now() - writeStarted) / 1000).toFixed(1)} s`);

const source = { readAll: (options: { fromPosition: number; limit: number }) => runtime.store.readAll(options), headPosition: () => runtime.store.headPosition(), foldFor: streamFolds(runtime) };
const readStarted = performance.now();
let read = 0;
for (let position = 0; ; ) {
  const events = await runtime.store.readAll({ fromPosition: position, limit: 10_000 });
  if (events.length === 0) break;
  read += events.length;
  position = events.at(-1)!.globalPosition;
}
const readSeconds = (performance.now() - readStarted) / 1000;
console.log(`${'reading the log alone (readAll, upcast)'.padEnd(52)} ${read.toLocaleString('en')} events in ${readSeconds.toFixed(2)} s = ${Math.round(read / readSeconds).toLocaleString('en').padStart(9)} events/s`);
const rates: number[] = [];
// Wall time depends on what else the machine runs; the process's own CPU time says what the scan costs.
const cpuRates: number[] = [];
for (const expression of ['balance < 0', 'status == "open" && balance + overdraftLimit < 2000']) {
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = await scanHistory(source, compileCondition(expression));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const rate = result.eventsScanned / seconds;
    rates.push(rate);
    cpuRates.push(result.eventsScanned / cpuSeconds);
    console.log(
      `${expression.padEnd(52)} ${result.eventsScanned.toLocaleString('en')} events in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en').padStart(9)} events/s ` +
        `(${Math.round(result.eventsScanned / cpuSeconds).toLocaleString('en')} per CPU-second); ${result.streamsHit} streams hit`,
    );
  }
}
const started = performance.now();
const response = await scanRoute(new Request(`http://bench.test/api/debugger/scan?expr=${encodeURIComponent('balance < 0')}`, { headers: asAuditor }));
const body = (await response.json()) as { eventsScanned: number; streamsHit: number };
const routeSeconds = (performance.now() - started) / 1000;
console.log(`${'GET /api/debugger/scan (route handler)'.padEnd(52)} ${body.eventsScanned.toLocaleString('en')} events in ${routeSeconds.toFixed(2)} s = ${Math.round(body.eventsScanned / routeSeconds).toLocaleString('en').padStart(9)} events/s`);
const best = Math.max(...rates);
const median = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
const cpuMedian = [...cpuRates].sort((a, b) => a - b)[Math.floor(cpuRates.length / 2)]!;
console.log(
  `\ntarget ≥ 200,000 events/s: ${median >= 200_000 ? 'met' : 'MISSED'} by wall time (median ${Math.round(median).toLocaleString('en')}, best ${Math.round(best).toLocaleString('en')}); ` +
    `${Math.round(cpuMedian).toLocaleString('en')} events per CPU-second (median); load ${loadavg()[0]!.toFixed(2)} on ${(await import('node:os')).cpus().length} cores`,
);
await runtime.close();
