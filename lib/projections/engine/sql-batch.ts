import type { ReadTx } from '../../read/read-db';

/** How parameters are written: PostgreSQL numbers them ($1), SQLite takes them in order (?). */
export type SqlDialect = 'sqlite' | 'postgresql';

/** Parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

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

  /** Inserts rows in as few statements as the parameter limit allows; with `conflict` keys, an upsert that overwrites the other columns. */
  async insert(table: string, columns: readonly string[], rows: readonly unknown[][], conflict?: readonly string[]): Promise<void> {
    if (rows.length === 0) return;
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    const onConflict = conflict
      ? ` ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${columns
          .filter((column) => !conflict.includes(column))
          .map((column) => `${column} = excluded.${column}`)
          .join(', ')}`
      : '';
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${this.tuples(chunk.length, columns.length)}${onConflict}`;
      await this.tx.$executeRawUnsafe(sql, ...chunk.flat());
    }
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
