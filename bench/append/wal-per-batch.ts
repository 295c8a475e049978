/**
 * What one 100-event batch writes to the write-ahead log, at HEAD and at an earlier revision (each
 * store on its own revision's schema): SQLite WAL pages, PostgreSQL WAL bytes. Unlike events/s this
 * does not swing with the machine's load, so it shows what a schema or store change buys even on a
 * busy machine. Prints a table and JSON.
 *
 *   flock /tmp/chronicle-bench.lock npx tsx bench/append/wal-per-batch.ts [--rev 6b745b8] [--backend sqlite|postgresql|both] [--what-if]
 *
 * --what-if adds SQLite rows for HEAD's schema with objects dropped from the migrated copy (the outbox
 * trigger, audit indexes): not designs, only how many pages each part of the append costs.
 *
 * SQLite: 50 batches warm the file, the WAL is checkpointed and truncated, then 8 batches are written
 * (fewer pages than the auto-checkpoint threshold) and the WAL's size is divided by the page frame.
 * PostgreSQL: the WAL insert position around each of 40 batches after 20 warm-up batches; the minimum
 * and median are reported (other sessions' writes only add, so the minimum is the closest to ours).
 */
import Database from 'better-sqlite3';
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { EventStore } from '../../lib/core/event-store';
import { createPostgresTestSchema, createSqliteTestDatabase } from '../../lib/store/testing/test-databases';
import { TEST_POSTGRES_URL } from '../../lib/store/testing/postgres-availability';
import { makeEvent } from './workloads';

const { values: args } = parseArgs({
  options: { rev: { type: 'string', default: '6b745b8' }, backend: { type: 'string', default: 'both' }, 'what-if': { type: 'boolean', default: false } },
});

const AUDIT_INDEXES = ['events_type_idx', 'events_recorded_at_idx', 'events_correlation_idx', 'events_actor_idx', 'events_causation_idx'];
/** HEAD's schema without some objects, to see what each costs an append (SQLite only). */
const WHAT_IF: Array<{ name: string; drop: string[] }> = [
  { name: 'HEAD without outbox (status, position) index', drop: ['DROP INDEX outbox_status_position_idx'] },
  { name: 'HEAD without the outbox trigger', drop: ['DROP TRIGGER events_to_outbox'] },
  { name: 'HEAD without type and time indexes', drop: ['DROP INDEX events_type_idx', 'DROP INDEX events_recorded_at_idx'] },
  { name: 'HEAD without correlation and actor indexes', drop: ['DROP INDEX events_correlation_idx', 'DROP INDEX events_actor_idx'] },
  { name: 'HEAD without the trigger and the five audit indexes', drop: ['DROP TRIGGER events_to_outbox', ...AUDIT_INDEXES.map((index) => `DROP INDEX ${index}`)] },
];
const rev = execSync(`git rev-parse --short ${args.rev}`).toString().trim();
const oldTree = join(process.cwd(), 'bench', 'results', `wal-rev-${rev}`);
rmSync(oldTree, { recursive: true, force: true });
mkdirSync(oldTree, { recursive: true });
execSync(`git archive ${rev} lib/core lib/store prisma/sqlite/migrations prisma/postgresql/migrations | tar -x -C ${oldTree}`);
const revisions = [
  { name: rev, root: oldTree },
  { name: 'HEAD', root: process.cwd() },
];

/** Appends batch number `n` (100 events) to one of ten streams, at its exact version. */
const batchWriter = (store: EventStore) => {
  const versions = new Map<string, number>();
  let n = 0;
  return async () => {
    const stream = `acct-wal-${n % 10}`;
    const events = Array.from({ length: 100 }, (_, k) => makeEvent(n * 100 + k));
    const result = await store.appendToStream(stream, events, { expectedVersion: versions.get(stream) ?? 'no_stream' });
    versions.set(stream, result.nextExpectedVersion);
    n++;
  };
};

