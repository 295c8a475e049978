/**
 * Our store at HEAD against our store at an earlier revision, 100-event batches interleaved in
 * one process (each batch goes to both stores, in alternating order), so load from other work
 * on the machine hits both alike: the ratio holds where absolute figures swing. Each store gets its
 * own revision's schema (prisma/ migrations), so schema changes are measured too. Prints a table and JSON.
 *
 *   flock /tmp/chronicle-bench.lock npx tsx bench/append/versus-revision.ts [--rev 6c5f003] [--backend sqlite|postgresql|both] [--batches 300]
 */
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { EventStore } from '../../lib/core/event-store';
import { createPostgresTestSchema, createSqliteTestDatabase } from '../../lib/store/testing/test-databases';
import { makeEvent } from './workloads';

const { values: args } = parseArgs({
  options: { rev: { type: 'string', default: '6c5f003' }, backend: { type: 'string', default: 'both' }, batches: { type: 'string', default: '300' } },
});
const batches = Number(args.batches);
const rev = execSync(`git rev-parse --short ${args.rev}`).toString().trim();
// Inside the repository, so the old sources resolve this checkout's node_modules.
const oldTree = join(process.cwd(), 'bench', 'results', `rev-${rev}`);
rmSync(oldTree, { recursive: true, force: true });
mkdirSync(oldTree, { recursive: true });
execSync(`git archive ${rev} lib/core lib/store prisma/sqlite/migrations prisma/postgresql/migrations | tar -x -C ${oldTree}`);

type Opened = { store: EventStore; drop: () => Promise<void> };
const openStore = async (backend: string, root: string): Promise<Opened> => {
  if (backend === 'sqlite') {
    const { SqliteEventStore } = await import(join(root, 'lib/store/sqlite/sqlite-event-store.ts'));
    return { store: new SqliteEventStore({ filename: createSqliteTestDatabase({ root }), synchronous: 'FULL' }), drop: async () => undefined };
  }
  const { PostgresEventStore } = await import(join(root, 'lib/store/postgres/postgres-event-store.ts'));
  const { url, drop } = await createPostgresTestSchema({ root });
  return { store: new PostgresEventStore({ connectionString: url }), drop };
};

const measure = async (backend: string) => {
  const targets = [await openStore(backend, oldTree), await openStore(backend, process.cwd())];
  // The table as the append bench leaves it before its batches: 3,000 single-event streams.
  for (const { store } of targets)
    for (let i = 0; i < 3000; i += 100)
      await Promise.all(Array.from({ length: 100 }, (_, k) => store.appendToStream(`acct-pre-${i + k}`, [makeEvent(i + k)], { expectedVersion: 'no_stream' })));
  const totals = [0, 0];
  const versions = [new Map<string, number>(), new Map<string, number>()];
  for (let b = 0; b < batches; b++) {
    const stream = `acct-batch-${b % 10}`;
    const events = Array.from({ length: 100 }, (_, k) => makeEvent(b * 100 + k));
    for (const t of b % 2 ? [1, 0] : [0, 1]) {
      const start = performance.now();
      const result = await targets[t]!.store.appendToStream(stream, events, { expectedVersion: versions[t]!.get(stream) ?? 0 });
      totals[t]! += performance.now() - start;
      versions[t]!.set(stream, result.nextExpectedVersion);
    }
  }
  for (const { store, drop } of targets) await store.close().then(drop);
  const rate = (ms: number) => Math.round((batches * 100) / (ms / 1000));
  return { backend, before: { rev, eventsPerSec: rate(totals[0]!) }, after: { rev: 'HEAD', eventsPerSec: rate(totals[1]!) }, ratio: totals[0]! / totals[1]! };
};

const backends = args.backend === 'both' ? ['sqlite', 'postgresql'] : [args.backend];
const rows = [];
for (const backend of backends) rows.push(await measure(backend));
console.log(`\n${batches} batches of 100 events, interleaved; events/s`);
console.log(`${'backend'.padEnd(12)}${`at ${rev}`.padStart(14)}${'at HEAD'.padStart(12)}${'HEAD/old'.padStart(10)}`);
for (const r of rows) console.log(`${r.backend.padEnd(12)}${r.before.eventsPerSec.toLocaleString('en-US').padStart(14)}${r.after.eventsPerSec.toLocaleString('en-US').padStart(12)}${`${r.ratio.toFixed(2)}×`.padStart(10)}`);
const file = join(process.cwd(), 'bench', 'results', `append-versus-${rev}-${new Date().toISOString().replaceAll(':', '-')}.json`);
writeFileSync(file, `${JSON.stringify({ batches, rows }, null, 2)}\n`);
console.log(`results written to ${file}\nJSON:\n${JSON.stringify({ batches, rows }, null, 2)}`);
rmSync(oldTree, { recursive: true, force: true });
