import pg from 'pg';

export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/**
 * Whether PostgreSQL tests can run. In CI a missing server is a failure, not a
 * skip; on a laptop without PostgreSQL the tests skip and say so.
 */
export const postgresAvailable = async (): Promise<boolean> => {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (process.env.CI) {
      throw new Error(`PostgreSQL is required in CI but unreachable at ${TEST_POSTGRES_URL}: ${(error as Error).message}`);
    }
    console.warn(`\n⚠ SKIPPING PostgreSQL tests: no server at ${TEST_POSTGRES_URL} (${(error as Error).message})\n`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};
