import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEncoding } from './canonical-event';
import { canonicalJson } from './canonical-json';

/** The encoding the hash chain used before canonicalJson: the `canonicalize` package over the envelope. */
const packageEncoding = (event: Parameters<typeof canonicalEncoding>[0]) =>
  canonicalize({ ...event, recordedAt: typeof event.recordedAt === 'string' ? event.recordedAt : event.recordedAt.toISOString() });

describe('canonicalJson', () => {
  it('encodes every JSON value exactly as the canonicalize package does', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }), { numRuns: 2000 });
  });

  it('matches it on the shapes JSON.parse never yields: dates, undefined, unsorted and numeric keys, sparse arrays', () => {
    const values: unknown[] = [
      { b: 1, a: [undefined, 2, new Date('2026-01-02T03:04:05.006Z')], c: undefined, '10': 'x', '9': 'y', é: 1, Z: 2, _: 3 },
      [1, , 3],
      { toJSON: () => ({ z: 1, a: 2 }) },
      'lone \ud800 surrogate',
      -0,
      1e21,
      5e-7,
      undefined,
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(canonicalize(value));
  });

  it('refuses NaN and the infinities as the package does', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow('NaN is not allowed');
    expect(() => canonicalJson([Infinity])).toThrow('Infinity is not allowed');
  });
});

describe('canonicalEncoding', () => {
  const envelope = fc.record({
    eventId: fc.uuid(),
    streamId: fc.string(),
    streamVersion: fc.nat(),
    type: fc.string(),
    schemaVersion: fc.nat(),
    data: fc.jsonValue(),
    metadata: fc.dictionary(fc.string(), fc.jsonValue()),
    recordedAt: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2999-12-31') }),
  });

  it('joins the pre-encoded parts into the same bytes as encoding the whole envelope', () => {
    fc.assert(
      fc.property(envelope, (event) => {
        expect(canonicalEncoding(event)).toBe(packageEncoding(event));
        expect(canonicalEncoding(event, canonicalJson(event.data), canonicalJson(event.metadata))).toBe(packageEncoding(event));
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves out a missing field, as canonical JSON does', () => {
    const event = { eventId: 'e', streamId: 's', streamVersion: 1, type: 't', schemaVersion: 1, data: undefined, metadata: {}, recordedAt: '2026-01-01T00:00:00.000Z' };
    expect(canonicalEncoding(event)).toBe(packageEncoding(event));
  });
});
