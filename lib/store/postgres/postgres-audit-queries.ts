import type pg from 'pg';
import { commandMismatchFromRow, type AuditQueries, type CommandMismatchRow, type EventQuery, type StreamListQuery, type StreamListRow } from '../../core/audit-queries';
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

type StreamRow = {
  stream_id: string;
  version: number;
  first_version: number;
  last_position: string | number;
  last_type: string;
  first_at: Date;
  last_at: Date;
};

/* Ids compare byte-wise (COLLATE "C") so the keyset and the order agree with SQLite's and the in-memory specification. */
const STREAM_ORDER = { recent: 'h.last_position DESC', size: 'h.version DESC, h.stream_id COLLATE "C" ASC', id: 'h.stream_id COLLATE "C" ASC' } as const;

/** The stream browser's page: a GROUP BY over the (stream_id, stream_version) index, then two point reads per row. */
const streamListSql = (query: StreamListQuery): { sql: string; values: unknown[] } => {
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const filters: string[] = [];
  if (query.category !== undefined) filters.push(`left(stream_id, ${param(query.category.length + 1)}) = ${param(`${query.category}-`)}`);
  if (query.search !== undefined) {
    const ids = query.searchIds ?? [];
    filters.push(`(strpos(lower(stream_id), ${param(query.search.toLowerCase())}) > 0${ids.length ? ` OR stream_id = ANY(${param(ids)}::text[])` : ''})`);
  }
  const after: string[] = [];
  if (query.after) {
    const { streamId, version, lastPosition } = query.after;
    if (query.sort === 'recent') after.push(`h.last_position < ${param(lastPosition)}`);
    if (query.sort === 'size') {
      after.push(`(h.version < ${param(version)} OR (h.version = ${param(version)} AND h.stream_id COLLATE "C" > ${param(streamId)}))`);
    }
    if (query.sort === 'id') after.push(`h.stream_id COLLATE "C" > ${param(streamId)}`);
  }
  const where = (clauses: string[]) => (clauses.length ? `WHERE ${clauses.join(' AND ')}` : '');
  const filterSql = where(filters);
  const afterSql = where(after);
  return {
    sql: `
      WITH h AS (
        SELECT stream_id, MAX(stream_version) AS version, MIN(stream_version) AS first_version, MAX(position) AS last_position
        FROM events ${filterSql} GROUP BY stream_id
      )
      SELECT h.stream_id, h.version, h.first_version, h.last_position, l.type AS last_type, l.recorded_at AS last_at, f.recorded_at AS first_at
      FROM h
      JOIN events l ON l.position = h.last_position
      JOIN events f ON f.stream_id = h.stream_id AND f.stream_version = h.first_version
      ${afterSql}
      ORDER BY ${STREAM_ORDER[query.sort]}
      LIMIT ${param(query.limit)}`,
    values,
  };
};

const toStreamListRow = (row: StreamRow): StreamListRow => ({
  streamId: row.stream_id,
  version: Number(row.version),
  firstVersion: Number(row.first_version),
  lastPosition: Number(row.last_position),
  lastType: row.last_type,
  firstAt: new Date(row.first_at),
  lastAt: new Date(row.last_at),
});

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
  countEvents: async (query, cap) => {
    const { where, values } = whereOf({ ...query, order: 'asc', limit: 0 });
    const sql = `SELECT count(*)::int AS n FROM (SELECT 1 FROM events ${where} LIMIT $${values.length + 1}) matching`;
    return (await pool.query<{ n: number }>(sql, [...values, cap + 1])).rows[0]!.n;
  },
  listStreams: async (query) => {
    const { sql, values } = streamListSql(query);
    return (await pool.query<StreamRow>(sql, values)).rows.map(toStreamListRow);
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
