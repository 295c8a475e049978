/**
 * Which backend to use, from DATABASE_URL's scheme: `file:` → SQLite (the
 * default, zero set-up), `postgres:`/`postgresql:` → PostgreSQL. Shared by the
 * server, the CLI, migrations and tests so all of them agree.
 */
export type DatabaseConfig =
  | { provider: 'sqlite'; url: string; filename: string; synchronous: 'FULL' | 'NORMAL' }
  | { provider: 'postgresql'; url: string };

export const DEFAULT_DATABASE_URL = 'file:./data/chronicle.db';

export const databaseConfig = (env: Record<string, string | undefined> = process.env): DatabaseConfig => {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (url.startsWith('file:')) {
    const synchronous = (env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
    if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
      throw new Error(`SQLITE_SYNCHRONOUS must be FULL or NORMAL, not ${synchronous}`);
    }
    return { provider: 'sqlite', url, filename: sqliteFilename(url), synchronous };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: 'postgresql', url };
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got ${url.split(':')[0]}:`);
};

/** `file:./data/x.db` → `./data/x.db` (query parameters dropped), as Prisma reads it. */
const sqliteFilename = (url: string): string => {
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  if (!path) throw new Error('DATABASE_URL file: needs a path, e.g. file:./data/chronicle.db');
  return path;
};
