import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseConfig } from '../store/database-config';
import { OwnPostgresServer, ownPostgresServerAvailable } from '../store/testing/own-postgres-server';
import { createReadDb } from './read-db';
import { isDatabaseUnavailable } from './read-db-errors';

/*
 * What Prisma really throws while PostgreSQL shuts down or starts up (57P03, which it passes on as
 * P2039 "Database error" with no connection code): the database's fault, to be retried by the
 * background loops and answered 503 by the edge, not a failure of the projection or the request.
 * On a server of the test's own, never the shared one.
 */
const available = ownPostgresServerAvailable();

describe.skipIf(!available)('read-side errors from a PostgreSQL that refuses new sessions', () => {
  let postgres: OwnPostgresServer;
  let session: pg.Client;

  beforeAll(async () => {
    postgres = await OwnPostgresServer.start();
    // A session left open keeps the smart shutdown waiting, refusing every new session meanwhile.
    session = new pg.Client({ connectionString: postgres.url });
    session.on('error', () => undefined);
    await session.connect();
    postgres.beginSmartShutdown();
  });

  afterAll(async () => {
    await session?.end().catch(() => undefined);
    postgres?.destroy();
  });

  it('counts "the database system is shutting down" (57P03) as the database being unavailable', async () => {
    const db = createReadDb(databaseConfig({ DATABASE_URL: postgres.url }));
    try {
      const query = await db.$queryRawUnsafe('SELECT 1').then(() => null, (error: unknown) => error);
      const transaction = await db.$transaction(async (tx) => tx.$queryRawUnsafe('SELECT 1')).then(() => null, (error: unknown) => error);
      for (const error of [query, transaction]) {
        expect(String((error as Error | null)?.message)).toContain('57P03');
        expect(isDatabaseUnavailable(error)).toBe(true);
      }
    } finally {
      await db.$disconnect().catch(() => undefined);
    }
  });
});
