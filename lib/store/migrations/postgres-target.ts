import { quoteIdentifier, withDatabase, type PostgresTarget } from './postgres-url';
import { withClient } from './schema-engine-pool';

const INVALID_CATALOG_NAME = '3D000';

/** Creates the database and the schema named by the URL when they are missing, as `prisma migrate` does. */
export const ensurePostgresTarget = async (target: PostgresTarget): Promise<void> => {
  const createSchema = `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(target.schema)}`;
  try {
    await withClient(target.connectionString, (client) => client.query(createSchema));
  } catch (error) {
    if ((error as { code?: unknown }).code !== INVALID_CATALOG_NAME) throw error;
    await withClient(withDatabase(target.connectionString, 'postgres'), (client) =>
      client.query(`CREATE DATABASE ${quoteIdentifier(target.database)}`),
    );
    await withClient(target.connectionString, (client) => client.query(createSchema));
  }
};
