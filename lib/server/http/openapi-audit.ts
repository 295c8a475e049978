import { DEFAULT_TRAIL_LIMIT, MAX_TRAIL_LIMIT } from '../../audit/audit-trail';
import { CSV_COLUMNS } from '../../audit/trail-export';

/**
 * The audit routes' part of the OpenAPI document, merged by `withAuditApi`.
 * Refers to the shared components (StreamId, AccountId, Error, BadRequest,
 * AccountNotFound, InternalError) of the document built in openapi.ts.
 */
type Operation = { operationId: string; summary: string; [key: string]: unknown };
type PathItems = Record<string, Record<string, Operation>>;
type Components = Record<string, Record<string, unknown>>;

const ref = (kind: 'schemas' | 'parameters' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const query = (name: string, description: string, schema: Record<string, unknown>, required = false) => ({ name, in: 'query', description, required, schema });
const ok = (description: string, schema: string) => ({ description, content: json(ref('schemas', schema)) });
const ERRORS = { 400: ref('responses', 'BadRequest'), 500: ref('responses', 'InternalError') };
const isoTime = { type: 'string', format: 'date-time' };
const hash = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });

const TRAIL_FILTERS = ['Actor', 'Types', 'From', 'To', 'EventIdFilter', 'CorrelationId', 'CausationId', 'StreamIdFilter', 'Category'].map((name) => ref('parameters', name));

const chainBreak = {
  type: 'object',
  required: ['streamId', 'streamVersion', 'globalPosition', 'expectedHash', 'storedHash', 'problem', 'message'],
  properties: {
    streamId: nullable({ type: 'string' }),
    streamVersion: nullable({ type: 'integer' }),
    globalPosition: nullable({ type: 'integer' }),
    expectedHash: nullable(hash),
    storedHash: nullable(hash),
    problem: { type: 'string', enum: ['hash_mismatch', 'missing_event', 'unexpected_version', 'position_gap', 'missing_tail', 'command_mismatch'] },
    message: { type: 'string' },
  },
};

const fingerprint = {
  type: 'object',
  required: ['position', 'eventCount', 'root', 'algorithm'],
  properties: { position: { type: 'integer' }, eventCount: { type: 'integer' }, root: hash, algorithm: { const: 'rfc9162-sha256' } },
};

const trailRow = {
  type: 'object',
  properties: {
    globalPosition: { type: 'integer' },
    recordedAt: isoTime,
    streamId: { type: 'string' },
    streamVersion: { type: 'integer' },
    type: { type: 'string' },
    schemaVersion: { type: 'integer' },
    actor: { type: 'string' },
    correlationId: { type: 'string' },
    causationId: nullable({ type: 'string' }),
    commandId: nullable({ type: 'string' }),
    eventId: { type: 'string' },
    hash,
    data: {},
    metadata: { type: 'object' },
  },
};

