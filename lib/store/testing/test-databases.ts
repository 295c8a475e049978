import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TEST_POSTGRES_URL } from './postgres-availability';

const migrationsDir = (provider: 'sqlite' | 'postgresql', root = process.cwd()) => join(root, 'prisma', provider, 'migrations');

/**
 * Which migrations a test database gets: all of them, or (to test an upgrade) those before one; from
 * this checkout, or from `root`'s prisma/ (a benchmark comparing an older revision with its own schema).
 */
export type MigrationsUpTo = { before?: string; root?: string };

/** The migrations' SQL in order: tests apply it directly, which is what `db:migrate` applies too. */
const migrationScripts = (provider: 'sqlite' | 'postgresql', { before, root }: MigrationsUpTo = {}): string[] =>
  readdirSync(migrationsDir(provider, root), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && (before === undefined || entry.name < before))
    .map((entry) => entry.name)
    .sort()
    .map((name) => migrationScript(provider, name, root));

const migrationScript = (provider: 'sqlite' | 'postgresql', name: string, root?: string): string =>
  readFileSync(join(migrationsDir(provider, root), name, 'migration.sql'), 'utf8');

/** A fresh, migrated SQLite file in a temp directory. */
export const createSqliteTestDatabase = (upTo: MigrationsUpTo = {}): string => {
  const filename = join(mkdtempSync(join(tmpdir(), 'chronicle-')), 'test.db');
  const db = new Database(filename);
  for (const script of migrationScripts('sqlite', upTo)) db.exec(script);
  db.close();
  return filename;
};

/** Applies one migration (by folder name) to a test database made with `before`. */
export const applySqliteMigration = (filename: string, name: string): void => {
  const db = new Database(filename);
  try {
    db.exec(migrationScript('sqlite', name));
  } finally {
    db.close();
  }
};

export const applyPostgresMigration = async (schema: string, name: string): Promise<void> => {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    await client.query(migrationScript('postgresql', name));
  } finally {
    await client.end();
  }
};

/** A fresh, migrated PostgreSQL schema; drop it when done. */
export const createPostgresTestSchema = async (upTo: MigrationsUpTo = {}): Promise<{ schema: string; url: string; drop: () => Promise<void> }> => {
  const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    for (const script of migrationScripts('postgresql', upTo)) await client.query(script);
  } finally {
    await client.end();
  }
  const url = `${TEST_POSTGRES_URL}?schema=${schema}`;
  return {
    schema,
    url,
    drop: async () => {
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP SCHEMA "${schema}" CASCADE`);
      } finally {
        await dropper.end();
      }
    },
  };
};
