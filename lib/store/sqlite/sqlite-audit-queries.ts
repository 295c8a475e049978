import type Database from 'better-sqlite3';
import { commandMismatchFromRow, type AuditQueries, type CommandMismatchRow, type EventQuery } from '../../core/audit-queries';
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
