import { MAX_HITS, MAX_MATCHES, MAX_TEST_CASE_EVENTS } from '../../debugger/debugger-service';
import { DENSITY_BUCKETS, MAX_ROW_VERSIONS, SEARCH_TEXT_MAX, SERIES_POINTS, TIMELINE_LIMIT } from './debugger-limits';

/**
 * The time-travel debugger's routes in the OpenAPI document, merged in by
 * `withDebuggerApi`. Refers to the shared components StreamId, BadRequest,
 * Error, InternalError and Unavailable of openapi.ts.
 */
type Operation = { operationId: string; summary: string; [key: string]: unknown };
type PathItems = Record<string, Record<string, Operation>>;
type Components = Record<string, Record<string, unknown>>;

const ref = (kind: 'schemas' | 'parameters' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const query = (name: string, description: string, schema: Record<string, unknown>, required = false) => ({ name, in: 'query', description, required, schema });
const integer = (minimum: number, extra: Record<string, unknown> = {}) => ({ type: 'integer', minimum, ...extra });
const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', properties, required });
const array = (items: unknown) => ({ type: 'array', items });
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const ANY = {};

const notFound = (codes: string) => ({ description: codes, content: json(ref('schemas', 'Error')) });
const get = (operation: Operation & { parameters?: unknown[]; ok: { description: string; schema: unknown }; notFound: string }) => {
  const { ok, notFound: missing, ...rest } = operation;
  return {
    get: {
      ...rest,
      tags: ['debugger'],
      responses: {
        200: { description: ok.description, content: json(ok.schema) },
        400: ref('responses', 'BadRequest'),
        404: notFound(missing),
        500: ref('responses', 'InternalError'),
        503: ref('responses', 'Unavailable'),
      },
    },
  };
};

const STREAM = ref('parameters', 'StreamId');
const VERSION = query('version', 'Stream version (0: before the first event)', integer(0));
const RANGE = [
  query('fromVersion', 'Zoomed window: first version (inclusive)', integer(1)),
  query('toVersion', 'Zoomed window: last version (inclusive)', integer(1)),
];

const paths = (): PathItems => ({
  '/api/streams/{streamId}/state': get({
    operationId: 'getStateAt',
    summary: 'The state at a version or a time',
    description:
      'Give exactly one of `version` or `at`. The state is the newest snapshot at or before the version plus a fold of the events after it, ' +
      'so any version of a long stream answers in milliseconds. `at` picks the last version recorded at or before that time (UTC when it has no offset).',
    parameters: [STREAM, VERSION, query('at', 'ISO 8601 date-time, e.g. 2026-03-01T10:00:00Z', { type: 'string' })],
    ok: { description: 'The state, the state before, the event between them and the fields it changed', schema: ref('schemas', 'DebuggerStateView') },
    notFound: '`stream_not_found`, or `version_not_found` beyond the head',
  }),
  '/api/streams/{streamId}/timeline': get({
    operationId: 'getTimeline',
    summary: 'Rows, search matches, density or a series of a stream',
    description:
      'One of: a window of rows (`from`, `limit`); rows of chosen versions (`versions`); the versions matching a filter (`q`, `type`, `actor`; ' +
      `one pass over the stream, at most ${MAX_MATCHES} versions returned); events per time bucket (\`density=buckets\`, optionally within a zoomed window); ` +
      'or a numeric state field over versions (`series=balance`, each point the last value of its bucket with its low and high).',
    parameters: [
      STREAM,
      query('from', 'First version of a window of rows', integer(1, { default: 1 })),
      query('limit', 'Rows in the window', integer(1, { maximum: TIMELINE_LIMIT.max, default: TIMELINE_LIMIT.default })),
      query('versions', `Comma-separated versions (at most ${MAX_ROW_VERSIONS}) whose rows to return`, { type: 'string', pattern: '^\\d+(,\\d+)*$' }),
      query('q', 'Search text: case-insensitive, anywhere in the type, payload or metadata', { type: 'string', maxLength: SEARCH_TEXT_MAX }),
      query('type', 'Only events of this type', { type: 'string' }),
      query('actor', 'Only events whose actor contains this (case-insensitive)', { type: 'string' }),
      query('density', 'Events per equal slice of time', { type: 'string', enum: ['buckets'] }),
      query('buckets', 'Number of density buckets', integer(1, { maximum: DENSITY_BUCKETS.max, default: DENSITY_BUCKETS.default })),
      query('series', 'A numeric state field, e.g. balance', { type: 'string' }),
      query('points', 'Points of the series', integer(2, { maximum: SERIES_POINTS.max, default: SERIES_POINTS.default })),
      ...RANGE,
    ],
    ok: {
      description: 'Depending on the parameters',
      schema: { oneOf: [ref('schemas', 'DebuggerRows'), ref('schemas', 'DebuggerSearch'), ref('schemas', 'DebuggerDensity'), ref('schemas', 'DebuggerSeries')] },
    },
    notFound: '`stream_not_found`',
  }),
  '/api/streams/{streamId}/timeline/breakpoints': get({
    operationId: 'getBreakpointHits',
    summary: 'Every version where a condition on the state becomes true',
    description:
      'The condition is a small, safe expression language over the state\'s fields (no code is evaluated): numbers, strings, `true`/`false`/`null`, ' +
      'field paths (`balance`, `holder.kind`), `+ -`, `== != < <= > >=`, `! && ||` and parentheses, e.g. `balance < 0` or `status == "closed" && balance != 0`. ' +
      `A hit is a version where it goes from false to true; at most ${MAX_HITS} hits are listed (\`hitCount\` counts all).`,
    parameters: [STREAM, query('expr', 'The condition', { type: 'string', maxLength: 500 }, true)],
    ok: { description: 'The hits in version order', schema: ref('schemas', 'DebuggerBreakpoints') },
    notFound: '`stream_not_found`',
  }),
  '/api/streams/{streamId}/state/snapshots': get({
    operationId: 'getSnapshots',
    summary: "The stream's snapshots, checked against the events (drift)",
    description: 'Without `version`: every snapshot with a `drift` flag. With it: that snapshot\'s stored state beside the state replayed from events alone, and the fields that differ.',
    parameters: [STREAM, query('version', 'A snapshot\'s version', integer(1))],
    ok: { description: 'Snapshot marks, or one comparison', schema: { oneOf: [ref('schemas', 'DebuggerSnapshots'), ref('schemas', 'DebuggerSnapshotComparison')] } },
    notFound: '`stream_not_found`, or `snapshot_not_found`',
  }),
  '/api/streams/{streamId}/state/test-case': get({
    operationId: 'getTestCase',
    summary: 'The position as a test case: given events, resulting state',
    description: `At most the last ${MAX_TEST_CASE_EVENTS} events are given; a longer history starts from the replayed state before them (\`givenState\`).`,
    parameters: [STREAM, { ...VERSION, required: true, schema: integer(1) }],
    ok: { description: 'The test case', schema: ref('schemas', 'DebuggerTestCase') },
    notFound: '`stream_not_found`, or `version_not_found`',
  }),
  '/api/commands/{commandId}': get({
    operationId: 'getCommand',
    summary: 'A command: its type and input, who sent it, and the events it wrote',
    description: 'Commands record their type and validated input in their events\' metadata; for events written before that, `type` and `input` are null.',
    parameters: [{ name: 'commandId', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 128 } }],
    ok: { description: 'The command', schema: ref('schemas', 'DebuggerCommand') },
    notFound: '`command_not_found`',
  }),
});

