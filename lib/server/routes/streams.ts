import { z } from 'zod';
import { verificationReportSchema } from '../../audit/schemas';
import { NotFoundError, ValidationError } from '../../core/errors';
import { readableEvents } from '../../core/personal-data/personal-data-store';
import { streamIdSchema } from '../../commands/validation';
import type { Principal } from '../../auth/principal';
import { verifyStream } from '../audit-service';
import { authorizeStreamRead } from '../auth/authorize';
import { ownAccountStreams, ownEventFilter } from '../auth/own-streams';
import { DEFAULT_MAX_STREAMS_PER_PRINCIPAL, DEFAULT_MAX_STREAMS_PER_PROCESS, eventStreamResponse } from '../sse/event-stream';
import {
  categorySchema,
  DEFAULT_HEARTBEAT_MS,
  MAX_CATEGORY_FILTERS,
  MAX_HEARTBEAT_MS,
  MAX_STREAM_FILTERS,
  MIN_HEARTBEAT_MS,
  parseEventStreamRequest,
  positionSchema,
  RETRY_MS,
} from '../sse/stream-filter';
import { defineRoute } from '../http/define-route';
import { listOf, wholeNumber } from '../http/query';
import { errorBodySchema, recordedEventBody, recordedEventSchema, streamEventsSchema, upcastEventBody } from '../http/schemas';
import { webRuntime } from '../web-runtime';

/* A stream's recorded events and its verification, and the live tail of every stream (server-sent events). */

export const streamPath = z.object({ streamId: streamIdSchema.meta({ description: '`{category}-{id}`, e.g. `account-<accountId>`' }) });
export const invalidStreamId = (_raw: Record<string, string>, issues: Array<{ path: string; message: string }>) =>
  new ValidationError('Invalid stream id', issues.map((issue) => ({ ...issue, path: 'streamId' })));
/** Streams follow their owner; a stream no customer owns (migrations, copies) is for staff. */
export const streamReaders = {
  action: 'stream.read',
  resource: (principal: Principal, path: { streamId: string }) => authorizeStreamRead(principal, path.streamId),
} as const;

export const DEFAULT_EVENTS_LIMIT = 1000;
export const MAX_EVENTS_LIMIT = 10_000;

const streamEventsQuery = z
  .object({
    fromVersion: wholeNumber('fromVersion', 1).optional().meta({ description: 'First version, inclusive (default 1)' }),
    toVersion: wholeNumber('toVersion', 1).optional().meta({ description: 'Last version, inclusive' }),
    limit: wholeNumber('limit', 1, MAX_EVENTS_LIMIT).default(DEFAULT_EVENTS_LIMIT),
    raw: z
      .enum(['0', '1', 'false', 'true'], { message: 'raw must be 1 or 0' })
      .transform((value) => value === '1' || value === 'true')
      .default(false)
      .meta({ description: '`1`: the events as stored, schema versions as recorded. Default `0`: upcast to the current versions.' }),
  })
  .refine((query) => query.toVersion === undefined || query.toVersion >= (query.fromVersion ?? 1), {
    message: 'toVersion must not be below fromVersion',
    path: ['toVersion'],
  });

export const streamEvents = defineRoute({
  method: 'GET',
  path: '/api/streams/{streamId}/events',
  operationId: 'getStreamEvents',
  summary: "Read a stream's events",
  description:
    'Stored events never change; older schema versions are upcast on read, one version at a time, to the version ' +
    'this application writes today. By default events come upcast (`form: current`), each with the `storedSchemaVersion` ' +
    'it was recorded at; `raw=1` returns them exactly as stored (`form: stored`), e.g. to compare both forms. ' +
    "An event's `hash` always covers its stored form, so verify the chain over `raw=1`.",
  tag: 'streams',
  auth: streamReaders,
  params: streamPath,
  invalidParams: invalidStreamId,
  query: streamEventsQuery,
  responses: { 200: { description: 'Events in version order', schema: streamEventsSchema }, 404: '`stream_not_found`: the stream has no events' },
  handle: async ({ params: { streamId }, query: { fromVersion, toVersion, limit, raw } }) => {
    const store = webRuntime().store;
    // One read of what is stored serves both forms, so the two always describe the same events.
    const stored = await store.stored.readStream(streamId, { fromVersion, toVersion, limit });
    // An empty window of an existing stream is a valid answer; a stream with no events does not exist.
    if (stored.length === 0 && !(await store.streamExists(streamId))) throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
    // The current form opens sealed personal fields (or shows `[erased]`); the stored form keeps the ciphertext the hashes cover.
    const current = raw ? [] : await readableEvents(store, stored);
    const events = raw ? stored.map(recordedEventBody) : stored.map((event, index) => upcastEventBody(event, current[index]!));
    return { streamId, form: raw ? 'stored' : 'current', events };
  },
});

