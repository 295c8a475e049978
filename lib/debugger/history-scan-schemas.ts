import { z } from 'zod';

/* What a history-wide breakpoint scan answers: every stream where the condition ever turned true. */

const version = z.number().int().min(1);
const isoTime = z.iso.datetime({ offset: true });

export const scanHitSchema = z.object({ version, globalPosition: version, type: z.string(), recordedAt: isoTime });

export const scanStreamSchema = z.object({
  streamId: z.string(),
  firstHit: scanHitSchema.describe('The first version where the condition went from false to true'),
  lastHit: scanHitSchema.describe('The last such version'),
  hitCount: z.number().int().min(1).describe('How many times it went from false to true'),
  holdsAtEnd: z.boolean().describe('Whether the condition holds at the last version scanned'),
});

export const scanResultSchema = z
  .object({
    expression: z.string(),
    category: z.string().nullable(),
    fromPosition: z.number().int().min(0),
    toPosition: z.number().int().min(0).describe('The head of the log when the scan started: the last position scanned'),
    eventsScanned: z.number().int().min(0),
    streamsScanned: z.number().int().min(0),
    streamsHit: z.number().int().min(0),
    streams: z.array(scanStreamSchema).describe('Streams with at least one hit, by the position of their first hit'),
    truncated: z.boolean().describe('More streams were hit than listed'),
    elapsedMs: z.number().min(0),
    eventsPerSecond: z.number().min(0),
  })
  .meta({ id: 'HistoryScan' });

export type ScanHit = z.infer<typeof scanHitSchema>;
export type ScanStream = z.infer<typeof scanStreamSchema>;
export type ScanResult = z.infer<typeof scanResultSchema>;
