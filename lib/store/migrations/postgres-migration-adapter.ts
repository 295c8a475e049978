import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { type AdapterTracker, delegatingAdapter } from './delegating-adapter';
import { migrationPool, withClient } from './schema-engine-pool';
import { type PostgresTarget, quoteIdentifier, withDatabase } from './postgres-url';

const SHADOW_PREFIX = 'prisma_migrate_shadow_db_';

const asDriverAdapterError = (error: unknown): unknown =>
  error instanceof pg.DatabaseError
    ? new DriverAdapterError({
        kind: 'postgres',
        code: error.code ?? 'unknown',
        severity: error.severity ?? 'ERROR',
        message: error.message,
        detail: error.detail,
        column: error.column,
        hint: error.hint,
      })
    : error;

/**
 * adapter-pg's executeScript splits on `;`, which breaks dollar-quoted
 * function bodies; a parameterless query runs the script whole instead.
 */
const connectAdapter = async (connectionString: string, schema?: string): Promise<SqlDriverAdapter> => {
  const pool = migrationPool(connectionString, schema);
  const inner = await new PrismaPg(pool, { schema, disposeExternalPool: true }).connect();
  return delegatingAdapter(inner, {
    executeScript: async (script) => {
      try {
        await pool.query(script);
      } catch (error) {
        throw asDriverAdapterError(error);
      }
    },
  });
};

/**
 * adapter-pg's own shadow database reuses the main database when given a
 * connection string and drops the shadow before closing its pool. This one
 * creates a fresh database, with the same schema name as the main one so the
 * two compare equal, and drops only that database, after its pool is closed.
 */
const connectShadow = async (target: PostgresTarget): Promise<SqlDriverAdapter> => {
  const database = `${SHADOW_PREFIX}${randomUUID().replace(/-/g, '')}`;
  const dropShadow = () =>
    withClient(target.connectionString, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`));
  await withClient(target.connectionString, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(database)}`));
  const shadowUrl = withDatabase(target.connectionString, database);
  let inner: SqlDriverAdapter;
  try {
    await withClient(shadowUrl, (client) => client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(target.schema)}`));
    inner = await connectAdapter(shadowUrl, target.schema);
  } catch (error) {
    await dropShadow().catch(() => {});
    throw error;
  }
  return delegatingAdapter(inner, {
    dispose: async () => {
      await inner.dispose();
      await dropShadow();
    },
  });
};

export const postgresMigrationAdapterFactory = (
  target: PostgresTarget,
  tracker: AdapterTracker,
): SqlMigrationAwareDriverAdapterFactory => ({
  provider: 'postgres',
  adapterName: '@prisma/adapter-pg',
  connect: async () => tracker.track(await connectAdapter(target.connectionString, target.schema)),
  connectToShadowDb: async () => tracker.track(await connectShadow(target)),
});
