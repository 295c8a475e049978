import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../core/envelope';
import { chainHash } from '../../core/hash-chain';
import { createPool } from '../../store/postgres/postgres-pool';
import type { TestBackend } from '../../store/testing/backends';

/**
 * Someone with write access to the database: switches the immutability
 * triggers off and edits the events table directly, beneath the application.
 */
export type Attacker = {
  setData: (position: number, data: unknown) => Promise<void>;
  setMetadata: (position: number, metadata: unknown) => Promise<void>;
  setHash: (position: number, hash: string) => Promise<void>;
  deleteAt: (position: number) => Promise<void>;
  deleteStream: (streamId: string) => Promise<void>;
  /** Swaps two events' places in their stream. */
  swapVersions: (streamId: string, a: number, b: number) => Promise<void>;
  insert: (event: Omit<RecordedEvent, 'globalPosition'> & { globalPosition?: number }) => Promise<void>;
  close: () => Promise<void>;
};

/** Rewrites an event and re-chains the rest of its stream, as a careful attacker would. */
export const rewriteAndRechain = async (attacker: Attacker, stream: RecordedEvent[], version: number, data: unknown): Promise<void> => {
  let previous = stream[version - 2]?.hash ?? null;
  for (const event of stream.slice(version - 1)) {
    const rewritten = event.streamVersion === version ? { ...event, data } : event;
    const hash = chainHash(previous, rewritten);
    if (rewritten !== event) await attacker.setData(event.globalPosition, data);
    await attacker.setHash(event.globalPosition, hash);
    previous = hash;
  }
};

const sqliteAttacker = (filename: string): Attacker => {
  const db = new Database(filename);
  db.exec('DROP TRIGGER IF EXISTS events_refuse_update; DROP TRIGGER IF EXISTS events_refuse_delete;');
  const run = async (sql: string, ...values: unknown[]) => {
    db.prepare(sql).run(...values);
  };
  return {
    setData: (position, data) => run('UPDATE events SET data = ? WHERE position = ?', JSON.stringify(data), position),
    setMetadata: (position, metadata) => run('UPDATE events SET metadata = ? WHERE position = ?', JSON.stringify(metadata), position),
    setHash: (position, hash) => run('UPDATE events SET hash = ? WHERE position = ?', hash, position),
    // The outbox row of an event refers to it: an attacker removes that first.
    deleteAt: async (position) => {
      await run('DELETE FROM outbox WHERE position = ?', position);
      await run('DELETE FROM events WHERE position = ?', position);
    },
    deleteStream: async (streamId) => {
      await run('DELETE FROM outbox WHERE stream_id = ?', streamId);
      await run('DELETE FROM events WHERE stream_id = ?', streamId);
    },
    swapVersions: async (streamId, a, b) => {
      db.transaction(() => {
        db.prepare('UPDATE events SET stream_version = -1 WHERE stream_id = ? AND stream_version = ?').run(streamId, a);
        db.prepare('UPDATE events SET stream_version = ? WHERE stream_id = ? AND stream_version = ?').run(a, streamId, b);
        db.prepare('UPDATE events SET stream_version = ? WHERE stream_id = ? AND stream_version = -1').run(b, streamId);
      })();
    },
    insert: (event) =>
      run(
        `INSERT INTO events (position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        event.globalPosition ?? null,
        event.eventId,
        event.streamId,
        event.streamVersion,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        event.recordedAt.toISOString(),
        event.hash,
      ),
    close: async () => {
      db.close();
    },
  };
};

const postgresAttacker = (url: string): Attacker => {
  const pool = createPool({ connectionString: url, max: 1 });
  let disarmed: Promise<unknown> | null = null;
  const run = async (sql: string, ...values: unknown[]) => {
    disarmed ??= pool.query('ALTER TABLE events DISABLE TRIGGER USER');
    await disarmed;
    await pool.query(sql, values);
  };
  return {
    setData: (position, data) => run('UPDATE events SET data = $1::jsonb WHERE position = $2', JSON.stringify(data), position),
    setMetadata: (position, metadata) => run('UPDATE events SET metadata = $1::jsonb WHERE position = $2', JSON.stringify(metadata), position),
    setHash: (position, hash) => run('UPDATE events SET hash = $1 WHERE position = $2', hash, position),
    deleteAt: async (position) => {
      await run('DELETE FROM outbox WHERE position = $1', position);
      await run('DELETE FROM events WHERE position = $1', position);
    },
    deleteStream: async (streamId) => {
      await run('DELETE FROM outbox WHERE stream_id = $1', streamId);
      await run('DELETE FROM events WHERE stream_id = $1', streamId);
    },
    swapVersions: (streamId, a, b) =>
      run(
        `UPDATE events SET stream_version = CASE stream_version WHEN $2::int THEN $3::int ELSE $2::int END
         WHERE stream_id = $1 AND stream_version IN ($2, $3)`,
        streamId,
        a,
        b,
      ).catch(async (error: unknown) => {
        // The unique index is checked per row: go through a free version, as an attacker would.
        if ((error as { code?: string }).code !== '23505') throw error;
        await run('UPDATE events SET stream_version = -1 WHERE stream_id = $1 AND stream_version = $2', streamId, a);
        await run('UPDATE events SET stream_version = $2 WHERE stream_id = $1 AND stream_version = $3', streamId, a, b);
        await run('UPDATE events SET stream_version = $2 WHERE stream_id = $1 AND stream_version = -1', streamId, b);
      }),
    insert: (event) =>
      run(
        `INSERT INTO events (position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, hash)
         VALUES (coalesce($1, nextval(pg_get_serial_sequence('events', 'position'))), $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
        event.globalPosition ?? null,
        event.eventId,
        event.streamId,
        event.streamVersion,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        event.recordedAt,
        event.hash,
      ),
    close: () => pool.end(),
  };
};

export const attackerOf = (backend: TestBackend): Attacker =>
  backend.name === 'SQLite' ? sqliteAttacker(backend.url.slice('file:'.length)) : postgresAttacker(backend.url);
