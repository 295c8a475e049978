import type { ReadTx } from '../../read/read-db';

/** How parameters are written: PostgreSQL numbers them ($1), SQLite takes them in order (?). */
export type SqlDialect = 'sqlite' | 'postgresql';

/** Parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
const ROWS_PER_STATEMENT = 5_000;

export type ColumnType = 'text' | 'int' | 'bigint' | 'timestamp';
/** A column's name and SQL type. */
export type Column = readonly [name: string, type: ColumnType];

/**
 * Raw statements inside a projection batch's transaction. The same SQL runs on
 * both databases (ON CONFLICT … DO UPDATE SET … = excluded.…, VALUES lists);
 * only the parameter markers differ. Column and table names come from the
 * projections' code, never from input.
 */
export class SqlBatch {
  constructor(
    readonly tx: ReadTx,
    readonly dialect: SqlDialect,
  ) {}

  private marker(index: number): string {
    return this.dialect === 'postgresql' ? `$${index}` : '?';
  }

  /** `(?, ?, ?), (?, ?, ?)` for rows of `width` values, numbered from `first`. */
  private tuples(rows: number, width: number, first = 1): string {
    const out: string[] = [];
    let n = first;
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < width; c++) cells.push(this.marker(n++));
      out.push(`(${cells.join(', ')})`);
    }
    return out.join(', ');
  }

  /**
   * Inserts rows with one statement per 5,000: the rows travel as one JSON
   * parameter that the database unpacks (json_each / jsonb_array_elements),
   * which costs far less per value than one bound parameter each. With
   * `conflict` keys it is an upsert that overwrites the other columns.
   */
  async insert(table: string, columns: readonly Column[], rows: readonly unknown[][], conflict?: readonly string[]): Promise<void> {
    if (rows.length === 0) return;
    const names = columns.map(([name]) => name);
    const onConflict = conflict
      ? ` ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${names
          .filter((name) => !conflict.includes(name))
          .map((name) => `${name} = excluded.${name}`)
          .join(', ')}`
      : '';
    const values = columns.map(([, type], i) => this.unpack(type, i)).join(', ');
    const source = this.dialect === 'postgresql' ? 'jsonb_array_elements($1::jsonb) AS r' : 'json_each(?) AS r';
    // `WHERE true`: SQLite's grammar needs it between INSERT … SELECT and ON CONFLICT.
    const sql = `INSERT INTO ${table} (${names.join(', ')}) SELECT ${values} FROM ${source} WHERE true${onConflict}`;
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      await this.tx.$executeRawUnsafe(sql, this.pack(rows.slice(start, start + ROWS_PER_STATEMENT)));
    }
  }

  /** The SQL that reads value `index` of a JSON row as a column of `type`. */
  private unpack(type: ColumnType, index: number): string {
    if (this.dialect === 'postgresql') {
      const cast = { text: 'text', int: 'integer', bigint: 'bigint', timestamp: 'timestamp(3)' }[type];
      return `(r.value->>${index})::${cast}`;
    }
    const value = `json_extract(r.value, '$[${index}]')`;
    return type === 'bigint' ? `CAST(${value} AS INTEGER)` : value;
  }

  /** Rows as JSON: bigints as digit strings (exact), dates in the text form each database's Prisma client writes. */
  private pack(rows: readonly unknown[][]): string {
    const sqlite = this.dialect === 'sqlite';
    return JSON.stringify(rows, function (this: Record<string, unknown>, key: string, value: unknown) {
      const original = this[key];
      if (typeof original === 'bigint') return original.toString();
      // Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset; PostgreSQL reads either.
      if (original instanceof Date) return sqlite ? original.toISOString().replace('Z', '+00:00') : original.toISOString();
      return value;
    });
  }

  /**
   * Rows of one generation whose key columns match one of `keys`, in chunks.
   * `latestBy` keeps only the row with the highest value of that column per key
   * (an append-only table's newest row).
   */
  async select<Row>(
    table: string,
    generation: number,
    keyColumns: readonly string[],
    keys: readonly unknown[][],
    latestBy?: string,
  ): Promise<Row[]> {
    if (keys.length === 0) return [];
    const perStatement = Math.max(1, Math.floor((MAX_PARAMETERS - 1) / keyColumns.length));
    const rows: Row[] = [];
    for (let start = 0; start < keys.length; start += perStatement) {
      const chunk = keys.slice(start, start + perStatement);
      const match =
        keyColumns.length === 1
          ? `t.${keyColumns[0]} IN (${chunk.map((_, i) => this.marker(i + 2)).join(', ')})`
          : `(${keyColumns.map((c) => `t.${c}`).join(', ')}) IN (VALUES ${this.tuples(chunk.length, keyColumns.length, 2)})`;
      const newest = latestBy
        ? ` AND t.${latestBy} = (SELECT MAX(m.${latestBy}) FROM ${table} m WHERE m.generation = t.generation AND ${keyColumns
            .map((c) => `m.${c} = t.${c}`)
            .join(' AND ')})`
        : '';
      const sql = `SELECT t.* FROM ${table} t WHERE t.generation = ${this.marker(1)} AND ${match}${newest}`;
      rows.push(...(await this.tx.$queryRawUnsafe<Row[]>(sql, generation, ...chunk.flat())));
    }
    return rows;
  }

  async delete(table: string, generation: number, keyColumns: readonly string[], keys: readonly unknown[][]): Promise<void> {
    const perStatement = Math.max(1, Math.floor((MAX_PARAMETERS - 1) / keyColumns.length));
    for (let start = 0; start < keys.length; start += perStatement) {
      const chunk = keys.slice(start, start + perStatement);
      const match =
        keyColumns.length === 1
          ? `${keyColumns[0]} IN (${chunk.map((_, i) => this.marker(i + 2)).join(', ')})`
          : `(${keyColumns.join(', ')}) IN (VALUES ${this.tuples(chunk.length, keyColumns.length, 2)})`;
      await this.tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE generation = ${this.marker(1)} AND ${match}`, generation, ...chunk.flat());
    }
  }

  async deleteGeneration(table: string, generation: number): Promise<void> {
    await this.tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE generation = ${this.marker(1)}`, generation);
  }
}

/** The database a Prisma client talks to (both generated clients record it). */
export const dialectOf = (client: unknown): SqlDialect => {
  const provider = (client as { _activeProvider?: string })._activeProvider;
  if (provider === 'sqlite' || provider === 'postgresql') return provider;
  throw new Error(`projections cannot write to a ${String(provider)} database`);
};
