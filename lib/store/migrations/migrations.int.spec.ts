import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseConfig, type DatabaseConfig } from '../database-config';
import { postgresAvailable, TEST_POSTGRES_URL } from '../testing/postgres-availability';
import { applyMigrations } from './apply-migrations';
import { createMigration } from './create-migration';
import { migrationNames, projectWithSchemaChange } from './migration-fixtures';
import { LOCKFILE_NAME, lockfileContent } from './migrations-folder';

const EVENT_COLUMNS = '(event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, hash)';
const ADDED_COLUMN = /ALTER TABLE "commands" ADD COLUMN\s+"note" TEXT;/;

const scratch: string[] = [];
const scratchProject = (provider: 'sqlite' | 'postgresql'): string => {
  const root = projectWithSchemaChange(provider);
  scratch.push(root);
  return root;
};
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('migrations on SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'chronicle-migrations-'));
  scratch.push(dir);
  const filename = path.join(dir, 'not', 'yet', 'there.db');
  const config = databaseConfig({ DATABASE_URL: `file:${filename}` });
  const open = () => new Database(filename);

  it('applies every migration to a fresh file, creating its directory', async () => {
    expect(await applyMigrations(config)).toEqual(migrationNames('sqlite'));
    const db = open();
    const rows = db.prepare('SELECT migration_name, finished_at FROM _prisma_migrations').all() as {
      migration_name: string;
      finished_at: unknown;
    }[];
    db.close();
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames('sqlite'));
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(config)).toEqual([]);
  });

  it('refuses to change or remove events', () => {
    const db = open();
    try {
      db.prepare(`INSERT INTO events ${EVENT_COLUMNS} VALUES ('e-1', 's-1', 1, 'Opened', 1, '{}', '{}', 0, 'h')`).run();
      expect(() => db.prepare(`UPDATE events SET type = 'Forged'`).run()).toThrow(/immutable: UPDATE refused/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/immutable: DELETE refused/);
      expect(db.prepare('SELECT type FROM events').pluck().all()).toEqual(['Opened']);
    } finally {
      db.close();
    }
  });

  it('finds schema.prisma and the migrations in agreement, and keeps the data', async () => {
    expect(await createMigration(config, 'drift_check')).toEqual({ created: false });
    const db = open();
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    db.close();
  });

  it('writes a migration for a schema change, which then applies', async () => {
    const projectRoot = scratchProject('sqlite');
    const result = await createMigration(config, 'add_note', { projectRoot });
    expect(result.created).toBe(true);
    if (!result.created) return;
    expect(result.name).toMatch(/^\d{14}_add_note$/);
    expect(readFileSync(path.join(result.directory, 'migration.sql'), 'utf8')).toMatch(ADDED_COLUMN);
    expect(readFileSync(path.join(projectRoot, 'prisma/sqlite/migrations', LOCKFILE_NAME), 'utf8')).toBe(
      lockfileContent('sqlite'),
    );
    expect(await applyMigrations(config, { projectRoot })).toEqual([result.name]);
    expect(await createMigration(config, 'again', { projectRoot })).toEqual({ created: false });
  });
});

const postgresUp = await postgresAvailable();

describe.skipIf(!postgresUp)('migrations on PostgreSQL', () => {
  const schema = `mig_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('schema', schema);
  const config: DatabaseConfig = databaseConfig({ DATABASE_URL: url.toString() });
  let client: pg.Client;

  const shadowDatabases = async (): Promise<number> =>
    Number(
      (await client.query(`SELECT count(*) AS n FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`))
        .rows[0].n,
    );

  beforeAll(async () => {
    client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
  });

  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('applies every migration into the schema named by ?schema=, creating it', async () => {
    expect(await applyMigrations(config)).toEqual(migrationNames('postgresql'));
    const tables = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(['_prisma_migrations', 'commands', 'events', 'projection_checkpoints']));
    const functions = await client.query(
      `SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 ORDER BY 1`,
      [schema],
    );
    expect(functions.rows.map((row) => row.proname)).toEqual(['chronicle_append', 'chronicle_append_batch', 'events_refuse_change', 'events_to_outbox']);
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(config)).toEqual([]);
  });

  it('refuses to update, delete or truncate events', async () => {
    await client.query(
      `INSERT INTO "${schema}".events ${EVENT_COLUMNS}
       VALUES (gen_random_uuid(), 's-1', 1, 'Opened', 1, '{}', '{}', now(), 'h')`,
    );
    for (const statement of [
      `UPDATE "${schema}".events SET type = 'Forged'`,
      `DELETE FROM "${schema}".events`,
      // CASCADE: without it the outbox's foreign key refuses first, before the immutability trigger is reached.
      `TRUNCATE "${schema}".events CASCADE`,
    ]) {
      await expect(client.query(statement)).rejects.toMatchObject({ code: '23001', message: expect.stringMatching(/immutable/) });
    }
    expect((await client.query(`SELECT type FROM "${schema}".events`)).rows).toEqual([{ type: 'Opened' }]);
  });

  it('finds schema.prisma and the migrations in agreement, keeps the data and drops its shadow database', async () => {
    const shadowsBefore = await shadowDatabases();
    expect(await createMigration(config, 'drift_check')).toEqual({ created: false });
    expect(await shadowDatabases()).toBe(shadowsBefore);
    expect(Number((await client.query(`SELECT count(*) AS n FROM "${schema}".events`)).rows[0].n)).toBe(1);
  });

  it('writes a migration for a schema change, which then applies', async () => {
    const projectRoot = scratchProject('postgresql');
    const result = await createMigration(config, 'add_note', { projectRoot });
    expect(result.created).toBe(true);
    if (!result.created) return;
    expect(result.script).toMatch(ADDED_COLUMN);
    expect(existsSync(path.join(projectRoot, 'prisma/postgresql/migrations', LOCKFILE_NAME))).toBe(true);
    expect(await applyMigrations(config, { projectRoot })).toEqual([result.name]);
    const columns = await client.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'commands'`,
      [schema],
    );
    expect(columns.rows.map((row) => row.column_name)).toContain('note');
  });
});
