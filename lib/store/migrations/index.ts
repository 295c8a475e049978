export { applyMigrations } from './apply-migrations';
export { createMigration, type CreateMigrationResult } from './create-migration';
export type { EngineOptions } from './schema-engine';
export type { MigrationLog } from './engine-log';
export { describeTarget } from './describe-target';
