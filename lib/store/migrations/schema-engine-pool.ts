import pg from 'pg';
import { quoteIdentifier } from './postgres-url';

const CHAR_OID = 18;
const TEXT_OID = 25;

interface RowDescription {
  fields: { dataTypeID: number }[];
}

/**
 * @prisma/adapter-pg 7.10 refuses result columns of PostgreSQL's one-byte
 * `"char"` type, which the schema engine's catalog queries select. Their
 * text form is a plain string, so the pool reports them as `text`.
 */
const readCharAsText = (client: pg.PoolClient): void => {
  (client as unknown as pg.Client).connection.prependListener('rowDescription', (message: RowDescription) => {
    for (const field of message.fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  });
};

export const migrationPool = (connectionString: string, schema?: string): pg.Pool => {
  const pool = new pg.Pool({
    connectionString,
    max: 2,
    ...(schema ? { options: `-c search_path=${quoteIdentifier(schema)}` } : {}),
  });
  pool.on('connect', readCharAsText);
  // An idle connection dropping is reported by the next query; without a listener it would crash the process.
  pool.on('error', () => {});
  return pool;
};

export const withClient = async <T>(connectionString: string, run: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};
