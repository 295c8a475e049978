export interface PostgresTarget {
  /** The URL without Prisma's `schema` parameter, as `pg` understands it. */
  connectionString: string;
  /** Prisma's `?schema=NAME` convention; `public` when absent. */
  schema: string;
  database: string;
}

export const postgresTarget = (url: string): PostgresTarget => {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') || 'public';
  parsed.searchParams.delete('schema');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL for PostgreSQL needs a database name, e.g. postgresql://localhost:5432/chronicle');
  return { connectionString: parsed.toString(), schema, database };
};

export const withDatabase = (connectionString: string, database: string): string => {
  const parsed = new URL(connectionString);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
};

export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;
