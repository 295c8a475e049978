import type pg from 'pg';
import type { DataKeyRow, DataKeyTable } from './data-key-table';

type Row = { customer_id: string; key_id: string; wrapped_key: string | null; master_key_id: string | null; created_at: Date; erased_at: Date | null };

const COLUMNS = 'customer_id, key_id, wrapped_key, master_key_id, created_at, erased_at';

/** customer_data_keys in PostgreSQL, on a small pool of its own. */
export class PostgresDataKeyTable implements DataKeyTable {
  constructor(private readonly pool: pg.Pool) {}

  async byCustomer(customerId: string): Promise<DataKeyRow | null> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM customer_data_keys WHERE customer_id = $1`, [customerId]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async byKeyId(keyId: string): Promise<DataKeyRow | null> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM customer_data_keys WHERE key_id = $1`, [keyId]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async insertIfAbsent(row: DataKeyRow): Promise<DataKeyRow> {
    await this.pool.query(`INSERT INTO customer_data_keys (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (customer_id) DO NOTHING`, [
      row.customerId,
      row.keyId,
      row.wrappedKey,
      row.masterKeyId,
      row.createdAt,
      row.erasedAt,
    ]);
    return (await this.byCustomer(row.customerId))!;
  }

  async erase(customerId: string, keyId: string, at: Date): Promise<{ row: DataKeyRow; erased: boolean }> {
    const updated = await this.pool.query<Row>(
      `UPDATE customer_data_keys SET wrapped_key = NULL, master_key_id = NULL, erased_at = $2 WHERE customer_id = $1 AND erased_at IS NULL RETURNING ${COLUMNS}`,
      [customerId, at],
    );
    const result = updated.rows[0]
      ? { row: fromRow(updated.rows[0]), erased: true }
      : await this.pool
          .query<Row>(`INSERT INTO customer_data_keys (${COLUMNS}) VALUES ($1, $2, NULL, NULL, $3, $3) ON CONFLICT (customer_id) DO NOTHING RETURNING ${COLUMNS}`, [
            customerId,
            keyId,
            at,
          ])
          .then(async ({ rows }) => (rows[0] ? { row: fromRow(rows[0]), erased: true } : { row: (await this.byCustomer(customerId))!, erased: false }));
    // The old row version keeps the wrapped key until vacuumed: do it now (small table), best effort.
    await this.pool.query('VACUUM customer_data_keys').catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const fromRow = (row: Row): DataKeyRow => ({
  customerId: row.customer_id,
  keyId: row.key_id,
  wrappedKey: row.wrapped_key,
  masterKeyId: row.master_key_id,
  createdAt: new Date(row.created_at),
  erasedAt: row.erased_at === null ? null : new Date(row.erased_at),
});
