import type { RecordedEvent } from '../core/envelope';

/**
 * JSON on one line with a space after each colon and comma, the way the ledger
 * prints data: `{"id": 1, "tags": ["a", "b"]}`. Strings are escaped exactly as
 * JSON.stringify escapes them.
 */
export const spacedJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return spacedJson((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : spacedJson(item))).join(', ')}]`;
  const entries = Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== 'function');
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${spacedJson(item)}`).join(', ')}}`;
};

/** `2025-12-28T10:00:00.123Z` → `2025-12-28 10:00:00` (UTC). */
export const ledgerTime = (at: Date): string => at.toISOString().slice(0, 19).replace('T', ' ');

/** `[001] 2025-12-28 10:00:00 | UserRegistered | {"id": 1}`: global position (at least 3 digits), UTC time, type, data. */
export const ledgerLine = (event: Pick<RecordedEvent, 'globalPosition' | 'recordedAt' | 'type' | 'data'>): string =>
  `[${String(event.globalPosition).padStart(3, '0')}] ${ledgerTime(event.recordedAt)} | ${event.type} | ${spacedJson(event.data)}`;

/** An event as exported and printed with --json: every field the store recorded. */
export const envelopeJson = (event: RecordedEvent) => ({
  eventId: event.eventId,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  globalPosition: event.globalPosition,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  metadata: event.metadata,
  recordedAt: event.recordedAt.toISOString(),
  hash: event.hash,
});
