import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseConfig } from '../database-config';
import { NO_FILTERS } from './apply-migrations';
import { LOCKFILE_NAME, lockfileContent, MIGRATION_FILE_NAME, readMigrationsList } from './migrations-folder';
import { type EngineOptions, withSchemaEngine } from './schema-engine';

export type CreateMigrationResult =
  | { created: false }
  | { created: true; name: string; directory: string; script: string };

const MIGRATION_NAME = /^[a-z0-9_]+$/;

/**
 * Replays the migrations on a shadow database, diffs the result against
 * schema.prisma and writes the difference as a new migration folder. Writes
 * nothing when they already agree. The main database is only read.
 */
export const createMigration = (
  config: DatabaseConfig,
  name: string,
  options: EngineOptions = {},
): Promise<CreateMigrationResult> => {
  if (!MIGRATION_NAME.test(name)) {
    return Promise.reject(new Error(`Migration name must be lower-case letters, digits and underscores, not "${name}"`));
  }
  return withSchemaEngine(config, options, async ({ engine, schema, schemaPath, migrationsDir }) => {
    const migrationsList = readMigrationsList(migrationsDir);
    const { action } = await engine.devDiagnostic({ migrationsList, filters: NO_FILTERS });
    if (action.tag === 'reset') {
      throw new Error(
        `The database has drifted from the migrations (${action.reason}). Reset it yourself, or point DATABASE_URL at another database; nothing was written.`,
      );
    }
    const output = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema: { files: [{ path: schemaPath, content: schema }] },
      filters: NO_FILTERS,
    });
    if (output.migrationScript === null) return { created: false };
    const directory = path.join(migrationsDir, output.generatedMigrationName);
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, MIGRATION_FILE_NAME), output.migrationScript);
    const lockfile = path.join(migrationsDir, LOCKFILE_NAME);
    if (!existsSync(lockfile)) writeFileSync(lockfile, lockfileContent(config.provider));
    return { created: true, name: output.generatedMigrationName, directory, script: output.migrationScript };
  });
};