export const streamVerification = defineRoute({
  method: 'GET',
  path: '/api/streams/{streamId}/verification',
  operationId: 'verifyStream',
  summary: "Recompute a stream's hash chain",
  description:
    'Every link rehashed, plus the commands table for this stream (which catches a deleted last event). A report may be reused for up to 30 s while the stream is unchanged; `checkedAt` says when it was made.',
  tag: 'audit',
  auth: streamReaders,
  params: streamPath,
  invalidParams: invalidStreamId,
  responses: { 200: { description: 'The verification report', schema: verificationReportSchema }, 404: '`stream_not_found`' },
  handle: ({ params }) => verifyStream(params.streamId),
});

const eventFrameSchema = recordedEventSchema.omit({ hash: true });
const readModelFrameSchema = z.object({
  position: z.number().int().min(0).describe('Every listed projection has folded every event up to this global position'),
  projections: z.array(z.string()).min(1).describe('Projections whose read models may have changed, e.g. account-summary'),
});

const position = (name: string) => positionSchema(name).meta({ description: `${name}: a global position` });

const CONTRACT = [
  'Server-sent events, for EventSource. Frames:',
  '`event: event`, `id: <globalPosition>`, data: the recorded event (without its hash), in global order, upcast to its current schema version.',
  '`event: readmodel`, data `{ position, projections }`: the listed projections have folded every event up to `position`, ' +
    'in particular the events of this connection that they read; invalidate cached queries of those read models. Its `id` is the ' +
    "connection's cursor (at least `position`), so it never moves Last-Event-ID backwards.",
  'A frame with only `id:` moves Last-Event-ID past events the filters skipped; the first frame carries `retry` and the start position as `id`.',
  `\`: heartbeat\` comments every ${DEFAULT_HEARTBEAT_MS / 1000} s of silence by default.`,
  'Guarantees: each event matching the filters is sent once per connection, in order; reconnecting with Last-Event-ID ' +
    '(EventSource does it) sends exactly the events after it. Read-model notices are coalesced, may repeat, and on every ' +
    '(re)connection one follows for the start position, which covers notices lost with the previous connection. ' +
    'A notice is only sent for events this connection delivered; a failed projection is not waited for. ' +
    'A customer receives the events of their own accounts only, whatever `stream` or `category` they name.',
  'Limits: each principal may hold a few streams at once and the server a bounded number in all (429 `too_many_streams` beyond); ' +
    'a client that stops reading is dropped back to reading at its own pace, without holding up anybody else.',
].join('\n\n');

export const eventStream = defineRoute({
  method: 'GET',
  path: '/api/events/stream',
  operationId: 'streamEvents',
  summary: 'Follow new events and read-model changes (server-sent events)',
  description: CONTRACT,
  tag: 'streams',
  auth: { action: 'events.subscribe' },
  headers: z.object({
    'Last-Event-ID': position('Last-Event-ID')
      .optional()
      .meta({ description: 'Resume after this global position; sent by EventSource when it reconnects and wins over `from`.' }),
  }),
  query: z.object({
    from: position('from').optional().meta({ description: 'Start after this global position (0: from the first event). Default: the newest event when connecting.' }),
    stream: listOf(streamIdSchema, 'stream', MAX_STREAM_FILTERS).optional().meta({ description: 'Only these streams (plus any `category`); repeat it or separate with commas.' }),
    category: listOf(categorySchema, 'category', MAX_CATEGORY_FILTERS)
      .optional()
      .meta({ description: 'Only streams of these categories, e.g. `account` (plus any `stream`); repeat it or separate with commas.' }),
    heartbeat_ms: wholeNumber('heartbeat_ms', MIN_HEARTBEAT_MS, MAX_HEARTBEAT_MS).optional().meta({ description: 'Heartbeat interval for this connection.' }),
  }),
  responses: {
    200: {
      description: `An endless event stream; clients reconnect after ${RETRY_MS} ms if it ends.`,
      contentType: 'text/event-stream',
      frames: { event: eventFrameSchema, readmodel: readModelFrameSchema },
      headers: z.object({ 'Cache-Control': z.literal('no-cache, no-transform') }),
    },
    400: '`validation_failed`: a malformed parameter, or a position beyond the newest event (a stale id: start again without it)',
    429: {
      description:
        `\`too_many_streams\`: the caller already has ${DEFAULT_MAX_STREAMS_PER_PRINCIPAL} streams open (\`CHRONICLE_SSE_MAX_PER_PRINCIPAL\`), or the server its ` +
        `${DEFAULT_MAX_STREAMS_PER_PROCESS.toLocaleString('en')} (\`CHRONICLE_SSE_MAX_CONNECTIONS\`); a closed stream frees its slot at once. ` +
        'Or `too_many_attempts`: too many failed sign-ins. Wait Retry-After seconds.',
      schema: errorBodySchema,
      headers: z.object({ 'Retry-After': z.string().regex(/^\d+$/).meta({ description: 'Seconds to wait before asking again' }) }),
    },
  },
  handle: async ({ request, principal, scope }) => {
    // The query is checked by its definition above; the header, and the filter it builds, by the live tail's own parser.
    let query = parseEventStreamRequest(request);
    if (scope === 'own') query = { ...query, filter: ownEventFilter(query.filter, await ownAccountStreams(principal), principal.customerId) };
    return eventStreamResponse(request, query, principal);
  },
});
