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
  return new pg.Pool({
    connectionString: url.toString(),
    max: max ?? 10,
    options: searchPath ? `-c search_path=${quoteIdentifier(searchPath)}` : undefined,
  });
};
