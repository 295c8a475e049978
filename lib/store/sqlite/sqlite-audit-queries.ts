import type Database from 'better-sqlite3';
import { commandMismatchFromRow, type AuditQueries, type CommandMismatchRow, type EventQuery, type StreamListQuery, type StreamListRow } from '../../core/audit-queries';
import { EVENT_COLUMNS, toRecordedEvent, type SqliteEventRow } from './sqlite-rows';

type Clause = { sql: string; values: unknown[] };

/** Each filter given becomes one clause; recorded_at is ISO-8601 text with milliseconds and Z, so text order is time order. */
const clausesOf = (query: EventQuery): Clause[] => {
  const clauses: Clause[] = [];
  if (query.cursor !== undefined) clauses.push({ sql: query.order === 'asc' ? 'position > ?' : 'position < ?', values: [query.cursor] });
  if (query.actor !== undefined) clauses.push({ sql: "json_extract(metadata, '$.actor') = ?", values: [query.actor] });
  if (query.types?.length) clauses.push({ sql: `type IN (${query.types.map(() => '?').join(', ')})`, values: query.types });
  if (query.from) clauses.push({ sql: 'recorded_at >= ?', values: [query.from.toISOString()] });
  if (query.to) clauses.push({ sql: 'recorded_at < ?', values: [query.to.toISOString()] });
  if (query.eventId !== undefined) clauses.push({ sql: 'event_id = ?', values: [query.eventId] });
  if (query.correlationId !== undefined) clauses.push({ sql: "json_extract(metadata, '$.correlationId') = ?", values: [query.correlationId] });
  if (query.causationId !== undefined) clauses.push({ sql: "json_extract(metadata, '$.causationId') = ?", values: [query.causationId] });
  if (query.streamId !== undefined) clauses.push({ sql: 'stream_id = ?', values: [query.streamId] });
  // Not LIKE: categories may hold `_`, a LIKE wildcard.
  if (query.category !== undefined) {
    clauses.push({ sql: "(stream_id = ? OR substr(stream_id, 1, length(?) + 1) = ? || '-')", values: [query.category, query.category, query.category] });
  }
  return clauses;
};

type StreamRow = {
  stream_id: string;
  version: number;
  first_version: number;
  last_position: number;
  last_type: string;
  first_at: string;
  last_at: string;
};

const STREAM_ORDER = { recent: 'h.last_position DESC', size: 'h.version DESC, h.stream_id ASC', id: 'h.stream_id ASC' } as const;

/**
 * The stream browser's page. The heads are a GROUP BY over the (stream_id, stream_version) index,
 * which in SQLite also holds the position (the rowid): a covering index scan, no table reads.
 * A category is an index range ('-' + 1 is '.'), then two point reads per row of the page.
 */
const streamListSql = (query: StreamListQuery): Clause => {
  const filters: Clause[] = [];
  if (query.category !== undefined) filters.push({ sql: 'stream_id >= ? AND stream_id < ?', values: [`${query.category}-`, `${query.category}.`] });
  if (query.search !== undefined) {
    const ids = query.searchIds ?? [];
    filters.push({
      sql: `(instr(lower(stream_id), ?) > 0${ids.length ? ` OR stream_id IN (${ids.map(() => '?').join(', ')})` : ''})`,
      values: [query.search.toLowerCase(), ...ids],
    });
  }
  const after: Clause[] = [];
  if (query.after) {
    const { streamId, version, lastPosition } = query.after;
    if (query.sort === 'recent') after.push({ sql: 'h.last_position < ?', values: [lastPosition] });
    if (query.sort === 'size') after.push({ sql: '(h.version < ? OR (h.version = ? AND h.stream_id > ?))', values: [version, version, streamId] });
    if (query.sort === 'id') after.push({ sql: 'h.stream_id > ?', values: [streamId] });
  }
  const where = (clauses: Clause[]) => (clauses.length ? `WHERE ${clauses.map((clause) => clause.sql).join(' AND ')}` : '');
  return {
    sql: `
      WITH h AS (
        SELECT stream_id, MAX(stream_version) AS version, MIN(stream_version) AS first_version, MAX(position) AS last_position
        FROM events ${where(filters)} GROUP BY stream_id
      )
      SELECT h.stream_id, h.version, h.first_version, h.last_position, l.type AS last_type, l.recorded_at AS last_at, f.recorded_at AS first_at
      FROM h
      JOIN events l ON l.position = h.last_position
      JOIN events f ON f.stream_id = h.stream_id AND f.stream_version = h.first_version
      ${where(after)}
      ORDER BY ${STREAM_ORDER[query.sort]}
      LIMIT ?`,
    values: [...filters.flatMap((clause) => clause.values), ...after.flatMap((clause) => clause.values), query.limit],
  };
};

const toStreamListRow = (row: StreamRow): StreamListRow => ({
  streamId: row.stream_id,
  version: row.version,
  firstVersion: row.first_version,
  lastPosition: row.last_position,
  lastType: row.last_type,
  firstAt: new Date(row.first_at),
  lastAt: new Date(row.last_at),
});

const MISMATCHES = `
  SELECT c.command_id, c.stream_id, c.version, c.position, e.stream_id AS found_stream, e.stream_version AS found_version
  FROM commands c LEFT JOIN events e ON e.position = c.position
  WHERE (e.position IS NULL OR e.stream_id <> c.stream_id OR e.stream_version <> c.version)`;

/** Audit reads on the store's own connection: SQL over the events table, JSON extraction of the metadata. */
export const sqliteAuditQueries = (db: Database.Database): AuditQueries => {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  return {
    queryEvents: async (query) => {
      const clauses = clausesOf(query);
      const where = clauses.length ? `WHERE ${clauses.map((clause) => clause.sql).join(' AND ')}` : '';
      const sql = `SELECT ${EVENT_COLUMNS} FROM events ${where} ORDER BY position ${query.order === 'asc' ? 'ASC' : 'DESC'} LIMIT ?`;
      const rows = prepared(sql).all(...clauses.flatMap((clause) => clause.values), query.limit) as SqliteEventRow[];
      return rows.map(toRecordedEvent);
    },
    countEvents: async (query, cap) => {
      const clauses = clausesOf({ ...query, order: 'asc', limit: 0 });
      const where = clauses.length ? `WHERE ${clauses.map((clause) => clause.sql).join(' AND ')}` : '';
      const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM events ${where} LIMIT ?)`;
      return (prepared(sql).get(...clauses.flatMap((clause) => clause.values), cap + 1) as { n: number }).n;
    },
    listStreams: async (query) => {
      const { sql, values } = streamListSql(query);
      return (prepared(sql).all(...values) as StreamRow[]).map(toStreamListRow);
    },
    integrityFacts: async () => {
      const row = prepared("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as { seq: number } | undefined;
      return { densePositions: true, sequenceHead: row?.seq ?? 0 };
    },
    commandMismatches: async ({ streamId, limit }) => {
      const rows = (
        streamId === undefined
          ? prepared(`${MISMATCHES} ORDER BY c.position LIMIT ?`).all(limit)
          : prepared(`${MISMATCHES} AND c.stream_id = ? ORDER BY c.position LIMIT ?`).all(streamId, limit)
      ) as CommandMismatchRow[];
      return rows.map(commandMismatchFromRow);
    },
  };
};
