import type { DatabaseConfig } from '../database-config';

/** A one-line name for the database, with any password hidden. */
export const describeTarget = (config: DatabaseConfig): string => {
  if (config.provider === 'sqlite') return `SQLite ${config.filename}`;
  const url = new URL(config.url);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
};
