import type { z } from 'zod';
import type { AuditQueries, EventQuery } from '../core/audit-queries';
import type { RecordedEvent } from '../core/envelope';
import type { trailPageSchema, trailRowSchema } from './schemas';

/** The filters an auditor sets; paging is separate. */
export type TrailFilter = Omit<EventQuery, 'cursor' | 'order' | 'limit'>;

/** One line of the audit trail (schemas.ts). */
export type TrailRow = z.infer<typeof trailRowSchema>;

export type TrailPage = z.infer<typeof trailPageSchema>;

export const DEFAULT_TRAIL_LIMIT = 50;
export const MAX_TRAIL_LIMIT = 500;
const EXPORT_BATCH = 1_000;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const trailRow = (event: RecordedEvent): TrailRow => ({
  globalPosition: event.globalPosition,
  recordedAt: event.recordedAt.toISOString(),
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  type: event.type,
  schemaVersion: event.schemaVersion,
  actor: text(event.metadata.actor) ?? '',
  correlationId: text(event.metadata.correlationId) ?? '',
  causationId: text(event.metadata.causationId),
  commandId: text(event.metadata.commandId),
  eventId: event.eventId,
  hash: event.hash,
  data: event.data,
  metadata: event.metadata,
});

/** One page, keyset-paged on the global position: stable however many events arrive meanwhile. */
export const trailPage = async (
  audit: AuditQueries,
  filter: TrailFilter,
  page: { cursor?: number; limit: number; order: 'asc' | 'desc' },
): Promise<TrailPage> => {
  const events = await audit.queryEvents({ ...filter, ...page, limit: page.limit + 1 });
  const rows = events.slice(0, page.limit).map(trailRow);
  return { rows, nextCursor: events.length > page.limit ? rows.at(-1)!.globalPosition : null };
};

/** Every matching row in global order, read a batch at a time so an export of any size runs in bounded memory. */
export async function* trailRows(audit: AuditQueries, filter: TrailFilter, order: 'asc' | 'desc' = 'asc'): AsyncGenerator<TrailRow> {
  let cursor: number | undefined;
  for (;;) {
    const events = await audit.queryEvents({ ...filter, cursor, order, limit: EXPORT_BATCH });
    for (const event of events) yield trailRow(event);
    if (events.length < EXPORT_BATCH) return;
    cursor = events.at(-1)!.globalPosition;
  }
}
