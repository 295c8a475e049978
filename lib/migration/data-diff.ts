import { isDeepStrictEqual } from 'node:util';

export type DataChange =
  | { path: string; kind: 'added'; after: unknown }
  | { path: string; kind: 'removed'; before: unknown }
  | { path: string; kind: 'changed'; before: unknown; after: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Field-by-field differences between two JSON values, nested objects by dotted path; arrays compare whole. */
export const diffData = (before: unknown, after: unknown, path = ''): DataChange[] => {
  if (isDeepStrictEqual(before, after)) return [];
  if (!isRecord(before) || !isRecord(after)) return [{ path: path || '(data)', kind: 'changed', before, after }];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key): DataChange[] => {
    const at = path ? `${path}.${key}` : key;
    if (!(key in after)) return [{ path: at, kind: 'removed', before: before[key] }];
    if (!(key in before)) return [{ path: at, kind: 'added', after: after[key] }];
    return diffData(before[key], after[key], at);
  });
};

/** `- name: "Ada"` / `+ holder: {...}` / `~ amount: 12.5 → 1250`, one line per change. */
export const formatChange = (change: DataChange): string => {
  const show = (value: unknown) => JSON.stringify(value);
  switch (change.kind) {
    case 'added':
      return `+ ${change.path}: ${show(change.after)}`;
    case 'removed':
      return `- ${change.path}: ${show(change.before)}`;
    case 'changed':
      return `~ ${change.path}: ${show(change.before)} → ${show(change.after)}`;
    default: {
      const _never: never = change;
      return _never;
    }
  }
};
