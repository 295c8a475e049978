import type { SchemaFilter } from '@prisma/schema-engine-wasm';
import type { DatabaseConfig } from '../database-config';
import { readMigrationsList } from './migrations-folder';
import { type EngineOptions, withSchemaEngine } from './schema-engine';

export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * Applies the migrations of prisma/<provider>/migrations that the database
 * lacks (what `prisma migrate deploy` does) and returns their names.
 */
export const applyMigrations = (config: DatabaseConfig, options: EngineOptions = {}): Promise<string[]> =>
  withSchemaEngine(config, options, async ({ engine, migrationsDir }) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrationsList(migrationsDir),
      filters: NO_FILTERS,
    });
    return appliedMigrationNames;
  });
