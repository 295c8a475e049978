import { describe, expect, it } from 'vitest';
import { ledgerLine, spacedJson } from './format';

describe('ledger format', () => {
  it('prints the seed line exactly', () => {
    const line = ledgerLine({ globalPosition: 1, recordedAt: new Date('2025-12-28T10:00:00.456Z'), type: 'UserRegistered', data: { id: 1 } });
    expect(line).toBe('[001] 2025-12-28 10:00:00 | UserRegistered | {"id": 1}');
  });

  it('pads positions to three digits and no further', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    expect(ledgerLine({ globalPosition: 42, recordedAt: at, type: 'T', data: {} })).toBe('[042] 2026-01-02 03:04:05 | T | {}');
    expect(ledgerLine({ globalPosition: 123456, recordedAt: at, type: 'T', data: null })).toBe('[123456] 2026-01-02 03:04:05 | T | null');
  });

  it('spaces nested data but never inside strings', () => {
    expect(spacedJson({ a: [1, { b: 'x: y, z' }], c: null, d: true, e: undefined, 'q"k': 'é\n' })).toBe(
      '{"a": [1, {"b": "x: y, z"}], "c": null, "d": true, "q\\"k": "é\\n"}',
    );
    expect(JSON.parse(spacedJson({ amount: 1250, holder: { name: 'Ada', kind: 'person' } }))).toEqual({ amount: 1250, holder: { name: 'Ada', kind: 'person' } });
  });
});
