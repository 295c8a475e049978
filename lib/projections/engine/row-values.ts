/** Column values as both databases hand them back through raw queries (BIGINT as bigint or number, timestamps as Date or text). */
export const asBigInt = (value: unknown): bigint => (typeof value === 'bigint' ? value : BigInt(value as number | string));
export const asNumber = (value: unknown): number => Number(value);
/** ISO text as Date#toISOString writes it: kept as it is (the common case: event data), anything else normalised. */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const asIso = (value: unknown): string =>
  typeof value === 'string' && CANONICAL_ISO.test(value) ? value : (value instanceof Date ? value : new Date(value as string)).toISOString();
export const asIsoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : asIso(value));
