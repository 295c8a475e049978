import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { resolve } from 'node:path';
import { PrismaClient as PostgresPrismaClient } from '../generated/prisma-postgresql/client';
import { PrismaClient as SqlitePrismaClient } from '../generated/prisma-sqlite/client';
import { schemaFromUrl } from '../store/postgres/postgres-pool';
import { databaseConfig, type DatabaseConfig } from '../store/database-config';

/**
 * The read side's Prisma client. Both generated clients have the same
 * read-model API (positions and money are BigInt in both schemas), so the
 * read side is typed against one of them.
 */
export type ReadDb = SqlitePrismaClient;
export type ReadTx = Parameters<Parameters<ReadDb['$transaction']>[0]>[0];

export const createReadDb = (config: DatabaseConfig = databaseConfig()): ReadDb => {
  if (config.provider === 'sqlite') {
    return new SqlitePrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${resolve(config.filename)}` }) });
  }
  const url = new URL(config.url);
  const schema = schemaFromUrl(config.url);
  url.searchParams.delete('schema');
  // The search path too, so raw queries (the outbox's) resolve names in the schema as model queries do.
  const options = schema ? `-c search_path="${schema.replaceAll('"', '""')}"` : undefined;
  const adapter = new PrismaPg({ connectionString: url.toString(), options }, schema ? { schema } : undefined);
  return new PostgresPrismaClient({ adapter }) as unknown as ReadDb;
};
