import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../core/errors';
import { asReadSideError } from './read-db-errors';

const prismaError = (code: string) => Object.assign(new Error(`prisma ${code}`), { code });

describe('read-side database errors', () => {
  it('turns missing tables and an unreachable or busy database into UnavailableError', () => {
    for (const error of [prismaError('P2021'), prismaError('P1001'), prismaError('P1017'), new Error('SQLITE_BUSY: database is locked')]) {
      expect(asReadSideError(error)).toBeInstanceOf(UnavailableError);
    }
    expect((asReadSideError(prismaError('P2021')) as Error).message).toContain('db:migrate');
  });

  it('treats a connection lost mid-query as unavailable, though Prisma gives it no code', () => {
    for (const message of ['Connection terminated unexpectedly', 'Server has closed the connection.', 'connect ECONNREFUSED 127.0.0.1:5432']) {
      expect(asReadSideError(Object.assign(new Error(message), { clientVersion: '7.10.1' }))).toBeInstanceOf(UnavailableError);
    }
  });

  it('treats PostgreSQL refusing sessions while it shuts down or starts up (57P03) as unavailable', () => {
    for (const message of [
      'Database error. Code: `57P03`. Message: `the database system is shutting down`',
      'Database error. Code: `57P03`. Message: `the database system is starting up`',
      'the database system is not yet accepting connections',
    ]) {
      expect(asReadSideError(Object.assign(new Error(message), { code: 'P2039' }))).toBeInstanceOf(UnavailableError);
    }
  });

  it('leaves every other error alone', () => {
    const error = prismaError('P2002');
    expect(asReadSideError(error)).toBe(error);
    expect(asReadSideError('text')).toBe('text');
  });
});
