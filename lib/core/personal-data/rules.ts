/*
 * Which fields of which events hold personal data, and whose key seals them. Declared by each
 * aggregate (lib/domain/<name>/personal-data.ts), collected at the composition root.
 */

/**
 * Whose data a field is: `stream`, the stream's owner (an account's customer, a user's customer);
 * `account`, the owner of the account named by a field of the event (a transfer's sender).
 */
export type PersonalDataSubject = { of: 'stream' } | { of: 'account'; field: string };

export type PersonalDataRule = {
  /** Dotted paths of string fields, e.g. `holder.name`. */
  fields: readonly string[];
  subject: PersonalDataSubject;
};

/** By event type. */
export type PersonalDataRules = Readonly<Record<string, PersonalDataRule>>;

export const readPath = (data: unknown, path: string): unknown => {
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
};

/** A copy of `data` with the value at `path` replaced (parents copied, the input untouched). */
export const writePath = (data: unknown, path: string, value: unknown): unknown => {
  const [head, ...rest] = path.split('.');
  if (typeof data !== 'object' || data === null || head === undefined) return data;
  const record = data as Record<string, unknown>;
  if (!(head in record)) return data;
  return { ...record, [head]: rest.length === 0 ? value : writePath(record[head], rest.join('.'), value) };
};
