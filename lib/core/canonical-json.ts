/*
 * RFC 8785 canonical JSON, byte for byte what the `canonicalize` package produces (its quirks
 * included: a function value encodes as `undefined`), written as one loop that appends to a string
 * instead of nested reduce() calls: about four times faster, and a batch append encodes every event.
 * lib/core/canonical-json.unit.spec.ts checks it against the package on generated values.
 */

const encode = (value: unknown): string | undefined => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(Number.isNaN(value) ? 'NaN is not allowed' : 'Infinity is not allowed');
    return JSON.stringify(value);
  }
  const object = value as Record<string, unknown> & { toJSON?: unknown };
  if (object.toJSON instanceof Function) return encode((object.toJSON as () => unknown)());
  if (Array.isArray(object)) {
    let text = '[';
    for (let index = 0; index < object.length; index++) {
      if (!(index in object)) continue; // reduce() skips holes, commas still counted by index
      const item: unknown = object[index];
      if (index > 0) text += ',';
      text += item === undefined || typeof item === 'symbol' ? 'null' : encode(item);
    }
    return `${text}]`;
  }
  const keys = Object.keys(object);
  if (!isSorted(keys)) keys.sort();
  let text = '{';
  for (const key of keys) {
    const item = object[key];
    if (item === undefined || typeof item === 'symbol') continue;
    if (text.length > 1) text += ',';
    text += JSON.stringify(key) + ':' + encode(item);
  }
  return `${text}}`;
};

/** Most objects arrive with their few keys already in order; checking is cheaper than sorting. */
const isSorted = (keys: string[]): boolean => {
  for (let index = 1; index < keys.length; index++) if (keys[index - 1]! > keys[index]!) return false;
  return true;
};

/** The canonical JSON text of a value, or undefined for a value JSON cannot hold (undefined, a function, a symbol). */
export const canonicalJson = (value: unknown): string | undefined => encode(value);
