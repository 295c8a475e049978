import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SealedField } from '../../core/personal-data/sealed-field';

/* AES-256-GCM from node:crypto: a fresh 96-bit IV per message, the 128-bit tag appended to the ciphertext. */

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

const seal = (key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; ct: Buffer } => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, ct };
};

/** Throws when the ciphertext, IV, tag or authenticated data were changed, or the key is not the one that sealed it. */
const open = (key: Buffer, iv: Buffer, ct: Buffer, aad: string): Buffer => {
  if (iv.length !== IV_BYTES || ct.length < TAG_BYTES) throw new Error('Sealed value is malformed');
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(ct.subarray(ct.length - TAG_BYTES));
  return Buffer.concat([decipher.update(ct.subarray(0, ct.length - TAG_BYTES)), decipher.final()]);
};

export const sealField = (key: Buffer, kid: string, plaintext: string, context: string): SealedField => {
  const { iv, ct } = seal(key, Buffer.from(plaintext, 'utf8'), `${context}:${kid}`);
  return { $enc: 'v1', kid, iv: iv.toString('base64url'), ct: ct.toString('base64url') };
};

/** The field's plain text; throws when it does not authenticate (tampered, or another key). */
export const openField = (key: Buffer, field: SealedField, context: string): string =>
  open(key, Buffer.from(field.iv, 'base64url'), Buffer.from(field.ct, 'base64url'), `${context}:${field.kid}`).toString('utf8');

export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);

/** A data key wrapped by the master key, bound to its key id: `v1.<iv>.<ciphertext+tag>`. */
export const wrapKey = (master: Buffer, kid: string, dataKey: Buffer): string => {
  const { iv, ct } = seal(master, dataKey, `chronicle:data-key:${kid}`);
  return `v1.${iv.toString('base64url')}.${ct.toString('base64url')}`;
};

export const unwrapKey = (master: Buffer, kid: string, wrapped: string): Buffer => {
  const [version, iv, ct] = wrapped.split('.');
  if (version !== 'v1' || iv === undefined || ct === undefined) throw new Error(`Wrapped key ${kid} is malformed`);
  const key = open(master, Buffer.from(iv, 'base64url'), Buffer.from(ct, 'base64url'), `chronicle:data-key:${kid}`);
  if (key.length !== KEY_BYTES) throw new Error(`Wrapped key ${kid} has the wrong length`);
  return key;
};

/** Names a master key without revealing it: the first 16 hex of sha256. */
export const masterKeyId = (master: Buffer): string => createHash('sha256').update('chronicle:master-key:').update(master).digest('hex').slice(0, 16);