const sqlitePagesPerBatch = async (root: string, drop: string[] = []): Promise<number> => {
  const { SqliteEventStore } = await import(join(root, 'lib/store/sqlite/sqlite-event-store.ts'));
  const filename = createSqliteTestDatabase({ root });
  if (drop.length > 0) {
    const db = new Database(filename);
    for (const statement of drop) db.exec(statement);
    db.close();
  }
  const store: EventStore = new SqliteEventStore({ filename, synchronous: 'FULL' });
  try {
    const batch = batchWriter(store);
    for (let i = 0; i < 50; i++) await batch();
    const checkpointer = new Database(filename);
    const pageSize = Number(checkpointer.pragma('page_size', { simple: true }));
    checkpointer.pragma('wal_checkpoint(TRUNCATE)');
    checkpointer.close();
    for (let i = 0; i < 8; i++) await batch();
    const frames = (statSync(`${filename}-wal`).size - 32) / (pageSize + 24); // WAL header, then a 24-byte header per frame
    return frames / 8;
  } finally {
    await store.close();
    rmSync(dirname(filename), { recursive: true, force: true });
  }
};

const postgresBytesPerBatch = async (root: string): Promise<{ min: number; median: number }> => {
  const { PostgresEventStore } = await import(join(root, 'lib/store/postgres/postgres-event-store.ts'));
  const { url, drop } = await createPostgresTestSchema({ root });
  const store: EventStore = new PostgresEventStore({ connectionString: url });
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  const walPosition = async () => {
    const { rows } = await admin.query<{ bytes: string }>("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0') AS bytes");
    return Number(rows[0]!.bytes);
  };
  try {
    const batch = batchWriter(store);
    for (let i = 0; i < 20; i++) await batch();
    const sizes: number[] = [];
    for (let i = 0; i < 40; i++) {
      const before = await walPosition();
      await batch();
      sizes.push((await walPosition()) - before);
    }
    sizes.sort((a, b) => a - b);
    return { min: sizes[0]!, median: sizes[Math.floor(sizes.length / 2)]! };
  } finally {
    await admin.end();
    await store.close();
    await drop();
  }
};

const rows: Array<{ backend: string; revision: string; sqliteWalPages?: number; postgresWalBytes?: { min: number; median: number } }> = [];
try {
  for (const { name, root } of revisions) {
    if (args.backend !== 'postgresql') rows.push({ backend: 'sqlite', revision: name, sqliteWalPages: await sqlitePagesPerBatch(root) });
    if (args.backend !== 'sqlite') rows.push({ backend: 'postgresql', revision: name, postgresWalBytes: await postgresBytesPerBatch(root) });
  }
  if (args['what-if'] && args.backend !== 'postgresql') {
    for (const { name, drop } of WHAT_IF) rows.push({ backend: 'sqlite', revision: name, sqliteWalPages: await sqlitePagesPerBatch(process.cwd(), drop) });
  }
} finally {
  rmSync(oldTree, { recursive: true, force: true });
}

console.log('\nWAL written per 100-event batch (SQLite: pages; PostgreSQL: bytes, min / median of 40)');
for (const row of rows) {
  const figure = row.sqliteWalPages !== undefined
    ? `${row.sqliteWalPages.toFixed(1)} pages`
    : `${row.postgresWalBytes!.min.toLocaleString('en-US')} / ${row.postgresWalBytes!.median.toLocaleString('en-US')} bytes`;
  console.log(`${row.backend.padEnd(12)}${row.revision.padEnd(10)} ${figure}`);
}
const file = join(process.cwd(), 'bench', 'results', `append-wal-${new Date().toISOString().replaceAll(':', '-')}.json`);
writeFileSync(file, `${JSON.stringify({ rev, rows }, null, 2)}\n`);
console.log(`results written to ${file}\nJSON:\n${JSON.stringify({ rev, rows }, null, 2)}`);
