import { performance } from 'node:perf_hooks';
import { AggregateRegistry } from '../../../lib/core/aggregate-registry';
import type { EventStore } from '../../../lib/core/event-store';
import { upcastingStore } from '../../../lib/core/upcasting-store';
import { PROJECTIONS } from '../../../lib/views/registry';
import { ProjectionManager } from '../../../lib/projections/projection-manager';
import { createReadDb } from '../../../lib/read/read-db';
import { AGGREGATES } from '../../../lib/runtime/aggregates';
import { databaseConfig } from '../../../lib/store/database-config';
import { PostgresEventStore } from '../../../lib/store/postgres/postgres-event-store';
import { SqliteEventStore } from '../../../lib/store/sqlite/sqlite-event-store';
import { accountEvent, appendPlan, EVENTS_PER_ACCOUNT, peakRssMb, type RebuildResult, type TargetReport } from '../workload';

type Options = { backend: 'sqlite' | 'postgresql'; url: string; events: number; batchSize: number; log: (line: string) => void };

/**
 * Our projections as the app runs them: the upcasting store over the real
 * adapter, the ProjectionManager's rebuild path (a generation built beside
 * the live one, then switched in), SQLite FULL / PostgreSQL defaults.
 */
export const runChronicle = async ({ backend, url, events, batchSize, log }: Options): Promise<TargetReport> => {
  const open = (synchronous: 'FULL' | 'NORMAL'): EventStore =>
    backend === 'sqlite' ? new SqliteEventStore({ filename: url.replace(/^file:/, ''), synchronous }) : new PostgresEventStore({ connectionString: url });
  const upcasters = new AggregateRegistry(AGGREGATES).upcasters;

  // Seeding is not what is measured: on SQLite it runs with synchronous=NORMAL (an fsync per commit would take most of the run).
  const seeder = upcastingStore(open('NORMAL'), upcasters);
  const seedStarted = performance.now();
  let appended = 0;
  for (const { account, from, events: chunk } of appendPlan(events, 50)) {
    await seeder.appendToStream(`account-${accountId(account)}`, chunk, { expectedVersion: from === 0 ? 'no_stream' : from });
    appended += chunk.length;
    if (appended % 100_000 < chunk.length) log(`seeded ${appended.toLocaleString('en')} events`);
  }
  const seedMs = performance.now() - seedStarted;
  await seeder.close();

  const stored = open('FULL');
  const store = upcastingStore(stored, upcasters);
  const db = createReadDb(databaseConfig({ DATABASE_URL: url }));
  const manager = new ProjectionManager(store, db, PROJECTIONS, { rebuildBatchSize: batchSize, holder: 'bench' });
  try {
    for (const projection of PROJECTIONS) await manager.checkpoints.ensureProjection(projection.name, projection.version);

    const rebuilds: RebuildResult[] = [];
    for (const projection of PROJECTIONS) {
      const generation = await manager.startRebuild(projection);
      const started = performance.now();
      await manager.runBuild(projection, generation);
      const ms = performance.now() - started;
      rebuilds.push({ projection: projection.name, events, ms, eventsPerSec: events / (ms / 1000) });
      log(`${projection.name}: ${events.toLocaleString('en')} events in ${(ms / 1000).toFixed(1)} s = ${Math.round(events / (ms / 1000)).toLocaleString('en')} ev/s`);
    }

    // All three rebuilt at once while a writer keeps appending (20 events per 100 ms); then the time for the live generations to reach the head.
    const generations = await Promise.all(PROJECTIONS.map((projection) => manager.startRebuild(projection)));
    let writing = true;
    let written = 0;
    const extraAccount = Math.ceil(events / EVENTS_PER_ACCOUNT) + 1;
    const writer = (async () => {
      for (let a = extraAccount; writing; a++) {
        const chunk = Array.from({ length: 20 }, (_, n) => accountEvent(a, n));
        await store.appendToStream(`account-${accountId(a)}`, chunk, { expectedVersion: 'no_stream' });
        written += chunk.length;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const started = performance.now();
    // One pass over the log for all three: each batch is read once and folded into each projection in turn.
    await manager.runBuilds(PROJECTIONS.map((projection, i) => ({ projection, generation: generations[i]! })));
    const ms = performance.now() - started;
    // Events the writer appended while the builds ran were folded by them too.
    const folded = PROJECTIONS.length * (events + written);
    writing = false;
    await writer;
    log(`all ${PROJECTIONS.length} together (one pass over the log): ${folded.toLocaleString('en')} event folds in ${(ms / 1000).toFixed(1)} s = ${Math.round(folded / (ms / 1000)).toLocaleString('en')} folds/s`);
    const catchUpStarted = performance.now();
    await manager.catchUp();
    const catchUpMs = performance.now() - catchUpStarted;
    const lag = (await manager.status()).map((s) => s.lag.events);
    if (lag.some((n) => n !== 0)) throw new Error(`projections not at the head after catch-up: lag ${lag.join(', ')}`);
    log(`catch-up after the rebuild: ${written} events appended during it, live at the head ${Math.round(catchUpMs)} ms after the switch`);
    return {
      target: 'chronicle',
      backend,
      events,
      seedMs,
      rebuilds,
      together: { projection: 'all', projections: PROJECTIONS.length, events: folded, ms, eventsPerSec: folded / (ms / 1000) },
      catchUp: { events: written, ms: catchUpMs },
      peakRssMb: peakRssMb(),
      notes: [
        backend === 'sqlite' ? 'SqliteEventStore (synchronous=FULL) + Prisma better-sqlite3 adapter for the read side' : 'PostgresEventStore + Prisma pg adapter for the read side',
        `ProjectionManager.runBuild: ${batchSize.toLocaleString('en')}-event batches, next batch read while one is written; rebuild = a new generation beside the live one, switched in at the head`,
        backend === 'sqlite' ? 'seeded through the upcasting store (hash chain, canonical JSON) in 50-event appends, accounts interleaved, synchronous=NORMAL while seeding; FULL afterwards' : 'seeded through the upcasting store (hash chain, canonical JSON) in 50-event appends, accounts interleaved',
      ],
    };
  } finally {
    await manager.stop();
    await db.$disconnect();
    await stored.close();
  }
};

const accountId = (a: number) => `acct-${a.toString().padStart(7, '0')}`;
