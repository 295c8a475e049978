import pg from 'pg';

export type PostgresConnectionOptions = {
  connectionString: string;
  /** Overrides the URL's `?schema=`; every connection then resolves names there first. */
  schema?: string;
  max?: number;
};

/** Prisma's `?schema=NAME` convention, honoured for the raw driver too. */
export const schemaFromUrl = (connectionString: string): string | undefined => {
  const schema = new URL(connectionString).searchParams.get('schema');
  return schema ?? undefined;
};

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export const createPool = ({ connectionString, schema, max }: PostgresConnectionOptions): pg.Pool => {
  const url = new URL(connectionString);
  const searchPath = schema ?? schemaFromUrl(connectionString);
  url.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: max ?? 10,
    options: searchPath ? `-c search_path=${quoteIdentifier(searchPath)}` : undefined,
  });
  survivesServerRestarts(pool);
  return pool;
};

/**
 * When the server ends the session of a connection that sits idle in the pool (a restart, a crash,
 * an administrator's pg_terminate_backend), the pool drops that client and emits 'error' on
 * itself. An 'error' event nobody listens to throws: in a process without a catch-all handler (the
 * saga, projector and relay processes) that killed the process on every PostgreSQL restart. The
 * pool has already discarded the client and opens a new one for the next query, and a query made
 * while the server is down fails on its own (UnavailableError), so there is nothing more to do here.
 */
export const survivesServerRestarts = (pool: pg.Pool): void => {
  pool.on('error', () => undefined);
};
