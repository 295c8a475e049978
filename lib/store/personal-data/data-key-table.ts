/**
 * One row per customer: their data key wrapped by the master key, until erasure destroys it and
 * leaves a tombstone (`wrappedKey` null, `erasedAt` set) so that no key is ever made for them again.
 * Not append-only, unlike the events: deleting key material is the point.
 */
export type DataKeyRow = {
  customerId: string;
  keyId: string;
  wrappedKey: string | null;
  masterKeyId: string | null;
  createdAt: Date;
  erasedAt: Date | null;
};

export interface DataKeyTable {
  byCustomer(customerId: string): Promise<DataKeyRow | null>;
  byKeyId(keyId: string): Promise<DataKeyRow | null>;
  /** Inserts the row unless the customer has one (made meanwhile by another process, or a tombstone); returns the row that stands. */
  insertIfAbsent(row: DataKeyRow): Promise<DataKeyRow>;
  /**
   * Destroys the customer's key (or records a tombstone when they had none, under `keyId`).
   * `erased` is false when they were erased before; the row is the one that stands.
   */
  erase(customerId: string, keyId: string, at: Date): Promise<{ row: DataKeyRow; erased: boolean }>;
  close(): Promise<void>;
}
