import type { DataKeyRow, DataKeyTable } from '../data-key-table';

/** customer_data_keys in memory, for unit tests; `rows` is exposed so a test can see that key material is gone. */
export class InMemoryDataKeyTable implements DataKeyTable {
  readonly rows = new Map<string, DataKeyRow>();

  async byCustomer(customerId: string): Promise<DataKeyRow | null> {
    return this.rows.get(customerId) ?? null;
  }

  async byKeyId(keyId: string): Promise<DataKeyRow | null> {
    return [...this.rows.values()].find((row) => row.keyId === keyId) ?? null;
  }

  async insertIfAbsent(row: DataKeyRow): Promise<DataKeyRow> {
    if (!this.rows.has(row.customerId)) this.rows.set(row.customerId, { ...row });
    return this.rows.get(row.customerId)!;
  }

  async erase(customerId: string, keyId: string, at: Date): Promise<{ row: DataKeyRow; erased: boolean }> {
    const existing = this.rows.get(customerId);
    if (existing?.erasedAt) return { row: existing, erased: false };
    const row: DataKeyRow = existing
      ? { ...existing, wrappedKey: null, masterKeyId: null, erasedAt: at }
      : { customerId, keyId, wrappedKey: null, masterKeyId: null, createdAt: at, erasedAt: at };
    this.rows.set(customerId, row);
    return { row, erased: true };
  }

  async close(): Promise<void> {}
}
