import { compareStreamRows, type AuditQueries, type CommandMismatch, type EventQuery, type StreamListQuery, type StreamListRow } from './audit-queries';
import { streamCategory, type RecordedEvent } from './envelope';
import type { AppendResult } from './event-store';

/** The filters of an audit query, as a predicate: the in-memory adapter's answer and the SQL adapters' specification. */
export const matchesEventQuery = (event: RecordedEvent, query: EventQuery): boolean =>
  (query.actor === undefined || event.metadata.actor === query.actor) &&
  (query.types === undefined || query.types.length === 0 || query.types.includes(event.type)) &&
  (query.from === undefined || event.recordedAt.getTime() >= query.from.getTime()) &&
  (query.to === undefined || event.recordedAt.getTime() < query.to.getTime()) &&
  (query.eventId === undefined || event.eventId === query.eventId) &&
  (query.correlationId === undefined || event.metadata.correlationId === query.correlationId) &&
  (query.causationId === undefined || event.metadata.causationId === query.causationId) &&
  (query.streamId === undefined || event.streamId === query.streamId) &&
  (query.category === undefined || streamCategory(event.streamId) === query.category) &&
  (query.cursor === undefined || (query.order === 'asc' ? event.globalPosition > query.cursor : event.globalPosition < query.cursor));

/** Every stream's row, then the query's filters, order and keyset: the SQL adapters' specification. */
export const listStreamsOf = (events: readonly RecordedEvent[], query: StreamListQuery): StreamListRow[] => {
  const rows = new Map<string, StreamListRow>();
  for (const event of events) {
    const row = rows.get(event.streamId);
    if (!row) {
      rows.set(event.streamId, {
        streamId: event.streamId,
        version: event.streamVersion,
        firstVersion: event.streamVersion,
        lastPosition: event.globalPosition,
        lastType: event.type,
        firstAt: event.recordedAt,
        lastAt: event.recordedAt,
      });
    } else if (event.globalPosition > row.lastPosition) {
      Object.assign(row, { version: event.streamVersion, lastPosition: event.globalPosition, lastType: event.type, lastAt: event.recordedAt });
    }
  }
  const needle = query.search?.toLowerCase();
  const compare = compareStreamRows(query.sort);
  return [...rows.values()]
    .filter((row) => query.category === undefined || streamCategory(row.streamId) === query.category)
    .filter((row) => needle === undefined || row.streamId.toLowerCase().includes(needle) || (query.searchIds ?? []).includes(row.streamId))
    .filter((row) => query.after === undefined || compare(query.after, row) < 0)
    .sort(compare)
    .slice(0, query.limit)
    .map((row) => structuredClone(row));
};

export const inMemoryAuditQueries = (
  events: () => readonly RecordedEvent[],
  commands: () => Iterable<[string, AppendResult]>,
): AuditQueries => ({
  queryEvents: async (query) => {
    const ordered = query.order === 'asc' ? events() : [...events()].reverse();
    const found: RecordedEvent[] = [];
    for (const event of ordered) {
      if (found.length >= query.limit) break;
      if (matchesEventQuery(event, query)) found.push(structuredClone(event));
    }
    return found;
  },
  countEvents: async (query, cap) => {
    let count = 0;
    for (const event of events()) if (matchesEventQuery(event, { ...query, order: 'asc', limit: 0 }) && ++count > cap) break;
    return count;
  },
  listStreams: async (query) => listStreamsOf(events(), query),
  integrityFacts: async () => ({ densePositions: true, sequenceHead: events().length }),
  commandMismatches: async ({ streamId, limit }) => {
    const byPosition = new Map(events().map((event) => [event.globalPosition, event]));
    const mismatches: CommandMismatch[] = [];
    for (const [commandId, result] of commands()) {
      if (streamId !== undefined && result.streamId !== streamId) continue;
      const event = byPosition.get(result.lastGlobalPosition);
      if (event?.streamId === result.streamId && event.streamVersion === result.nextExpectedVersion) continue;
      mismatches.push({
        commandId,
        streamId: result.streamId,
        version: result.nextExpectedVersion,
        position: result.lastGlobalPosition,
        found: event ? { streamId: event.streamId, streamVersion: event.streamVersion } : null,
      });
      if (mismatches.length >= limit) break;
    }
    return mismatches.sort((a, b) => a.position - b.position);
  },
});
