/**
 * What audit answers cost on a long stream and a larger store: the stream
 * verification the badge asks for on page load (target ≤ 250 ms for a
 * 12,000-event stream), the whole-store verification, a Merkle fingerprint,
 * and audit-trail lookups (by correlation id, actor, newest page).
 *
 *   npx tsx bench/audit/verify.ts [--events 12000] [--others 40000] [--samples 10] [--database postgresql://…] [--with-indexes]
 *
 * Without --database it writes to a fresh temporary SQLite file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NewEvent } from '../../lib/core/envelope';
import { createSqliteTestDatabase } from '../../lib/store/testing/test-databases';
import { flag, numberOption, option } from '../cli-options';

const EVENTS = numberOption('events', 12_000);
const OTHERS = numberOption('others', 40_000);
const SAMPLES = numberOption('samples', 10);
const BATCH = 1_000;
process.env.DATABASE_URL = option('database') ?? `file:${createSqliteTestDatabase()}`;

const { webRuntime } = await import('../../lib/server/web-runtime');
const eventStore = () => webRuntime().store;
const { verifyChain } = await import('../../lib/audit/verify-chain');
const { fingerprintAt } = await import('../../lib/audit/fingerprints');
const { auditQueries } = await import('../../lib/server/audit-service');
const { trailPage } = await import('../../lib/audit/audit-trail');

const store = eventStore();
const STREAM = `account-bench-audit-${Date.now()}`;
const event = (index: number, stream: string): NewEvent => ({
  type: index === 0 ? 'AccountOpened' : 'MoneyDeposited',
  data: { accountId: stream, amount: 100 + (index % 900), currency: 'EUR', description: 'Card settlement', depositedAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString() },
  metadata: { actor: `bench:${index % 50}`, correlationId: `corr-${stream}-${index}`, causationId: null, commandId: null },
});

const writeStarted = performance.now();
for (let from = 0; from < EVENTS; from += BATCH) {
  await store.appendToStream(STREAM, Array.from({ length: Math.min(BATCH, EVENTS - from) }, (_, i) => event(from + i, STREAM)));
}
// Other accounts: 20 events each, so the store holds many streams besides the long one.
for (let account = 0; account < OTHERS / 20; account += 1) {
  const other = `account-bench-other-${account}`;
  await store.appendToStream(other, Array.from({ length: 20 }, (_, i) => event(i, other)));
}
const writeMs = performance.now() - writeStarted;

type Stats = { name: string; n: number; p50: number; max: number };
const measure = async (name: string, n: number, run: () => Promise<unknown>): Promise<Stats> => {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { name, n, p50: round(samples[Math.floor(samples.length / 2)]!), max: round(samples.at(-1)!) };
};

const withIndexes = flag('with-indexes');
if (withIndexes) {
  const { PROPOSED_INDEXES } = await import('./proposed-indexes');
  if (process.env.DATABASE_URL!.startsWith('file:')) {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(process.env.DATABASE_URL!.slice('file:'.length));
    for (const sql of PROPOSED_INDEXES.sqlite) db.exec(sql);
    db.close();
  } else {
    const { createPool } = await import('../../lib/store/postgres/postgres-pool');
    const pool = createPool({ connectionString: process.env.DATABASE_URL!, max: 1 });
    for (const sql of PROPOSED_INDEXES.postgresql) await pool.query(sql);
    await pool.end();
  }
}
const audit = auditQueries();
const table: Stats[] = [
  await measure(`verify stream (${EVENTS.toLocaleString('en')} events)`, SAMPLES, async () => {
    if (!(await verifyChain(store, { streamId: STREAM })).ok) throw new Error('stream did not verify');
  }),
  await measure(`verify store (${(EVENTS + OTHERS).toLocaleString('en')} events)`, 2, async () => {
    if (!(await verifyChain(store)).ok) throw new Error('store did not verify');
  }),
  await measure('Merkle fingerprint at head', 2, () => fingerprintAt(store)),
  await measure('trail: newest page of 50', SAMPLES, () => trailPage(audit, {}, { limit: 50, order: 'desc' })),
  await measure(`trail: by correlation id (${withIndexes ? 'indexed' : 'no index'})`, SAMPLES, () => trailPage(audit, { correlationId: `corr-${STREAM}-5000` }, { limit: 50, order: 'desc' })),
  await measure('trail: by actor, page of 50', SAMPLES, () => trailPage(audit, { actor: 'bench:7' }, { limit: 50, order: 'desc' })),
];

const backend = process.env.DATABASE_URL!.startsWith('file:') ? 'SQLite' : 'PostgreSQL';
console.log(`\n${backend}: ${(EVENTS + OTHERS).toLocaleString('en')} events written in ${(writeMs / 1000).toFixed(1)} s (ms)\n`);
console.log(['what'.padEnd(44), 'n'.padStart(4), 'p50'.padStart(10), 'max'.padStart(10)].join(''));
for (const row of table) console.log([row.name.padEnd(44), String(row.n).padStart(4), row.p50.toFixed(1).padStart(10), row.max.toFixed(1).padStart(10)].join(''));
console.log(`\ntarget ≤ 250 ms for the badge's stream verification: ${table[0]!.p50 <= 250 ? 'met' : 'MISSED'} (p50 ${table[0]!.p50} ms)`);

const result = { bench: 'audit-verify', at: new Date().toISOString(), backend, withIndexes, streamEvents: EVENTS, otherEvents: OTHERS, writeMs: Math.round(writeMs), results: table };
const dir = join(process.cwd(), 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `audit-verify-${result.at.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result));
console.log(`written to ${file}`);
await store.close();
