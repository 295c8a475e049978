import { z } from 'zod';
import { commandIdSchema } from '../../commands/validation';
import { ValidationError } from '../../core/errors';
import { describeCommand } from '../../debugger/command-record';
import { MAX_HITS, MAX_MATCHES, MAX_TEST_CASE_EVENTS } from '../../debugger/debugger-service';
import {
  breakpointResultSchema,
  commandRecordSchema,
  densitySchema,
  rowsSchema,
  searchResultSchema,
  seriesSchema,
  snapshotComparisonSchema,
  snapshotsSchema,
  stateViewSchema,
  testCaseSchema,
} from '../../debugger/schemas';
import { authorizeStreamRead } from '../auth/authorize';
import { defineRoute } from '../http/define-route';
import { isoTime, text, wholeNumber } from '../http/query';
import { webRuntime } from '../web-runtime';
import { invalidStreamId, streamPath, streamReaders } from './streams';

/* The time-travel debugger: any stream's state at any version, its timeline, breakpoints, snapshots, test cases, and commands. */

export const DENSITY_BUCKETS = { default: 120, max: 1_000 };
export const SERIES_POINTS = { default: 400, max: 2_000 };
export const TIMELINE_LIMIT = { default: 200, max: 2_000 };
export const MAX_ROW_VERSIONS = 500;
export const SEARCH_TEXT_MAX = 200;

const debuggerOf = (streamId: string) => webRuntime().debuggerFor(streamId);
const streamRoute = { tag: 'debugger', auth: streamReaders, params: streamPath, invalidParams: invalidStreamId } as const;
const version = (description: string, min = 0) => wholeNumber('version', min).meta({ description });
const range = {
  fromVersion: wholeNumber('fromVersion', 1).optional().meta({ description: 'Zoomed window: first version (inclusive)' }),
  toVersion: wholeNumber('toVersion', 1).optional().meta({ description: 'Zoomed window: last version (inclusive)' }),
};
const rangeOf = (query: { fromVersion?: number; toVersion?: number }) =>
  query.fromVersion !== undefined || query.toVersion !== undefined ? { from: query.fromVersion ?? 1, to: query.toVersion ?? Number.MAX_SAFE_INTEGER } : undefined;

export const streamState = defineRoute({
  ...streamRoute,
  method: 'GET',
  path: '/api/streams/{streamId}/state',
  operationId: 'getStateAt',
  summary: 'The state at a version or a time',
  description:
    'Give exactly one of `version` or `at`. The state is the newest snapshot at or before the version plus a fold of the events after it, ' +
    'so any version of a long stream answers in milliseconds. `at` picks the last version recorded at or before that time (UTC when it has no offset). ' +
    "Each stream is folded by its own aggregate's decider.",
  query: z
    .object({ version: version('Stream version (0: before the first event)').optional(), at: isoTime('at').optional().meta({ description: 'ISO 8601 date-time' }) })
    .refine((query) => (query.version === undefined) !== (query.at === undefined), { message: 'Give exactly one of version or at', path: ['version'] }),
  responses: {
    200: { description: 'The state, the state before, the event between them and the fields it changed', schema: stateViewSchema },
    404: '`stream_not_found`, or `version_not_found` beyond the head',
  },
  handle: ({ params: { streamId }, query }) => debuggerOf(streamId).stateView(streamId, query.version !== undefined ? { version: query.version } : { at: query.at! }),
});

/** A key press shows a state the page fetched ahead; one request carries all of them (the page batches its prefetches). */
export const MAX_STATE_VERSIONS = 32;