const event = object({
  eventId: { type: 'string' },
  streamVersion: integer(1),
  globalPosition: integer(1),
  type: { type: 'string' },
  schemaVersion: integer(1),
  data: ANY,
  metadata: { type: 'object' },
  recordedAt: { type: 'string', format: 'date-time' },
  hash: { type: 'string' },
  stored: object({ schemaVersion: integer(1), data: ANY }),
});
const row = object({
  version: integer(1),
  globalPosition: integer(1),
  type: { type: 'string' },
  recordedAt: { type: 'string', format: 'date-time' },
  actor: { type: 'string' },
  correlationId: { type: 'string' },
  causationId: nullable({ type: 'string' }),
  amount: nullable({ type: 'integer', description: 'Signed effect on the balance, minor units' }),
});

const schemas = (): Record<string, unknown> => ({
  DebuggerStateView: object({
    streamId: { type: 'string' },
    head: integer(0),
    version: integer(0),
    state: ANY,
    previousState: ANY,
    event: nullable(event),
    changedPaths: array({ type: 'string' }),
  }),
  DebuggerRows: object({ streamId: { type: 'string' }, head: integer(0), rows: array(row) }),
  DebuggerSearch: object({
    streamId: { type: 'string' },
    head: integer(0),
    filter: { type: 'object' },
    total: integer(0),
    versions: array(integer(1)),
    truncated: { type: 'boolean' },
    elapsedMs: integer(0),
  }),
  DebuggerDensity: object({
    streamId: { type: 'string' },
    head: integer(0),
    buckets: array(object({ start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' }, firstVersion: integer(1), count: integer(0) })),
  }),
  DebuggerSeries: object({
    streamId: { type: 'string' },
    head: integer(0),
    path: { type: 'string' },
    points: array(object({ version: integer(1), value: { type: 'number' }, low: { type: 'number' }, high: { type: 'number' } })),
  }),
  DebuggerBreakpoints: object({
    streamId: { type: 'string' },
    expression: { type: 'string' },
    head: integer(0),
    hits: array(object({ version: integer(1), type: { type: 'string' }, recordedAt: { type: 'string', format: 'date-time' } })),
    hitCount: integer(0),
    truncated: { type: 'boolean' },
    trueCount: integer(0),
    elapsedMs: integer(0),
  }),
  DebuggerSnapshots: object({
    streamId: { type: 'string' },
    head: integer(0),
    snapshots: array(
      object({ version: integer(1), createdAt: { type: 'string', format: 'date-time' }, stateSchemaVersion: integer(1), current: { type: 'boolean' }, drift: nullable({ type: 'boolean' }) }),
    ),
  }),
  DebuggerSnapshotComparison: object({ streamId: { type: 'string' }, version: integer(1), stored: ANY, replayed: ANY, drift: { type: 'boolean' }, changedPaths: array({ type: 'string' }) }),
  DebuggerTestCase: object({
    name: { type: 'string' },
    streamId: { type: 'string' },
    version: integer(1),
    givenState: nullable(object({ version: integer(1), state: ANY })),
    given: array(object({ type: { type: 'string' }, data: ANY })),
    then: ANY,
  }),
  DebuggerCommand: object({
    commandId: { type: 'string' },
    streamId: { type: 'string' },
    version: integer(1),
    globalPosition: integer(1),
    type: nullable({ type: 'string' }),
    input: ANY,
    actor: { type: 'string' },
    recordedAt: { type: 'string', format: 'date-time' },
    correlationId: { type: 'string' },
    causationId: nullable({ type: 'string' }),
    events: array(object({ version: integer(1), globalPosition: integer(1), type: { type: 'string' } })),
  }),
});

export const DEBUGGER_API_TAG = { name: 'debugger', description: 'Time travel through a stream: state at any version, search, breakpoints, snapshots, commands' };

type MergeableDocument = { paths: PathItems; components?: unknown; tags?: unknown } & Record<string, unknown>;

/** The document with the debugger's routes added. Idempotent. */
export const withDebuggerApi = <D extends MergeableDocument>(document: D): D => {
  const components = { ...((document.components ?? {}) as Components) };
  components.schemas = { ...components.schemas, ...schemas() };
  const tags = (Array.isArray(document.tags) ? document.tags : []) as Array<{ name: string }>;
  return {
    ...document,
    tags: tags.some((tag) => tag.name === DEBUGGER_API_TAG.name) ? tags : [...tags, DEBUGGER_API_TAG],
    paths: { ...document.paths, ...paths() },
    components,
  };
};
