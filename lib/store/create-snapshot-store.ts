import { resolve } from 'node:path';
import type { SnapshotStore } from '../core/snapshots';
import { databaseConfig, type DatabaseConfig } from './database-config';
import { createPool } from './postgres/postgres-pool';
import { PostgresSnapshotStore } from './postgres/postgres-snapshot-store';
import { SqliteSnapshotStore } from './sqlite/sqlite-snapshot-store';

export const createSnapshotStore = (config: DatabaseConfig = databaseConfig()): SnapshotStore =>
  config.provider === 'sqlite'
    ? new SqliteSnapshotStore(resolve(config.filename))
    : new PostgresSnapshotStore(createPool({ connectionString: config.url, max: 2 }), true);
