import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { RecordedEvent } from '../core/envelope';
import { ValidationError, type FieldIssue } from '../core/errors';
import { chainHash } from '../core/hash-chain';
import { issuesOf } from '../commands/validation';
import { streamIdSchema } from '../commands/validation';
import { IntegrityError } from './exit-codes';

const isoDateTime = z.iso.datetime({ offset: true, message: 'Expected an ISO 8601 date-time' });

/** One line of `chronicle export`. */
export const exportedEventSchema = z
  .object({
    eventId: z.string().min(1).max(128),
    streamId: streamIdSchema,
    streamVersion: z.number().int().positive(),
    globalPosition: z.number().int().positive(),
    type: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, 'Event type must be a name such as MoneyDeposited'),
    schemaVersion: z.number().int().positive(),
    data: z.unknown().refine((data) => data !== undefined, 'Event data is required'),
    metadata: z.looseObject({
      actor: z.string(),
      correlationId: z.string(),
      causationId: z.string().nullable(),
      commandId: z.string().nullable(),
    }),
    recordedAt: isoDateTime,
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'Hash must be 64 lowercase hex digits'),
  })
  .strict();

export type ExportedEvent = z.infer<typeof exportedEventSchema>;


/**
 * Parses and checks an export: every line well-formed, one stream, versions
 * 1…n in order, times never going back, and every hash the chain hash of its
 * line, so an edited file is refused (IntegrityError) before anything is written.
 */
export const parseExport = (text: string): ExportedEvent[] => {
  const events: ExportedEvent[] = [];
  const issues: FieldIssue[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '' || issues.length >= 20) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      issues.push({ path: `line ${index + 1}`, message: `not JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = exportedEventSchema.safeParse(json);
    if (!parsed.success) issues.push(...issuesOf(parsed.error).map((issue) => ({ path: `line ${index + 1}: ${issue.path}`, message: issue.message })));
    else events.push(parsed.data);
  });
  if (issues.length > 0) throw new ValidationError('The file is not a chronicle export', issues);
  if (events.length === 0) throw new ValidationError('The file holds no events');
  const streamId = events[0]!.streamId;
  let previousHash: string | null = null;
  events.forEach((event, index) => {
    const where = `event ${index + 1}`;
    if (event.streamId !== streamId) throw new ValidationError('The file mixes streams', [{ path: where, message: `${event.streamId}, expected ${streamId}` }]);
    if (event.streamVersion !== index + 1) throw new ValidationError('The file is not a whole stream', [{ path: where, message: `version ${event.streamVersion}, expected ${index + 1}` }]);
    if (index > 0 && Date.parse(event.recordedAt) < Date.parse(events[index - 1]!.recordedAt)) {
      throw new ValidationError('Recorded times go back', [{ path: where, message: `${event.recordedAt} is before the event above it` }]);
    }
    const expected = chainHash(previousHash, { ...event, recordedAt: new Date(event.recordedAt) });
    if (expected !== event.hash) {
      throw new IntegrityError(`${streamId} version ${event.streamVersion} does not match its hash: the file was changed after export (expected ${expected}, file says ${event.hash})`);
    }
    previousHash = event.hash;
  });
  return events;
};

/** The id an imported event gets in a renamed stream: derived, so a rerun recognises what it wrote. */
export const importedEventId = (targetStreamId: string, sourceEventId: string): string => {
  const hex = createHash('sha256').update(`${targetStreamId}\n${sourceEventId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** Same event as far as an import is concerned (for resuming an interrupted one). */
export const sameImported = (stored: RecordedEvent, eventId: string, source: ExportedEvent): boolean =>
  stored.eventId === eventId && stored.type === source.type && stored.streamVersion === source.streamVersion && stored.schemaVersion === source.schemaVersion;