export const streamStates = defineRoute({
  ...streamRoute,
  method: 'GET',
  path: '/api/streams/{streamId}/states',
  operationId: 'getStatesAt',
  summary: 'The states at several versions, in one request',
  description:
    `The same answer as \`/state?version=\` for each of up to ${MAX_STATE_VERSIONS} versions, in the order given (duplicates once). ` +
    'The debugger fetches the positions one key press away in one request rather than one each.',
  query: z.object({
    versions: z
      .string()
      .regex(/^\d{1,15}(,\d{1,15})*$/, 'versions must be whole numbers separated by commas')
      .transform((list) => [...new Set(list.split(',').map(Number))])
      .pipe(z.array(z.number()).max(MAX_STATE_VERSIONS, `At most ${MAX_STATE_VERSIONS} versions at once`))
      .meta({ description: `Comma-separated versions (at most ${MAX_STATE_VERSIONS}; 0: before the first event)` }),
  }),
  responses: {
    200: { description: 'One state view per version asked for', schema: z.object({ states: z.array(stateViewSchema) }) },
    404: '`stream_not_found`, or `version_not_found` when a version is beyond the head',
  },
  handle: async ({ params: { streamId }, query }) => ({ states: await debuggerOf(streamId).stateViews(streamId, query.versions) }),
});

const whole = (name: string, min: number, max: number, fallback: number, description: string) =>
  wholeNumber(name, min, max).default(fallback).meta({ description });
const optionalText = (name: string, max: number, description: string) => text(name, max).optional().meta({ description });

export const streamTimeline = defineRoute({
  ...streamRoute,
  method: 'GET',
  path: '/api/streams/{streamId}/timeline',
  operationId: 'getTimeline',
  summary: 'Rows, search matches, density or a series of a stream',
  description:
    'One of, by the first parameter given in this order: rows of chosen versions (`versions`); the versions matching a filter (`q`, `type`, `actor`; ' +
    `one pass over the stream, at most ${MAX_MATCHES} versions returned); a numeric state field over versions (\`series=balance\`, each point the last value of its bucket with its low and high); ` +
    'events per time bucket (`density=buckets`, optionally within a zoomed window); or a window of rows (`from`, `limit`).',
  query: z.object({
    from: whole('from', 1, Number.MAX_SAFE_INTEGER, 1, 'First version of a window of rows'),
    limit: whole('limit', 1, TIMELINE_LIMIT.max, TIMELINE_LIMIT.default, 'Rows in the window'),
    versions: z
      .string()
      .regex(/^\d{1,15}(,\d{1,15})*$/, 'versions must be whole numbers separated by commas')
      .transform((list) => list.split(',').map(Number))
      .pipe(z.array(z.number()).max(MAX_ROW_VERSIONS, `At most ${MAX_ROW_VERSIONS} versions at once`))
      .optional()
      .meta({ description: `Comma-separated versions (at most ${MAX_ROW_VERSIONS}) whose rows to return` }),
    q: optionalText('q', SEARCH_TEXT_MAX, 'Search text: case-insensitive, anywhere in the type, payload or metadata'),
    type: optionalText('type', 100, 'Only events of this type'),
    actor: optionalText('actor', 200, 'Only events whose actor contains this (case-insensitive)'),
    density: z.literal('buckets', { message: 'density must be buckets' }).optional().meta({ description: 'Events per equal slice of time' }),
    buckets: whole('buckets', 1, DENSITY_BUCKETS.max, DENSITY_BUCKETS.default, 'Number of density buckets'),
    series: z.string().trim().min(1, 'series must name a field, e.g. balance').optional().meta({ description: 'A numeric state field, e.g. balance' }),
    points: whole('points', 2, SERIES_POINTS.max, SERIES_POINTS.default, 'Points of the series'),
    ...range,
  }),
  responses: {
    200: { description: 'Depending on the parameters', schema: z.union([rowsSchema, searchResultSchema, densitySchema, seriesSchema]) },
    404: '`stream_not_found`',
  },
  handle: async ({ params: { streamId }, query }) => {
    const debug = debuggerOf(streamId);
    if (query.versions) return debug.rows(streamId, query.versions);
    if (query.q !== undefined || query.type !== undefined || query.actor !== undefined) return debug.search(streamId, { text: query.q, type: query.type, actor: query.actor });
    if (query.series !== undefined) return debug.series(streamId, query.series, query.points, rangeOf(query));
    if (query.density !== undefined) return debug.density(streamId, query.buckets, rangeOf(query));
    return debug.timeline(streamId, query.from, query.limit);
  },
});

