import { z } from 'zod';
import { categorySchema, DEFAULT_HEARTBEAT_MS, MAX_CATEGORY_FILTERS, MAX_HEARTBEAT_MS, MAX_STREAM_FILTERS, MIN_HEARTBEAT_MS, RETRY_MS } from '../sse/stream-filter';
import { recordedEventSchema } from './schemas';
import { streamIdSchema } from './stream-query';

/* The OpenAPI path item of GET /api/events/stream, merged into the document by openapi.ts. No database imports here. */

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' });
  return rest;
};

export const eventFrameSchema = recordedEventSchema.omit({ hash: true });

export const readModelFrameSchema = z.object({
  position: z.number().int().min(0).describe('Every listed projection has folded every event up to this global position'),
  projections: z.array(z.string()).min(1).describe('Projections whose read models may have changed, e.g. account-summary'),
});

const CONTRACT = [
  'Server-sent events, for EventSource. Frames:',
  '`event: event`, `id: <globalPosition>`, data: the recorded event (without its hash), in global order, upcast to its current schema version.',
  '`event: readmodel`, data `{ position, projections }`: the listed projections have folded every event up to `position`, ' +
    'in particular the events of this connection that they read; invalidate cached queries of those read models. Its `id` is the ' +
    'connection\'s cursor (at least `position`), so it never moves Last-Event-ID backwards.',
  'A frame with only `id:` moves Last-Event-ID past events the filters skipped; the first frame carries `retry` and the start position as `id`.',
  `\`: heartbeat\` comments every ${DEFAULT_HEARTBEAT_MS / 1000} s of silence by default.`,
  'Guarantees: each event matching the filters is sent once per connection, in order; reconnecting with Last-Event-ID ' +
    '(EventSource does it) sends exactly the events after it. Read-model notices are coalesced, may repeat, and on every ' +
    '(re)connection one follows for the start position, which covers notices lost with the previous connection. ' +
    'A notice is only sent for events this connection delivered; a failed projection is not waited for.',
].join('\n\n');

const positionParam = { type: 'string', pattern: '^\\d{1,16}$' };

export const EVENTS_STREAM_PATH = '/api/events/stream';

export const eventsStreamPathItem = {
  get: {
    operationId: 'streamEvents',
    summary: 'Follow new events and read-model changes (server-sent events)',
    description: CONTRACT,
    tags: ['streams'],
    parameters: [
      {
        name: 'Last-Event-ID',
        in: 'header',
        description: 'Resume after this global position; sent by EventSource when it reconnects and wins over `from`.',
        schema: positionParam,
      },
      { name: 'from', in: 'query', description: 'Start after this global position (0: from the first event). Default: the newest event when connecting.', schema: positionParam },
      {
        name: 'stream',
        in: 'query',
        description: 'Only these streams (plus any `category`); repeat it or separate with commas.',
        explode: true,
        schema: { type: 'array', maxItems: MAX_STREAM_FILTERS, items: schemaOf(streamIdSchema) },
      },
      {
        name: 'category',
        in: 'query',
        description: 'Only streams of these categories, e.g. `account` (plus any `stream`); repeat it or separate with commas.',
        explode: true,
        schema: { type: 'array', maxItems: MAX_CATEGORY_FILTERS, items: schemaOf(categorySchema) },
      },
      {
        name: 'heartbeat_ms',
        in: 'query',
        description: 'Heartbeat interval for this connection.',
        schema: { type: 'integer', minimum: MIN_HEARTBEAT_MS, maximum: MAX_HEARTBEAT_MS, default: DEFAULT_HEARTBEAT_MS },
      },
    ],
    responses: {
      200: {
        description: `An endless event stream; clients reconnect after ${RETRY_MS} ms if it ends.`,
        headers: { 'Cache-Control': { schema: { type: 'string', enum: ['no-cache, no-transform'] } } },
        content: {
          'text/event-stream': {
            schema: { type: 'string' },
            'x-sse-events': { event: schemaOf(eventFrameSchema), readmodel: schemaOf(readModelFrameSchema) },
          },
        },
      },
      400: {
        description: '`validation_failed`: a malformed parameter, or a position beyond the newest event (a stale id: start again without it)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
      500: { $ref: '#/components/responses/InternalError' },
      503: { $ref: '#/components/responses/Unavailable' },
    },
  },
};
