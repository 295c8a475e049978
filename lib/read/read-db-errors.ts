import { UnavailableError } from '../core/errors';

const MISSING_TABLES = new Set(['P2021', 'P2022']);
/** Cannot reach, connection closed, pool timeout, write conflict or deadlock. */
const UNREACHABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2034']);

/** What the pg driver says when the server goes away mid-query; Prisma passes some of these on without a code. */
const CONNECTION_LOST = /SQLITE_BUSY|database is locked|Connection terminated|Server has closed the connection|ECONNREFUSED|ECONNRESET|Can't reach database|terminating connection/;

/**
 * PostgreSQL refusing new sessions while it shuts down, starts up or recovers from a crash (57P03,
 * "the database system is shutting down / starting up / in recovery mode / not yet accepting
 * connections"): Prisma passes it on as P2039 with the server's code only in the message. Not
 * counted, it made `npm run projector` exit when it started while the server did, took a batch
 * that met it for a faulty event, and turned reads into 500s instead of 503s.
 */
const NOT_ACCEPTING = /`57P03`|the database system is (shutting down|starting up|in recovery mode|not yet accepting connections|not accepting connections)/;

/**
 * SQLite's busy reaches us through Prisma's adapter as a socket timeout ("Operation has timed out"); a transaction
 * that could not start or was closed under it says "Transaction API error" / "Unable to start a transaction".
 */
const PASSING = /Operation has timed out|Transaction API error|Unable to start a transaction/;

const codeOf = (error: unknown) => (typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '');

/**
 * A fault of the database (locked, busy, unreachable, conflict), not of the query or of the code that issued it:
 * the same work tried again later can succeed. Background loops retry these rather than record a failure.
 */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  const message = error instanceof Error ? error.message : '';
  return UNREACHABLE.has(codeOf(error)) || CONNECTION_LOST.test(message) || NOT_ACCEPTING.test(message) || PASSING.test(message);
};

/** Prisma's failures of the database itself (not of the query) as UnavailableError, so the edge answers 503 rather than 500. */
export const asReadSideError = (error: unknown): unknown => {
  if (MISSING_TABLES.has(codeOf(error))) return new UnavailableError('The database has no read-model tables yet: run `npm run db:migrate`');
  if (isDatabaseUnavailable(error)) return new UnavailableError('The read database is unavailable; try again shortly');
  return error;
};

/** A row with that key is already there (Prisma P2002): often another process that did the same thing at the same moment. */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';
