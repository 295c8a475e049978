import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditQueries } from '../core/audit-queries';
import { testBackends, type TestBackend } from './testing/backends';

/** The plan of a lookup by causation id, as the audit queries write it (the index is partial: only events with a cause). */
const planOf = async (backend: TestBackend): Promise<string> => {
  if (backend.name === 'SQLite') {
    const db = new Database(backend.url.slice('file:'.length), { readonly: true });
    try {
      const rows = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM events WHERE json_extract(metadata, '$.causationId') = ? ORDER BY position DESC LIMIT 50").all('x');
      return rows.map((row) => (row as { detail: string }).detail).join(' | ');
    } finally {
      db.close();
    }
  }
  const url = new URL(backend.url);
  const schema = url.searchParams.get('schema')!;
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    // A handful of rows would be read sequentially anyway: this asks whether the index can serve the lookup at all.
    await client.query('SET enable_seqscan = off');
    const result = await client.query("EXPLAIN SELECT * FROM events WHERE metadata->>'causationId' = $1 ORDER BY position DESC LIMIT 50", ['x']);
    return result.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join(' | ');
  } finally {
    await client.end();
  }
};

describe.each(await testBackends())('the partial causation index on $name', ({ create }) => {
  let backend: TestBackend;
  beforeEach(async () => void (backend = await create()));
  afterEach(async () => backend.cleanup());

  it('serves lookups by causation id and finds exactly the events caused, while uncaused events stay out of it', async () => {
    const store = backend.open();
    const cause = await store.appendToStream('thing-cause', [{ type: 'Started', data: {} }]);
    const [started] = await store.readStream('thing-cause');
    await store.appendToStream('thing-plain', [{ type: 'Happened', data: { n: 1 } }, { type: 'Happened', data: { n: 2 } }]);
    await store.appendToStream('thing-effect', [
      { type: 'Followed', data: {}, metadata: { actor: 'saga', causationId: started!.eventId } },
      { type: 'Followed', data: {}, metadata: { actor: 'saga', causationId: started!.eventId } },
    ]);
    const audit = (store as unknown as { auditQueries(): AuditQueries }).auditQueries();
    const caused = await audit.queryEvents({ causationId: started!.eventId, order: 'asc', limit: 50 });
    expect(caused.map((event) => event.streamId)).toEqual(['thing-effect', 'thing-effect']);
    expect(caused[0]!.globalPosition).toBeGreaterThan(cause.lastGlobalPosition);
    expect(await planOf(backend)).toMatch(/events_causation_idx/);
  });
});
