import { describe, expect, it } from 'vitest';
import type { TrailRow } from './audit-trail';
import { csvField, csvHeader, csvRow, jsonLine, renderExport } from './trail-export';

const row = (overrides: Partial<TrailRow> = {}): TrailRow => ({
  globalPosition: 7,
  recordedAt: '2026-03-01T10:00:00.000Z',
  streamId: 'account-a1',
  streamVersion: 2,
  type: 'MoneyDeposited',
  schemaVersion: 2,
  actor: 'teller:tess',
  correlationId: 'c-1',
  causationId: null,
  commandId: 'cmd-1',
  eventId: 'e-1',
  hash: 'ab'.repeat(32),
  data: { amount: 1250, currency: 'EUR', description: 'Rent, "March"' },
  metadata: { actor: 'teller:tess' },
  ...overrides,
});

/** A small RFC 4180 reader, to prove that what we write reads back as the same fields. */
const parseCsv = (text: string): string[][] => {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') endField();
    else if (char === '\r' && text[index + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      index += 1;
    } else field += char;
  }
  return records;
};

describe('CSV export', () => {
  it('quotes fields with commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(-5)).toBe('-5');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    for (const dangerous of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\r=x']) expect(csvField(dangerous).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
  });

  it('writes a header and rows that read back as the same fields', () => {
    const hostile = row({ actor: '=cmd|"/c calc"!A1', data: { description: 'line one\r\nline two, "quoted"' } });
    const records = parseCsv(csvHeader() + csvRow(row()) + csvRow(hostile));
    expect(records).toHaveLength(3);
    expect(records[0]![0]).toBe('global_position');
    expect(records.every((record) => record.length === records[0]!.length)).toBe(true);
    expect(records[1]!.slice(0, 5)).toEqual(['7', '2026-03-01T10:00:00.000Z', 'account-a1', '2', 'MoneyDeposited']);
    expect(JSON.parse(records[1]![12]!)).toEqual(row().data);
    expect(records[2]![6]).toBe(`'=cmd|"/c calc"!A1`);
    expect(JSON.parse(records[2]![12]!)).toEqual(hostile.data);
  });
});

describe('JSON Lines export', () => {
  it('writes one parsable object per line, even with line breaks in the data', async () => {
    const rows = [row(), row({ globalPosition: 8, data: { description: 'a\nb' } })];
    async function* source() {
      yield* rows;
    }
    let text = '';
    for await (const chunk of renderExport(source(), 'jsonl')) text += chunk;
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => JSON.parse(line) as TrailRow)).toEqual(rows);
    expect(jsonLine(row()).endsWith('\n')).toBe(true);
  });
});
