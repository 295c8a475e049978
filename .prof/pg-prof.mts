// Where does a 100-event batch go on PostgreSQL? EXPLAIN ANALYZE of the insert the append function runs, and store timings.
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { v7 } from 'uuid';
import { PostgresEventStore } from '../lib/store/postgres/postgres-event-store';
import { createPostgresTestSchema } from '../lib/store/testing/test-databases';
import { makeEvent } from '../bench/append/workloads';

const ids = process.argv[2] ?? 'v7';
const drops = (process.argv[3] ?? '').split(',').filter(Boolean);
const { schema, url, drop } = await createPostgresTestSchema();
const admin = new pg.Client({ connectionString: url.split('?')[0] });
await admin.connect();
await admin.query(`SET search_path TO "${schema}"`);
for (const d of drops) await admin.query(d);
const store = new PostgresEventStore({ connectionString: url });
const newId = ids === 'v4' ? () => randomUUID() : () => v7();
for (let i = 0; i < 3000; i += 100) {
  await Promise.all(Array.from({ length: 100 }, (_, k) => store.appendToStream(`acct-pre-${i + k}`, [{ ...makeEvent(i + k), eventId: newId() }], { expectedVersion: 'no_stream' })));
}
await admin.query('CHECKPOINT');
const versions = new Map<string, number>();
const t0 = performance.now();
for (let b = 0; b < 100; b++) {
  const stream = `acct-batch-${b % 10}`;
  const events = Array.from({ length: 100 }, (_, k) => ({ ...makeEvent(b * 100 + k), eventId: newId() }));
  const r = await store.appendToStream(stream, events, { expectedVersion: versions.get(stream) ?? 0 });
  versions.set(stream, r.nextExpectedVersion);
}
const ms = performance.now() - t0;
// one batch explained, inside a transaction rolled back
const ev = Array.from({ length: 100 }, (_, k) => makeEvent(k));
await admin.query('BEGIN');
const plan = await admin.query(
  `EXPLAIN (ANALYZE, BUFFERS, WAL, FORMAT TEXT)
   INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, hash)
   SELECT ($1::uuid[])[i], 'acct-explain', i, ($2::text[])[i], 1, ($3::jsonb[])[i], ($4::jsonb[])[i], now(), 'h'
   FROM generate_subscripts($1::uuid[], 1) AS i ORDER BY i`,
  [ev.map(() => newId()), ev.map((e) => e.type), ev.map((e) => JSON.stringify(e.data)), ev.map((_, k) => JSON.stringify({ actor: 'system', correlationId: newId(), causationId: null, commandId: null }))],
);
await admin.query('ROLLBACK');
console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
await store.close();
await admin.end();
await drop();
console.log(JSON.stringify({ ids, drops, evPerSec: Math.round(10000 / (ms / 1000)), msPerBatch: +(ms / 100).toFixed(2) }));
