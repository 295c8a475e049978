import type { ReadTx } from '../../read/read-db';

/** How parameters are written: PostgreSQL numbers them ($1), SQLite takes them in order (?). */
export type SqlDialect = 'sqlite' | 'postgresql';

/** Parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
const ROWS_PER_STATEMENT = 5_000;

export type ColumnType = 'text' | 'int' | 'bigint' | 'timestamp';
const POSTGRES_TYPES: Record<ColumnType, string> = { text: 'text', int: 'integer', bigint: 'bigint', timestamp: 'timestamp(3)' };
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
   * parameter that the database unpacks (json_each / json_to_recordset),
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
    // `WHERE true`: SQLite's grammar needs it between INSERT … SELECT and ON CONFLICT.
    const sql =
      this.dialect === 'postgresql'
        ? `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM json_to_recordset($1::json) AS r(${columns
            .map(([name, type]) => `${name} ${POSTGRES_TYPES[type]}`)
            .join(', ')}) WHERE true${onConflict}`
        : `INSERT INTO ${table} (${names.join(', ')}) SELECT ${columns
            .map(([, type], i) => (type === 'bigint' ? `CAST(json_extract(r.value, '$[${i}]') AS INTEGER)` : `json_extract(r.value, '$[${i}]')`))
            .join(', ')} FROM json_each(?) AS r WHERE true${onConflict}`;
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      await this.tx.$executeRawUnsafe(sql, this.pack(rows.slice(start, start + ROWS_PER_STATEMENT), columns));
    }
  }

  /**
   * Rows as JSON: bigints as digit strings (exact); timestamps (Date or ISO
   * text) in the text form each database's Prisma client writes, which on
   * SQLite is ISO with an explicit offset (queries compare it as text).
   */
  private pack(rows: readonly unknown[][], columns: readonly Column[]): string {
    const sqlite = this.dialect === 'sqlite';
    const cell = (value: unknown, index: number): unknown => {
      if (typeof value === 'bigint') return value.toString();
      if (value instanceof Date) value = value.toISOString();
      if (sqlite && columns[index]![1] === 'timestamp' && typeof value === 'string' && value.endsWith('Z')) return `${value.slice(0, -1)}+00:00`;
      return value;
    };
    // SQLite reads arrays by index; PostgreSQL's json_to_recordset reads objects by column name (the faster of its unpackers).
    if (sqlite) return JSON.stringify(rows.map((row) => row.map(cell)));
    return JSON.stringify(rows.map((row) => Object.fromEntries(row.map((value, index) => [columns[index]![0], cell(value, index)]))));
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
