import Database from 'better-sqlite3';
import pg from 'pg';
import type { Backend, BenchTarget, TargetResource } from '../workloads';

/**
 * The floor: one row per event in a table with a unique (stream, version), no
 * store logic. Single events autocommit one INSERT; a batch is one transaction.
 */
export const openRawDriver = async (backend: Backend, resource: TargetResource): Promise<BenchTarget> =>
  backend === 'sqlite' ? openSqlite(resource.sqliteFile!) : openPostgres(resource.pgUrl!);

const openSqlite = async (filename: string): Promise<BenchTarget> => {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS raw_events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL,
    stream_version INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (stream_id, stream_version))`);
  const insert = db.prepare('INSERT INTO raw_events (stream_id, stream_version, type, data, recorded_at) VALUES (?, ?, ?, ?, ?)');
  const read = db.prepare<[string], { stream_version: number; type: string; data: string }>(
    'SELECT stream_version, type, data FROM raw_events WHERE stream_id = ? ORDER BY stream_version',
  );
  const insertAll = db.transaction((streamId: string, from: number, events: { type: string; data: unknown }[], at: string) => {
    events.forEach((event, i) => insert.run(streamId, from + i + 1, event.type, JSON.stringify(event.data), at));
  });
  return {
    notes: ['better-sqlite3, WAL, synchronous=FULL, busy_timeout 5000; autocommit INSERT per single event, one transaction per batch'],
    async append(streamId, events, expected) {
      const from = expected === 'no_stream' ? 0 : expected;
      const at = new Date().toISOString();
      if (events.length === 1) insert.run(streamId, from + 1, events[0]!.type, JSON.stringify(events[0]!.data), at);
      else insertAll(streamId, from, events, at);
      return from + events.length;
    },
    async readStream(streamId) {
      return read.all(streamId).map((row) => ({ ...row, data: JSON.parse(row.data) as unknown })).length;
    },
    close: async () => void db.close(),
  };
};

const openPostgres = async (url: string): Promise<BenchTarget> => {
  // Same `?schema=NAME` convention as our store's URLs.
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({ connectionString: parsed.toString(), max: 10, options: schema ? `-c search_path=${schema}` : undefined });
  await pool.query(`CREATE TABLE IF NOT EXISTS raw_events (
    position BIGSERIAL PRIMARY KEY,
    stream_id TEXT NOT NULL,
    stream_version INTEGER NOT NULL,
    type TEXT NOT NULL,
    data JSONB NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (stream_id, stream_version))`);
  return {
    notes: ['pg.Pool (max 10); autocommit INSERT per single event; a batch is one INSERT … SELECT FROM unnest() (one statement, one transaction)'],
    async append(streamId, events, expected) {
      const from = expected === 'no_stream' ? 0 : expected;
      if (events.length === 1) {
        await pool.query('INSERT INTO raw_events (stream_id, stream_version, type, data) VALUES ($1, $2, $3, $4)', [
          streamId,
          from + 1,
          events[0]!.type,
          JSON.stringify(events[0]!.data),
        ]);
      } else {
        await pool.query(
          `INSERT INTO raw_events (stream_id, stream_version, type, data)
           SELECT $1, $2 + e.i, e.type, e.data FROM unnest($3::text[], $4::jsonb[]) WITH ORDINALITY AS e(type, data, i)`,
          [streamId, from, events.map((e) => e.type), events.map((e) => JSON.stringify(e.data))],
        );
      }
      return from + events.length;
    },
    async readStream(streamId) {
      const result = await pool.query('SELECT stream_version, type, data FROM raw_events WHERE stream_id = $1 ORDER BY stream_version', [streamId]);
      return result.rows.length;
    },
    close: () => pool.end(),
  };
};