export const auditApiPaths = (): PathItems => ({
  '/api/streams/{streamId}/verification': {
    get: {
      operationId: 'verifyStream',
      summary: "Recompute a stream's hash chain",
      description: 'Every link rehashed, plus the commands table for this stream (which catches a deleted last event). A report may be reused for up to 30 s while the stream is unchanged; `checkedAt` says when it was made.',
      tags: ['audit'],
      parameters: [ref('parameters', 'StreamId')],
      responses: { 200: ok('The verification report', 'VerificationReport'), 404: { description: '`stream_not_found`', content: json(ref('schemas', 'Error')) }, ...ERRORS },
    },
  },
  '/api/audit/verification': {
    get: {
      operationId: 'verifyStore',
      summary: 'Recompute every hash chain in the store',
      description: 'One pass in global order: each link, global-position continuity (SQLite), the commands table, and the Merkle fingerprint of everything checked.',
      tags: ['audit'],
      responses: { 200: ok('The verification report', 'VerificationReport'), ...ERRORS },
    },
  },
  '/api/audit/fingerprint': {
    get: {
      operationId: 'getFingerprint',
      summary: 'A Merkle root over the global order, or the check of one written down',
      description: 'Without `root`: the fingerprint at `position` (default: the newest event). With `position` and `root`: whether the events at or before that position are still exactly those fingerprinted.',
      tags: ['audit'],
      parameters: [query('position', 'Global position the fingerprint covers up to', { type: 'integer', minimum: 0 }), query('root', 'A Merkle root written down earlier', hash)],
      responses: {
        200: { description: 'A fingerprint, or with `root` a check', content: json({ oneOf: [ref('schemas', 'MerkleFingerprint'), ref('schemas', 'FingerprintCheck')] }) },
        ...ERRORS,
      },
    },
  },
  '/api/audit/proof': {
    get: {
      operationId: 'getInclusionProof',
      summary: 'Prove that one event is in a fingerprinted tree',
      tags: ['audit'],
      parameters: [query('position', "The event's global position", { type: 'integer', minimum: 1 }, true), query('treePosition', 'The fingerprint\'s position (default: newest)', { type: 'integer', minimum: 1 })],
      responses: { 200: ok('An RFC 9162 audit path', 'InclusionProof'), 404: { description: '`event_not_found`', content: json(ref('schemas', 'Error')) }, ...ERRORS },
    },
  },
  '/api/audit/events': {
    get: {
      operationId: 'listAuditEvents',
      summary: 'The audit trail: events across streams',
      description: 'Filters combine with AND; pages are keyset-paged on the global position (pass `nextCursor` as `cursor`).',
      tags: ['audit'],
      parameters: [
        ...TRAIL_FILTERS,
        query('cursor', 'nextCursor of the previous page', { type: 'integer', minimum: 0 }),
        query('limit', 'Page size', { type: 'integer', minimum: 1, maximum: MAX_TRAIL_LIMIT, default: DEFAULT_TRAIL_LIMIT }),
        query('order', 'desc: newest first', { type: 'string', enum: ['asc', 'desc'], default: 'desc' }),
      ],
      responses: { 200: ok('A page of events', 'TrailPage'), ...ERRORS },
    },
  },
  '/api/audit/events.csv': {
    get: {
      operationId: 'exportAuditEventsCsv',
      summary: 'Export the audit trail as CSV',
      description: `Every matching event, streamed, as an attachment. Columns: ${CSV_COLUMNS.join(', ')}. Text a spreadsheet would run as a formula starts with an apostrophe.`,
      tags: ['audit'],
      parameters: [...TRAIL_FILTERS, query('order', 'asc: oldest first', { type: 'string', enum: ['asc', 'desc'], default: 'asc' })],
      responses: { 200: { description: 'RFC 4180 CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...ERRORS },
    },
  },
  '/api/audit/events.jsonl': {
    get: {
      operationId: 'exportAuditEventsJsonLines',
      summary: 'Export the audit trail as JSON Lines',
      tags: ['audit'],
      parameters: [...TRAIL_FILTERS, query('order', 'asc: oldest first', { type: 'string', enum: ['asc', 'desc'], default: 'asc' })],
      responses: { 200: { description: 'One TrailRow object per line', content: { 'application/x-ndjson': { schema: { type: 'string' } } } }, ...ERRORS },
    },
  },
  '/api/accounts/{accountId}/state': {
    get: {
      operationId: 'getAccountStateAt',
      summary: "An account's state as of a time or a version",
      description: 'Exactly one of `at` (the last event recorded at or before it) or `version`. Before the account was opened the answer is version 0 with `opened: false`.',
      tags: ['audit'],
      parameters: [ref('parameters', 'AccountId'), query('at', 'ISO date-time; without an offset it is UTC', isoTime), query('version', 'Account version', { type: 'integer', minimum: 0 })],
      responses: { 200: ok('The state then', 'AccountStateAt'), 404: ref('responses', 'AccountNotFound'), ...ERRORS },
    },
  },
  '/api/bank/totals': {
    get: {
      operationId: 'getBankTotalsAt',
      summary: 'Bank totals as of a time',
      description: "Accounts by status and balances by currency as the books stood at `at`, folded from the events recorded by then (not from today's read models).",
      tags: ['audit'],
      parameters: [query('at', 'ISO date-time; without an offset it is UTC', isoTime, true)],
      responses: { 200: ok('Totals then', 'BankTotalsAt'), ...ERRORS },
    },
  },
});

const auditApiComponents = (): Components => ({
  schemas: {
    ChainBreak: chainBreak,
    MerkleFingerprint: fingerprint,
    VerificationReport: {
      type: 'object',
      properties: {
        ok: { type: 'boolean' },
        scope: { type: 'string', enum: ['store', 'stream'] },
        streamId: nullable({ type: 'string' }),
        eventsChecked: { type: 'integer' },
        streamsChecked: { type: 'integer' },
        headPosition: { type: 'integer' },
        firstBreak: nullable(ref('schemas', 'ChainBreak')),
        breaks: { type: 'array', items: ref('schemas', 'ChainBreak') },
        warnings: { type: 'array', items: { type: 'string' } },
        fingerprint: nullable(ref('schemas', 'MerkleFingerprint')),
        checkedAt: isoTime,
        elapsedMs: { type: 'integer' },
      },
    },
    FingerprintCheck: {
      type: 'object',
      properties: { ok: { type: 'boolean' }, position: { type: 'integer' }, expectedRoot: hash, actualRoot: hash, eventCount: { type: 'integer' }, message: { type: 'string' } },
    },
    InclusionProof: {
      type: 'object',
      properties: {
        position: { type: 'integer' },
        eventHash: hash,
        leafIndex: { type: 'integer' },
        treeSize: { type: 'integer' },
        treePosition: { type: 'integer' },
        root: hash,
        path: { type: 'array', items: hash },
        verified: { type: 'boolean' },
      },
    },
    TrailRow: trailRow,
    TrailPage: { type: 'object', properties: { rows: { type: 'array', items: ref('schemas', 'TrailRow') }, nextCursor: nullable({ type: 'integer' }) } },
    AccountStateAt: {
      type: 'object',
      properties: {
        accountId: { type: 'string' },
        streamId: { type: 'string' },
        asOf: { oneOf: [{ type: 'object', properties: { at: isoTime } }, { type: 'object', properties: { version: { type: 'integer' } } }] },
        version: { type: 'integer' },
        head: { type: 'integer' },
        recordedAt: nullable(isoTime),
        opened: { type: 'boolean' },
        state: { type: 'object' },
        message: { type: 'string' },
      },
    },
    BankTotalsAt: {
      type: 'object',
      properties: {
        at: isoTime,
        position: { type: 'integer' },
        eventsFolded: { type: 'integer' },
        accountsByStatus: { type: 'object', properties: { open: { type: 'integer' }, closed: { type: 'integer' } } },
        totalsByCurrency: {
          type: 'array',
          items: { type: 'object', properties: { currency: { type: 'string' }, balance: { type: 'integer' }, accounts: { type: 'integer' } } },
        },
      },
    },
  },
  parameters: {
    Actor: query('actor', 'Exact actor, e.g. teller:tess', { type: 'string' }),
    Types: query('type', 'Event types, comma-separated or repeated', { type: 'string' }),
    From: query('from', 'Recorded at or after (ISO; UTC without an offset)', isoTime),
    To: query('to', 'Recorded before (ISO; UTC without an offset)', isoTime),
    EventIdFilter: query('eventId', 'One event by id', { type: 'string' }),
    CorrelationId: query('correlationId', 'Events of one correlation (e.g. a transfer)', { type: 'string' }),
    CausationId: query('causationId', 'Events caused by this event or command id', { type: 'string' }),
    StreamIdFilter: query('streamId', 'One stream', { type: 'string' }),
    Category: query('category', 'Streams `{category}-…`', { type: 'string' }),
  },
});

export const AUDIT_API_TAG = { name: 'audit', description: 'For auditors: hash-chain verification, Merkle fingerprints, the audit trail and its exports, state as of a time' };

type MergeableDocument = { paths: PathItems; components?: unknown; tags?: unknown } & Record<string, unknown>;

/** The document with the audit routes added. Idempotent. */
export const withAuditApi = <D extends MergeableDocument>(document: D): D => {
  const paths: PathItems = { ...document.paths };
  for (const [path, operations] of Object.entries(auditApiPaths())) paths[path] = { ...paths[path], ...operations };
  const components = { ...((document.components ?? {}) as Components) };
  for (const [kind, entries] of Object.entries(auditApiComponents())) components[kind] = { ...components[kind], ...entries };
  const tags = (Array.isArray(document.tags) ? document.tags : []) as Array<{ name: string }>;
  return { ...document, tags: tags.some((tag) => tag.name === 'audit') ? tags : [...tags, AUDIT_API_TAG], paths, components };
};
