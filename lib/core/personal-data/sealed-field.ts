/*
 * Personal data in events is stored sealed: a field's plain text replaced by this envelope,
 * encrypted under its customer's key (AES-256-GCM). The hash chain covers the envelope, so
 * destroying the key (crypto-shredding) leaves every hash, checkpoint and pack valid.
 */

/** A sealed field as stored in an event's data. `kid` names the key (opaque: not the customer id). */
export type SealedField = { $enc: 'v1'; kid: string; iv: string; ct: string };

/** What readers see in a field whose key was destroyed. */
export const ERASED = '[erased]';

/** What readers see in a field whose key this database never held (a stream exported and imported elsewhere): not an erasure. */
export const SEALED_ELSEWHERE = '[sealed]';

export const isSealed = (value: unknown): value is SealedField =>
  typeof value === 'object' &&
  value !== null &&
  (value as { $enc?: unknown }).$enc === 'v1' &&
  typeof (value as { kid?: unknown }).kid === 'string' &&
  typeof (value as { iv?: unknown }).iv === 'string' &&
  typeof (value as { ct?: unknown }).ct === 'string';

/**
 * Authenticated data bound into each field's ciphertext: the event type and the field's path. A
 * ciphertext moved to another field or another type of event no longer opens.
 */
export const fieldContext = (eventType: string, path: string): string => `chronicle:v1:${eventType}:${path}`;

/**
 * The keys, as the store sees them: `seal` under a customer's key (made on first use), `open` by
 * key id. Null means erased: a destroyed key is never made again, so nothing can be sealed for
 * that customer and nothing sealed under it opens. Any other failure (a wrong master key, a
 * ciphertext that fails its authentication tag) throws: it is never taken for an erasure.
 */
export interface PersonalDataVault {
  seal(customerId: string, plaintext: string, context: string): Promise<SealedField | null>;
  /** The plain text; null when erased; SEALED_ELSEWHERE when this database has no such key. */
  open(field: SealedField, context: string): Promise<string | null>;
}
