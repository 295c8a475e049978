// Where does a 100-event batch go on SQLite? Variants of the schema, same workload.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { v7 } from 'uuid';
import { SqliteEventStore } from '../lib/store/sqlite/sqlite-event-store';
import { createSqliteTestDatabase } from '../lib/store/testing/test-databases';
import { prepareEvents } from '../lib/core/prepare-events';
import { makeEvent } from '../bench/append/workloads';

const variant = process.argv[2] ?? 'base';
const ids = process.argv[3] ?? 'v7';
const file = createSqliteTestDatabase();
const db = new Database(file);
const drops: Record<string, string[]> = {
  base: [],
  noOutbox: ['DROP TRIGGER events_to_outbox'],
  noJsonIdx: ['DROP INDEX events_correlation_idx', 'DROP INDEX events_causation_idx', 'DROP INDEX events_actor_idx'],
  noAuditIdx: ['DROP INDEX events_correlation_idx', 'DROP INDEX events_causation_idx', 'DROP INDEX events_actor_idx', 'DROP INDEX events_type_idx', 'DROP INDEX events_recorded_at_idx'],
  bare: ['DROP TRIGGER events_to_outbox', 'DROP INDEX events_correlation_idx', 'DROP INDEX events_causation_idx', 'DROP INDEX events_actor_idx', 'DROP INDEX events_type_idx', 'DROP INDEX events_recorded_at_idx', 'DROP INDEX events_event_id_key'],
};
for (const sql of drops[variant]!) db.exec(sql);
db.close();
const store = new SqliteEventStore({ filename: file, synchronous: 'FULL' });
const newId = ids === 'v4' ? () => randomUUID() : () => v7();
// like the bench: ~3,000 single events before the batches
for (let i = 0; i < 3000; i += 100) {
  await Promise.all(Array.from({ length: 100 }, (_, k) => store.appendToStream(`acct-pre-${i + k}`, [{ ...makeEvent(i + k), eventId: newId() }], { expectedVersion: 'no_stream' })));
}
const versions = new Map<string, number>();
const t0 = performance.now();
let js = 0;
for (let b = 0; b < 100; b++) {
  const stream = `acct-batch-${b % 10}`;
  const events = Array.from({ length: 100 }, (_, k) => ({ ...makeEvent(b * 100 + k), eventId: newId() }));
  const r = await store.appendToStream(stream, events, { expectedVersion: versions.get(stream) ?? 0 });
  versions.set(stream, r.nextExpectedVersion);
}
const ms = performance.now() - t0;
const j0 = performance.now();
for (let b = 0; b < 100; b++) {
  const events = Array.from({ length: 100 }, (_, k) => ({ ...makeEvent(b * 100 + k), eventId: newId() }));
  const p = prepareEvents('acct-x', events, { version: 0, hash: null }, new Date(), undefined);
  for (const e of p) { JSON.stringify(e.data); JSON.stringify(e.metadata); }
}
js = performance.now() - j0;
await store.close();
console.log(JSON.stringify({ variant, ids, evPerSec: Math.round(10000 / (ms / 1000)), msPerBatch: +(ms / 100).toFixed(2), jsPrepareMsPerBatch: +(js / 100).toFixed(2) }));
