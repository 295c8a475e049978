import fc from 'fast-check';

/* Arbitraries for input a hostile or careless client sends: wrong types, extremes, unicode, injection shapes. */

const INJECTION = [
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${process.exit(1)}',
  '__proto__',
  'constructor',
  '=HYPERLINK("http://evil")',
  '\u0000',
  '\u202e\u0041',
  '💸'.repeat(40),
  'ﷺ'.repeat(30),
  ' ',
  '',
];

const NUMBERS_AS_TEXT = ['-1', '0', '1e308', '-0', 'NaN', 'Infinity', '9007199254740993', '0x10', '1.005', '١٢٣', '12,50', '  7  '];

/** A short or long string of any unicode, or a known nasty one. */
export const hostileText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...INJECTION, ...NUMBERS_AS_TEXT) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.nat({ max: 70_000 }).map((n) => 'x'.repeat(n)) },
  );

/** Any JSON value, with the extremes JSON allows. */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    hostileText(),
    fc.integer(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.1, -0.000001, 1.5, -1),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.jsonValue({ maxDepth: 3 }),
    fc.array(fc.string(), { maxLength: 3 }),
  );

/** Field names the API uses, so objects reach past the first check, plus strangers. */
const FIELDS = [
  'owner', 'currency', 'overdraftLimit', 'holderKind', 'amount', 'description', 'reason', 'rateBasisPoints',
  'periodStart', 'periodEnd', 'commandId', 'expectedVersion', 'from', 'to', 'fromAccountId', 'toAccountId',
  'accountId', 'username', 'password', 'position', 'root', '__proto__', 'constructor',
];

export const hostileObject = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), hostileValue(), { maxKeys: 8 });

/** A request body as bytes on the wire: objects, other JSON, broken JSON, or too much. */
export const hostileBody = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: hostileObject().map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"amount":', '[]', 'null', '"x"', '{"a":1}{"b":2}', '\uFEFF{}') },
    { weight: 1, arbitrary: fc.nat({ max: 3 }).map((n) => JSON.stringify({ description: 'y'.repeat(20_000 * (n + 1)) })) },
  );

const QUERY_KEYS = [
  'limit', 'cursor', 'after', 'before', 'at', 'v', 'version', 'from', 'to', 'condition', 'direction', 'owner',
  'status', 'currency', 'sort', 'raw', 'stream', 'category', 'fromVersion', 'toVersion', 'position', 'after_position',
  'wait_ms', 'actor', 'type', 'correlationId', 'format', 'root', 'q', 'page',
];

export const hostileQuery = (): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), fc.oneof(hostileText(), fc.integer().map(String))), {
      maxLength: 5,
    })
    .map((pairs) => {
      const query = new URLSearchParams();
      for (const [key, value] of pairs) query.append(key, value.length > 4_000 ? value.slice(0, 4_000) : value);
      const text = query.toString();
      return text ? `?${text}` : '';
    });

export const hostileHeaders = (): fc.Arbitrary<Record<string, string>> =>
  fc.record(
    {
      'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/merge-patch+json'),
      'idempotency-key': fc.oneof(fc.string({ maxLength: 140 }), fc.constantFrom('ok-key-1', ' ', 'é')),
      'if-match': fc.oneof(fc.constantFrom('*', '"3"', '3', '-1', 'W/"1"', '99999999999999999999'), fc.string({ maxLength: 10 })),
      'last-event-id': fc.oneof(fc.constantFrom('0', '-5', '1e9', 'abc'), fc.string({ maxLength: 10 })),
    },
    { requiredKeys: [] },
  ).map((headers) =>
    // Header values must be ByteStrings; anything else is refused by fetch before it reaches a server.
    Object.fromEntries(Object.entries(headers).filter(([, value]) => /^[\x20-\x7e]*$/.test(value))),
  );
