/** Column values as both databases hand them back through raw queries (BIGINT as bigint or number, timestamps as Date or text). */
export const asBigInt = (value: unknown): bigint => (typeof value === 'bigint' ? value : BigInt(value as number | string));
export const asNumber = (value: unknown): number => Number(value);
export const asIso = (value: unknown): string => (value instanceof Date ? value : new Date(value as string)).toISOString();
export const asIsoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : asIso(value));
export const asDate = (iso: string): Date => new Date(iso);
export const asDateOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));
