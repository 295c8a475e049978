import Database from 'better-sqlite3';
import type { DataKeyRow, DataKeyTable } from './data-key-table';

type Row = { customer_id: string; key_id: string; wrapped_key: string | null; master_key_id: string | null; created_at: string; erased_at: string | null };

const COLUMNS = 'customer_id, key_id, wrapped_key, master_key_id, created_at, erased_at';

/** customer_data_keys in SQLite, on a connection of its own with secure_delete, so a destroyed key's bytes are zeroed in the file. */
export class SqliteDataKeyTable implements DataKeyTable {
  private readonly db: Database.Database;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('secure_delete = ON');
  }

  async byCustomer(customerId: string): Promise<DataKeyRow | null> {
    const row = this.db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM customer_data_keys WHERE customer_id = ?`).get(customerId);
    return row ? fromRow(row) : null;
  }

  async byKeyId(keyId: string): Promise<DataKeyRow | null> {
    const row = this.db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM customer_data_keys WHERE key_id = ?`).get(keyId);
    return row ? fromRow(row) : null;
  }

  async insertIfAbsent(row: DataKeyRow): Promise<DataKeyRow> {
    this.db
      .prepare(`INSERT INTO customer_data_keys (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (customer_id) DO NOTHING`)
      .run(row.customerId, row.keyId, row.wrappedKey, row.masterKeyId, row.createdAt.toISOString(), row.erasedAt?.toISOString() ?? null);
    return (await this.byCustomer(row.customerId))!;
  }

  async erase(customerId: string, keyId: string, at: Date): Promise<{ row: DataKeyRow; erased: boolean }> {
    const erase = this.db.transaction(() => {
      const updated = this.db
        .prepare<[string, string], Row>(
          `UPDATE customer_data_keys SET wrapped_key = NULL, master_key_id = NULL, erased_at = ? WHERE customer_id = ? AND erased_at IS NULL RETURNING ${COLUMNS}`,
        )
        .get(at.toISOString(), customerId);
      if (updated) return { row: fromRow(updated), erased: true };
      const inserted = this.db
        .prepare<[string, string, string, string], Row>(
          `INSERT INTO customer_data_keys (${COLUMNS}) VALUES (?, ?, NULL, NULL, ?, ?) ON CONFLICT (customer_id) DO NOTHING RETURNING ${COLUMNS}`,
        )
        .get(customerId, keyId, at.toISOString(), at.toISOString());
      if (inserted) return { row: fromRow(inserted), erased: true };
      return { row: fromRow(this.db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM customer_data_keys WHERE customer_id = ?`).get(customerId)!), erased: false };
    });
    const result = erase.immediate();
    // The key's bytes may linger in write-ahead-log frames until a checkpoint overwrites the page; best effort, never fatal.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      /* readers busy: the next checkpoint does it */
    }
    return result;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
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
