import type pg from 'pg';
import { commandMismatchFromRow, type AuditQueries, type CommandMismatchRow, type EventQuery } from '../../core/audit-queries';
import { EVENT_COLUMNS, toRecordedEvent, type PostgresEventRow } from './postgres-rows';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each filter given becomes one clause with numbered parameters. */
const whereOf = (query: EventQuery): { where: string; values: unknown[] } => {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (query.cursor !== undefined) clauses.push(`position ${query.order === 'asc' ? '>' : '<'} ${param(query.cursor)}`);
  if (query.actor !== undefined) clauses.push(`metadata->>'actor' = ${param(query.actor)}`);
  if (query.types?.length) clauses.push(`type = ANY(${param(query.types)}::text[])`);
  if (query.from) clauses.push(`recorded_at >= ${param(query.from)}`);
  if (query.to) clauses.push(`recorded_at < ${param(query.to)}`);
  // event_id is a UUID column: any other text names no event (and must not reach the cast).
  if (query.eventId !== undefined) clauses.push(UUID.test(query.eventId) ? `event_id = ${param(query.eventId)}::uuid` : 'FALSE');
  if (query.correlationId !== undefined) clauses.push(`metadata->>'correlationId' = ${param(query.correlationId)}`);
  if (query.causationId !== undefined) clauses.push(`metadata->>'causationId' = ${param(query.causationId)}`);
  if (query.streamId !== undefined) clauses.push(`stream_id = ${param(query.streamId)}`);
  if (query.category !== undefined) {
    const category = param(query.category);
    clauses.push(`(stream_id = ${category} OR left(stream_id, length(${category}) + 1) = ${category} || '-')`);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', values };
};

const MISMATCHES = `
  SELECT c.command_id, c.stream_id, c.version, c.position, e.stream_id AS found_stream, e.stream_version AS found_version
  FROM commands c LEFT JOIN events e ON e.position = c.position
  WHERE (e.position IS NULL OR e.stream_id <> c.stream_id OR e.stream_version <> c.version)`;

/** Audit reads on the store's pool: SQL over the events table, JSONB extraction of the metadata. */
export const postgresAuditQueries = (pool: pg.Pool): AuditQueries => ({
  queryEvents: async (query) => {
    const { where, values } = whereOf(query);
    const sql = `SELECT ${EVENT_COLUMNS} FROM events ${where} ORDER BY position ${query.order === 'asc' ? 'ASC' : 'DESC'} LIMIT $${values.length + 1}`;
    const result = await pool.query<PostgresEventRow>(sql, [...values, query.limit]);
    return result.rows.map(toRecordedEvent);
  },
  integrityFacts: async () => {
    const result = await pool.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value, is_called FROM ${await sequenceName(pool)}`,
    );
    const row = result.rows[0];
    return { densePositions: false, sequenceHead: row ? (row.is_called ? Number(row.last_value) : Number(row.last_value) - 1) : null };
  },
  commandMismatches: async ({ streamId, limit }) => {
    const result =
      streamId === undefined
        ? await pool.query<CommandMismatchRow>(`${MISMATCHES} ORDER BY c.position LIMIT $1`, [limit])
        : await pool.query<CommandMismatchRow>(`${MISMATCHES} AND c.stream_id = $1 ORDER BY c.position LIMIT $2`, [streamId, limit]);
    return result.rows.map(commandMismatchFromRow);
  },
});

const sequenceName = async (pool: pg.Pool): Promise<string> => {
  const result = await pool.query<{ name: string }>(`SELECT pg_get_serial_sequence('events', 'position') AS name`);
  return result.rows[0]!.name;
};
