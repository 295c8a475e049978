import type { TrailRow } from './audit-trail';

/* CSV (RFC 4180) and JSON Lines renderings of the audit trail. */

export const CSV_COLUMNS = [
  'global_position',
  'recorded_at',
  'stream_id',
  'stream_version',
  'type',
  'schema_version',
  'actor',
  'correlation_id',
  'causation_id',
  'command_id',
  'event_id',
  'hash',
  'data',
  'metadata',
] as const;

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab or carriage
 * return) as a formula: such text gets a leading apostrophe (OWASP's advice).
 * Numbers are written as they are.
 */
const neutralised = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export const csvField = (value: string | number | null): string => {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutralised(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

const csvLine = (fields: Array<string | number | null>): string => `${fields.map(csvField).join(',')}\r\n`;

export const csvHeader = (): string => csvLine([...CSV_COLUMNS]);

export const csvRow = (row: TrailRow): string =>
  csvLine([
    row.globalPosition,
    row.recordedAt,
    row.streamId,
    row.streamVersion,
    row.type,
    row.schemaVersion,
    row.actor,
    row.correlationId,
    row.causationId,
    row.commandId,
    row.eventId,
    row.hash,
    JSON.stringify(row.data),
    JSON.stringify(row.metadata),
  ]);

/** One JSON object per line; JSON.stringify escapes line breaks inside strings, so a line is always one event. */
export const jsonLine = (row: TrailRow): string => `${JSON.stringify(row)}\n`;

export type ExportFormat = 'csv' | 'jsonl';

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** Renders rows as they arrive, header first. */
export async function* renderExport(rows: AsyncIterable<TrailRow>, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  for await (const row of rows) yield format === 'csv' ? csvRow(row) : jsonLine(row);
}
