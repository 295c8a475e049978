import { z } from 'zod';
import { blameChangeSchema } from './blame-schemas';

/* What the projection stepper answers: each event that touched one document of a projection, with the document before and after it. */

const count = z.number().int().min(0);
const position = z.number().int().min(1);

/** Where the events that may touch a document are read from: one stream (an account's documents) or the whole log (the bank's). */
export const documentScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stream'), streamId: z.string() }),
  z.object({ kind: z.literal('log') }),
]);

export const projectionStepSchema = z.object({
  index: count.describe('0 for the first event that touched the document'),
  streamId: z.string(),
  streamVersion: position,
  globalPosition: position,
  type: z.string(),
  recordedAt: z.iso.datetime({ offset: true }),
  before: z.unknown().describe('The document before the event (null: it did not exist); whole numbers the projection keeps as bigint are JSON numbers'),
  after: z.unknown().describe('The document after the event (null: it no longer exists)'),
  changedPaths: z.array(z.string()).describe('Dotted paths of the fields the event changed'),
  applyMicros: z.number().min(0).describe("How long the projection's evolve took for this event, in microseconds (this server, this request)"),
});

export const projectionStepsSchema = z
  .object({
    projection: z.string(),
    documentId: z.string(),
    scope: documentScopeSchema,
    from: count,
    limit: count,
    steps: z.array(projectionStepSchema),
    total: count.describe('Events that touched the document among those scanned (every one when `complete`)'),
    next: count.nullable().describe('`from` of the next page, null on the last'),
    scanned: count.describe('Candidate events read to answer'),
    complete: z.boolean().describe("False when the scan stopped at the request's bound before the end of the history"),
    document: z.unknown().describe('The document after the last event scanned'),
    failure: z
      .object({ index: count, globalPosition: position, streamId: z.string(), message: z.string() })
      .nullable()
      .describe("The event the projection's evolve refused (the projection stops there too); the steps end before it"),
    elapsedMs: z.number().min(0),
  })
  .meta({ id: 'ProjectionDocumentSteps' });

export const projectionBlameChangeSchema = blameChangeSchema.extend({ streamId: z.string(), step: count.describe('The stepper index of the event') });

export const projectionBlameSchema = z
  .object({
    projection: z.string(),
    documentId: z.string(),
    path: z.string(),
    initial: z.unknown(),
    value: z.unknown().describe('The value after the last event scanned'),
    changes: z.array(projectionBlameChangeSchema).describe('Every event that changed the field, oldest first (the newest when `truncated`)'),
    total: count,
    truncated: z.boolean(),
    complete: z.boolean(),
    elapsedMs: z.number().min(0),
  })
  .meta({ id: 'ProjectionDocumentBlame' });

export type DocumentScope = z.infer<typeof documentScopeSchema>;
export type ProjectionStep = z.infer<typeof projectionStepSchema>;
export type ProjectionSteps = z.infer<typeof projectionStepsSchema>;
export type ProjectionBlame = z.infer<typeof projectionBlameSchema>;
