import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { LRUCache } from 'lru-cache';
import { UnavailableError } from '../../core/errors';
import { SEALED_ELSEWHERE, type PersonalDataVault, type SealedField } from '../../core/personal-data/sealed-field';
import { databaseConfig, type DatabaseConfig } from '../database-config';
import { createPool } from '../postgres/postgres-pool';
import { newDataKey, openField, sealField, unwrapKey, wrapKey } from './aes-gcm';
import type { DataKeyRow, DataKeyTable } from './data-key-table';
import type { MasterKey } from './master-key-config';
import { PostgresDataKeyTable } from './postgres-data-key-table';
import { SqliteDataKeyTable } from './sqlite-data-key-table';

/** How long an unwrapped key is kept in memory: another process's erasure takes effect here within this. */
export const KEY_CACHE_TTL_MS = 10_000;

type Live = { kid: string; key: Buffer };

export type ErasedKey = { customerId: string; keyId: string; erasedAt: Date; alreadyErased: boolean };

/**
 * Customers' data keys: made on first use, wrapped by the master key in customer_data_keys,
 * unwrapped into a short-lived cache. Erasure destroys the row's key material and leaves a
 * tombstone; from then on seal and open answer null for that customer, in every process.
 */
export class CustomerKeyVault implements PersonalDataVault {
  private readonly byCustomer = new LRUCache<string, Promise<Live | null>>({ max: 20_000, ttl: KEY_CACHE_TTL_MS });
  private readonly byKeyId = new LRUCache<string, Promise<Buffer | null | 'unknown'>>({ max: 20_000, ttl: KEY_CACHE_TTL_MS });

  constructor(
    private readonly table: DataKeyTable,
    private readonly master: MasterKey,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async seal(customerId: string, plaintext: string, context: string): Promise<SealedField | null> {
    const live = await this.cached(this.byCustomer, customerId, () => this.keyOf(customerId));
    return live ? sealField(live.key, live.kid, plaintext, context) : null;
  }

  async open(field: SealedField, context: string): Promise<string | null> {
    const key = await this.cached(this.byKeyId, field.kid, () => this.keyById(field.kid));
    if (key === 'unknown') return SEALED_ELSEWHERE;
    return key ? openField(key, field, context) : null;
  }

  /** Destroys the customer's key for good (a tombstone when they had none yet). Repeats change nothing. */
  async erase(customerId: string): Promise<ErasedKey> {
    const { row, erased } = await this.table.erase(customerId, newKeyId(), this.clock());
    this.byCustomer.delete(customerId);
    this.byKeyId.delete(row.keyId);
    return { customerId, keyId: row.keyId, erasedAt: row.erasedAt!, alreadyErased: !erased };
  }

  /** The customer's key row (never its material): whether they have a key and when it was erased. */
  async status(customerId: string): Promise<Pick<DataKeyRow, 'keyId' | 'createdAt' | 'erasedAt'> | null> {
    const row = await this.table.byCustomer(customerId);
    return row && { keyId: row.keyId, createdAt: row.createdAt, erasedAt: row.erasedAt };
  }

  close(): Promise<void> {
    return this.table.close();
  }

  private async keyOf(customerId: string): Promise<Live | null> {
    const master = this.requireMaster();
    const existing = await this.table.byCustomer(customerId);
    const row =
      existing ??
      (await (() => {
        const kid = newKeyId();
        return this.table.insertIfAbsent({
          customerId,
          keyId: kid,
          wrappedKey: wrapKey(master.key, kid, newDataKey()),
          masterKeyId: master.id,
          createdAt: this.clock(),
          erasedAt: null,
        });
      })());
    const key = this.unwrap(row);
    return key ? { kid: row.keyId, key } : null;
  }

  /** `unknown`: this database never held the key (the events were imported from another one, without their keys). */
  private async keyById(kid: string): Promise<Buffer | null | 'unknown'> {
    this.requireMaster();
    const row = await this.table.byKeyId(kid);
    return row ? this.unwrap(row) : 'unknown';
  }

  /** Null for an erased customer; throws when the master key is not the one that wrapped it (never mistaken for erasure). */
  private unwrap(row: DataKeyRow): Buffer | null {
    if (row.erasedAt !== null || row.wrappedKey === null) return null;
    const master = this.requireMaster();
    if (row.masterKeyId !== master.id) {
      throw new UnavailableError(`The data key ${row.keyId} was wrapped by master key ${row.masterKeyId}, but CHRONICLE_DATA_KEY is ${master.id}`);
    }
    return unwrapKey(master.key, row.keyId, row.wrappedKey);
  }

  private requireMaster(): Extract<MasterKey, { available: true }> {
    if (!this.master.available) throw new UnavailableError(this.master.reason);
    return this.master;
  }

  /** One lookup at a time per key (concurrent readers share it); a failure is not remembered. */
  private cached<T>(cache: LRUCache<string, Promise<T>>, id: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(id);
    if (hit) return hit;
    const pending = load();
    cache.set(id, pending);
    pending.catch(() => cache.delete(id));
    return pending;
  }
}

const newKeyId = (): string => `dk-${randomBytes(12).toString('base64url')}`;

export const createDataKeyTable = (config: DatabaseConfig = databaseConfig()): DataKeyTable =>
  config.provider === 'sqlite'
    ? new SqliteDataKeyTable(resolve(config.filename))
    : new PostgresDataKeyTable(createPool({ connectionString: config.url, max: 2 }));
