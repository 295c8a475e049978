import { UnavailableError } from '../core/errors';

const MISSING_TABLES = new Set(['P2021', 'P2022']);
/** Cannot reach, connection closed, pool timeout, write conflict or deadlock. */
const UNREACHABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2034']);

/** What the pg driver says when the server goes away mid-query; Prisma passes some of these on without a code. */
const CONNECTION_LOST = /SQLITE_BUSY|database is locked|Connection terminated|Server has closed the connection|ECONNREFUSED|ECONNRESET|Can't reach database|terminating connection/;

/** Prisma's failures of the database itself (not of the query) as UnavailableError, so the edge answers 503 rather than 500. */
export const asReadSideError = (error: unknown): unknown => {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (MISSING_TABLES.has(code)) return new UnavailableError('The database has no read-model tables yet: run `npm run db:migrate`');
  if (UNREACHABLE.has(code) || CONNECTION_LOST.test(error instanceof Error ? error.message : '')) {
    return new UnavailableError('The read database is unavailable; try again shortly');
  }
  return error;
};
