import type { z } from 'zod';
import type { RecordedEvent } from '../core/envelope';
import type {
  breakpointHitSchema,
  breakpointResultSchema,
  commandRecordSchema,
  debuggerEventSchema,
  densityBucketSchema,
  eventFilterSchema,
  searchResultSchema,
  seriesPointSchema,
  snapshotComparisonSchema,
  snapshotMarkSchema,
  stateViewSchema,
  testCaseSchema,
  timelineRowSchema,
} from './schemas';

/* The debugger's answers, inferred from their schemas (schemas.ts): what the API promises is what the code builds. */

export type DebuggerEvent = z.infer<typeof debuggerEventSchema>;
export type StateView = z.infer<typeof stateViewSchema>;
export type TimelineRow = z.infer<typeof timelineRowSchema>;
export type BreakpointHit = z.infer<typeof breakpointHitSchema>;
export type BreakpointResult = z.infer<typeof breakpointResultSchema>;
export type SnapshotMark = z.infer<typeof snapshotMarkSchema>;
export type SnapshotComparison = z.infer<typeof snapshotComparisonSchema>;
export type TestCase = z.infer<typeof testCaseSchema>;
export type EventFilter = z.infer<typeof eventFilterSchema>;
export type SearchResult = z.infer<typeof searchResultSchema>;
export type DensityBucket = z.infer<typeof densityBucketSchema>;
export type SeriesPoint = z.infer<typeof seriesPointSchema>;
export type CommandRecord = z.infer<typeof commandRecordSchema>;

export const debuggerEvent = (stored: RecordedEvent, current: RecordedEvent): DebuggerEvent => ({
  eventId: current.eventId,
  streamVersion: current.streamVersion,
  globalPosition: current.globalPosition,
  type: current.type,
  schemaVersion: current.schemaVersion,
  data: current.data,
  metadata: current.metadata,
  recordedAt: current.recordedAt.toISOString(),
  hash: current.hash,
  stored: { schemaVersion: stored.schemaVersion, data: stored.data },
});
