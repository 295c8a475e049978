const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Structural equality of JSON values, key order ignored, stopping at the first difference: what a
 * fork asks after every version until the two timelines part (changedPaths lists the fields once).
 * A field holding undefined counts as absent, as it would in JSON.
 */
export const jsonEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (isRecord(a) && isRecord(b)) {
    for (const key of Object.keys(a)) if (!jsonEqual(a[key], b[key])) return false;
    for (const key of Object.keys(b)) if (b[key] !== undefined && !Object.hasOwn(a, key)) return false;
    return true;
  }
  if (isRecord(a) || isRecord(b) || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
};
