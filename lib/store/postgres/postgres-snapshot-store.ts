import type pg from 'pg';
import type { Snapshot, SnapshotInfo, SnapshotStore } from '../../core/snapshots';

type Row = { stream_id: string; version: number; state_schema_version: number; state?: unknown; created_at: Date };

/** Snapshots in PostgreSQL, on a pool of their own or one shared with the event store (then not closed here). */
export class PostgresSnapshotStore implements SnapshotStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool = false,
  ) {}

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  async latest(streamId: string, stateSchemaVersion: number, atOrBefore = 2_147_483_647): Promise<Snapshot | null> {
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM snapshots WHERE stream_id = $1 AND state_schema_version = $2 AND version <= $3 ORDER BY version DESC LIMIT 1`,
      [streamId, stateSchemaVersion, Math.min(atOrBefore, 2_147_483_647)],
    );
    const row = rows[0];
    return row ? { ...info(row), state: row.state } : null;
  }

  async save(snapshot: Snapshot): Promise<void> {
    await this.pool.query(
      `INSERT INTO snapshots (stream_id, version, state_schema_version, state, created_at) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (stream_id, version) DO UPDATE SET state_schema_version = excluded.state_schema_version,
         state = excluded.state, created_at = excluded.created_at`,
      [snapshot.streamId, snapshot.version, snapshot.stateSchemaVersion, JSON.stringify(snapshot.state), snapshot.createdAt],
    );
  }

  async list(streamId: string): Promise<SnapshotInfo[]> {
    const { rows } = await this.pool.query<Row>(
      'SELECT stream_id, version, state_schema_version, created_at FROM snapshots WHERE stream_id = $1 ORDER BY version',
      [streamId],
    );
    return rows.map(info);
  }

  async delete(streamId?: string): Promise<number> {
    const result =
      streamId === undefined ? await this.pool.query('DELETE FROM snapshots') : await this.pool.query('DELETE FROM snapshots WHERE stream_id = $1', [streamId]);
    return result.rowCount ?? 0;
  }
}

const info = (row: Row): SnapshotInfo => ({
  streamId: row.stream_id,
  version: row.version,
  stateSchemaVersion: row.state_schema_version,
  createdAt: row.created_at,
});
