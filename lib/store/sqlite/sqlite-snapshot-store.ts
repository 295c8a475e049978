import Database from 'better-sqlite3';
import type { Snapshot, SnapshotInfo, SnapshotStore } from '../../core/snapshots';

type Row = { stream_id: string; version: number; state_schema_version: number; state: string; created_at: string };

/** Snapshots in SQLite, on a connection of their own (writes are best-effort and never block appends). */
export class SqliteSnapshotStore implements SnapshotStore {
  private readonly db: Database.Database;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 0');
  }

  async latest(streamId: string, stateSchemaVersion: number, atOrBefore = Number.MAX_SAFE_INTEGER): Promise<Snapshot | null> {
    const row = this.db
      .prepare<[string, number, number], Row>(
        `SELECT * FROM snapshots WHERE stream_id = ? AND state_schema_version = ? AND version <= ? ORDER BY version DESC LIMIT 1`,
      )
      .get(streamId, stateSchemaVersion, atOrBefore);
    return row ? { ...info(row), state: JSON.parse(row.state) as unknown } : null;
  }

  async save(snapshot: Snapshot): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO snapshots (stream_id, version, state_schema_version, state, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (stream_id, version) DO UPDATE SET state_schema_version = excluded.state_schema_version,
           state = excluded.state, created_at = excluded.created_at`,
      )
      .run(snapshot.streamId, snapshot.version, snapshot.stateSchemaVersion, JSON.stringify(snapshot.state), snapshot.createdAt.toISOString());
  }

  async list(streamId: string): Promise<SnapshotInfo[]> {
    return this.db
      .prepare<[string], Row>('SELECT stream_id, version, state_schema_version, created_at FROM snapshots WHERE stream_id = ? ORDER BY version')
      .all(streamId)
      .map(info);
  }

  async delete(streamId?: string): Promise<number> {
    const result = streamId === undefined ? this.db.prepare('DELETE FROM snapshots').run() : this.db.prepare('DELETE FROM snapshots WHERE stream_id = ?').run(streamId);
    return result.changes;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

const info = (row: Omit<Row, 'state'>): SnapshotInfo => ({
  streamId: row.stream_id,
  version: row.version,
  stateSchemaVersion: row.state_schema_version,
  createdAt: new Date(row.created_at),
});
