import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors';
import { prepareEvents } from '../core/prepare-events';
import { IntegrityError } from './exit-codes';
import { importedEventId, parseExport } from './import-file';

const exportOf = (streamId: string, count: number) =>
  prepareEvents(
    streamId,
    Array.from({ length: count }, (_, index) => ({ type: 'NoteRecorded', data: { n: index + 1 }, schemaVersion: 1 })),
    { version: 0, hash: null },
    new Date('2026-05-04T09:00:00Z'),
    undefined,
    // The fields an export line carries (not the canonical texts prepareEvents adds for the database).
  ).map(({ eventId, streamId: stream, streamVersion, type, schemaVersion, data, metadata, recordedAt, hash }, index) => ({
    eventId,
    streamId: stream,
    streamVersion,
    type,
    schemaVersion,
    data,
    metadata,
    recordedAt: recordedAt.toISOString(),
    hash,
    globalPosition: index + 10,
  }));

const lines = (events: object[]) => events.map((event) => JSON.stringify(event)).join('\n') + '\n';

describe('reading an export file', () => {
  it('accepts a whole stream whose hashes hold', () => {
    expect(parseExport(lines(exportOf('ops-notes', 3))).map((event) => event.streamVersion)).toEqual([1, 2, 3]);
  });

  it('refuses malformed lines, gaps and mixed streams with a validation error naming the place', () => {
    const events = exportOf('ops-notes', 3);
    const issuesOf = (text: string) => {
      try {
        parseExport(text);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return `${(error as ValidationError).message}: ${(error as ValidationError).issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`;
      }
      throw new Error('accepted');
    };
    expect(issuesOf(`${lines(events.slice(0, 1))}{oops\n`)).toMatch(/^The file is not a chronicle export: line 2 not JSON/);
    expect(issuesOf(lines([{ ...events[0], extra: 1 }]))).toContain('line 1: extra Unknown field "extra"');
    expect(issuesOf(lines([events[0]!, events[2]!]))).toBe('The file is not a whole stream: event 2 version 3, expected 2');
    expect(issuesOf(lines([events[0]!, exportOf('ops-other', 2)[1]!]))).toBe('The file mixes streams: event 2 ops-other, expected ops-notes');
    expect(issuesOf('\n\n')).toBe('The file holds no events: ');
  });

  it('refuses an edited file as an integrity problem', () => {
    const events = exportOf('ops-notes', 3);
    const edited = lines([events[0]!, { ...events[1]!, data: { n: 20 } }, events[2]!]);
    expect(() => parseExport(edited)).toThrow(IntegrityError);
    expect(() => parseExport(edited)).toThrow(/ops-notes version 2 does not match its hash/);
  });

  it('derives stable, distinct UUIDs for events imported under another id', () => {
    const id = importedEventId('archive-a', 'e-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(importedEventId('archive-a', 'e-1')).toBe(id);
    expect(importedEventId('archive-b', 'e-1')).not.toBe(id);
  });
});