export const streamBreakpoints = defineRoute({
  ...streamRoute,
  method: 'GET',
  path: '/api/streams/{streamId}/timeline/breakpoints',
  operationId: 'getBreakpointHits',
  summary: 'Every version where a condition on the state becomes true',
  description:
    "The condition is a small, safe expression language over the state's fields (no code is evaluated): numbers, strings, `true`/`false`/`null`, " +
    'field paths (`balance`, `holder.kind`), `+ -`, `== != < <= > >=`, `! && ||` and parentheses, e.g. `balance < 0` or `status == "closed" && balance != 0`. ' +
    `A hit is a version where it goes from false to true; at most ${MAX_HITS} hits are listed (\`hitCount\` counts all).`,
  query: z.object({ expr: z.string().trim().min(1, 'expr must not be empty').meta({ description: 'The condition' }) }),
  responses: { 200: { description: 'The hits in version order', schema: breakpointResultSchema }, 404: '`stream_not_found`' },
  handle: ({ params: { streamId }, query }) => debuggerOf(streamId).breakpoints(streamId, query.expr),
});

export const streamSnapshots = defineRoute({
  ...streamRoute,
  method: 'GET',
  path: '/api/streams/{streamId}/state/snapshots',
  operationId: 'getSnapshots',
  summary: "The stream's snapshots, checked against the events (drift)",
  description: "Without `version`: every snapshot with a `drift` flag. With it: that snapshot's stored state beside the state replayed from events alone, and the fields that differ.",
  query: z.object({ version: version("A snapshot's version").optional() }),
  responses: {
    200: { description: 'Snapshot marks, or one comparison', schema: z.union([snapshotsSchema, snapshotComparisonSchema]) },
    404: '`stream_not_found`, or `snapshot_not_found`',
  },
  handle: ({ params: { streamId }, query }) =>
    query.version === undefined ? debuggerOf(streamId).snapshots(streamId) : debuggerOf(streamId).compareSnapshot(streamId, query.version),
});

export const streamTestCase = defineRoute({
  ...streamRoute,
  method: 'GET',
  path: '/api/streams/{streamId}/state/test-case',
  operationId: 'getTestCase',
  summary: 'The position as a test case: given events, resulting state',
  description: `At most the last ${MAX_TEST_CASE_EVENTS} events are given; a longer history starts from the replayed state before them (\`givenState\`).`,
  query: z.object({ version: version('Stream version') }),
  responses: { 200: { description: 'The test case', schema: testCaseSchema }, 404: '`stream_not_found`, or `version_not_found`' },
  handle: ({ params: { streamId }, query }) => debuggerOf(streamId).testCase(streamId, query.version),
});

const decoded = (raw: string): string => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

export const commandRecord = defineRoute({
  method: 'GET',
  path: '/api/commands/{commandId}',
  operationId: 'getCommand',
  summary: 'A command: its type and input, who sent it, and the events it wrote',
  description: "Commands record their type and validated input in their events' metadata; for events written before that, `type` and `input` are null.",
  tag: 'debugger',
  auth: { action: 'stream.read' },
  params: z.object({ commandId: z.string().transform(decoded).pipe(commandIdSchema) }),
  invalidParams: (_raw, issues) => new ValidationError('Invalid command id', issues.map((issue) => ({ ...issue, path: 'commandId' }))),
  responses: { 200: { description: 'The command', schema: commandRecordSchema }, 404: '`command_not_found`' },
  handle: async ({ principal, params }) => {
    const record = await describeCommand(webRuntime().store, params.commandId);
    // A command is read with the stream it wrote to: a customer sees only her own accounts' commands.
    await authorizeStreamRead(principal, record.streamId);
    return record;
  },
});
