import { z } from 'zod';
import type { RecordedEvent } from '../../core/envelope';

/**
 * Response shapes of the JSON API. The route helpers build their bodies with
 * the functions below and the OpenAPI document describes them from these schemas.
 */
/** What a command answers: the id of the stream it wrote to under the aggregate's id field, its version and position. */
const commandResults = new Map<string, z.ZodObject>();
export const commandResultSchema = (idField: string, name: string): z.ZodObject => {
  const key = `${name}:${idField}`;
  if (!commandResults.has(key)) commandResults.set(key, commandResult(idField, name));
  return commandResults.get(key)!;
};

const commandResult = (idField: string, name: string) =>
  z
    .object({
      [idField]: z.string(),
      version: z.number().int().min(1).describe('The stream version after the command; send it back as If-Match'),
      globalPosition: z.number().int().min(1).describe('Global position of the last event written: a read-your-writes token'),
    })
    .meta({ id: `${name}CommandResult` });

export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('Machine code, e.g. validation_failed, insufficient_funds, version_conflict'),
      message: z.string(),
      issues: z.array(fieldIssueSchema).optional().describe('Per-field problems (400 only)'),
    }),
  })
  .meta({ id: 'Error' });

export const recordedEventSchema = z
  .object({
  eventId: z.string(),
  streamId: z.string(),
  streamVersion: z.number().int().min(1),
  globalPosition: z.number().int().min(1),
  type: z.string(),
  schemaVersion: z.number().int().min(1),
  data: z.record(z.string(), z.unknown()),
  metadata: z
    .object({
      actor: z.string(),
      correlationId: z.string(),
      causationId: z.string().nullable(),
      commandId: z.string().nullable(),
    })
    .catchall(z.unknown()),
  recordedAt: z.iso.datetime({ offset: true }),
  hash: z.string().describe("sha256 hex over the previous event's hash and this event's canonical encoding"),
  })
  .meta({ id: 'RecordedEvent' });

export const streamEventSchema = recordedEventSchema.extend({
  schemaVersion: z.number().int().min(1).describe('The version of `data` as returned: the current one, unless `raw=1`'),
  storedSchemaVersion: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Absent with `raw=1`. The version as stored; when lower than `schemaVersion`, `data` was upcast on read'),
}).meta({ id: 'StreamEvent' });

export const STREAM_EVENT_FORMS = ['current', 'stored'] as const;

export const streamEventsSchema = z.object({
  streamId: z.string(),
  form: z.enum(STREAM_EVENT_FORMS).describe('`current`: upcast to the current schema versions (default); `stored`: as stored (`raw=1`)'),
  events: z.array(streamEventSchema),
}).meta({ id: 'StreamEvents' });

export type RecordedEventBody = z.infer<typeof recordedEventSchema>;
export type StreamEventBody = z.infer<typeof streamEventSchema>;

export const recordedEventBody = (event: RecordedEvent): RecordedEventBody => ({
  eventId: event.eventId,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  globalPosition: event.globalPosition,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data as Record<string, unknown>,
  metadata: event.metadata,
  recordedAt: event.recordedAt.toISOString(),
  hash: event.hash,
});

/** An event upcast on read, with the version it was stored at; its hash still covers the stored form. */
export const upcastEventBody = (stored: RecordedEvent, current: RecordedEvent): StreamEventBody => ({
  ...recordedEventBody(current),
  storedSchemaVersion: stored.schemaVersion,
});
