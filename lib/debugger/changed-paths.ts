const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Dotted paths of the leaves that differ between two JSON states (added, removed or changed), sorted. */
export const changedPaths = (before: unknown, after: unknown, prefix = ''): string[] => {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  if (isRecord(before) || isRecord(after)) {
    // A whole object appearing or vanishing: list its leaves so each can be highlighted.
    const inner = changedPaths(isRecord(before) ? before : {}, isRecord(after) ? after : {}, prefix);
    const replacedScalar = (!isRecord(before) && before !== undefined) || (!isRecord(after) && after !== undefined);
    return replacedScalar && prefix ? [prefix, ...inner] : inner;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
};

/** Structural equality of JSON values, key order ignored. */
export const sameJson = (a: unknown, b: unknown): boolean => changedPaths(a, b).length === 0;
