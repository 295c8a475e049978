import { z } from 'zod';

/** Response shapes of the projection routes (operating the read side, not reading it). */

const isoTime = z.iso.datetime({ offset: true });
const position = z.number().int().min(0);

export const projectionStatusSchema = z.object({
  name: z.string(),
  version: z.number().int().describe('Version of the projection code'),
  status: z.enum(['building', 'live', 'failed', 'retired', 'unknown']).describe('Status of the active generation'),
  generation: z.number().int().nullable().describe('The active generation, which queries read'),
  checkpoint: position.describe('Last global position folded into the active generation'),
  head: position.describe('Newest global position in the event store'),
  lag: z.object({ events: z.number().int(), seconds: z.number().describe('Age of the oldest event not yet folded') }),
  lastError: z.object({ message: z.string(), position: position.nullable(), at: isoTime.nullable() }).nullable(),
  rebuilding: z.object({ generation: z.number().int(), checkpoint: position }).nullable(),
}).meta({ id: 'ProjectionStatus' });

export const projectionsSchema = z.object({ projections: z.array(projectionStatusSchema) }).meta({ id: 'Projections' });

export const retryProjectionSchema = z.object({
  resumed: z.array(z.number().int()).describe('Generations taken out of the failed state'),
  projection: projectionStatusSchema,
}).meta({ id: 'RetryProjectionResult' });

export type ProjectionStatusBody = z.infer<typeof projectionStatusSchema>;
