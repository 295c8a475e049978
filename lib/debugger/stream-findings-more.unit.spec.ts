import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../core/envelope';
import { UpcasterRegistry } from '../core/upcasting';
import { findCommandBurst } from './command-bursts';
import { detectFindings } from './stream-findings';
import { findUpcasterGaps, upcasterGapOf } from './upcaster-gaps';

const now = new Date('2026-06-01T12:00:00Z');

/** Thing v2 → v3 is the only step: v1 has no path, v3 is current, v4 is from newer code. */
const registry = () => new UpcasterRegistry().register({ type: 'Thing', fromVersion: 2, upcast: (data: never) => data });

const event = (streamVersion: number, type: string, schemaVersion: number): RecordedEvent => ({
  eventId: `e${streamVersion}`,
  streamId: 's-1',
  streamVersion,
  globalPosition: streamVersion,
  type,
  schemaVersion,
  data: {},
  metadata: { actor: 'ann', correlationId: 'c', causationId: null, commandId: null },
  recordedAt: now,
  hash: 'x',
});

describe('upcaster gap detector', () => {
  it('names the events no chain brings to the current version', () => {
    expect(upcasterGapOf(registry(), event(1, 'Thing', 2))).toBeNull();
    expect(upcasterGapOf(registry(), event(1, 'Thing', 3))).toBeNull();
    expect(upcasterGapOf(registry(), event(1, 'Other', 1))).toBeNull();
    expect(upcasterGapOf(registry(), event(3, 'Other', 2))).toMatchObject({ version: 3, type: 'Other', schemaVersion: 2 });
    expect(upcasterGapOf(registry(), event(4, 'Thing', 1))).toMatchObject({ version: 4, type: 'Thing', schemaVersion: 1 });
    expect(upcasterGapOf(registry(), event(5, 'Thing', 4))).toMatchObject({ version: 5, message: expect.stringContaining('newer') });
  });

  it('scans a stream as stored and reports the first gap and how many', async () => {
    const events = [event(1, 'Thing', 3), event(2, 'Thing', 1), event(3, 'Thing', 2), event(4, 'Thing', 9)];
    const stored = { readStream: async (_: string, options?: { fromVersion?: number; toVersion?: number }) => events.filter((e) => e.streamVersion >= (options?.fromVersion ?? 1) && e.streamVersion <= (options?.toVersion ?? 1e9)) };
    const gaps = await findUpcasterGaps(stored, registry(), 's-1');
    expect(gaps).toMatchObject({ first: { version: 2, schemaVersion: 1 }, count: 2 });
    expect(detectFindings({ now, upcasterGaps: gaps })).toMatchObject([{ kind: 'upcaster_gap', severity: 'error', version: 2 }]);
    expect(await findUpcasterGaps({ readStream: async () => [event(1, 'Thing', 3)] }, registry(), 's-1')).toBeNull();
  });
});

describe('burst of refused or conflicted commands', () => {
  const entry = (seconds: number, outcome: 'rejected' | 'conflicted' = 'rejected', code = 'insufficient_funds', decidedAtVersion = 7) => ({
    at: new Date(now.getTime() + seconds * 1000),
    outcome,
    code,
    decidedAtVersion,
  });

  it('finds five within a minute and not four, nor five spread wider', () => {
    expect(findCommandBurst([0, 10, 20, 30].map((s) => entry(s)))).toBeNull();
    expect(findCommandBurst([0, 20, 40, 60, 80].map((s) => entry(s)))).toBeNull();
    const burst = findCommandBurst([entry(0), entry(100, 'conflicted', 'version_conflict', 9), ...[101, 102, 103, 150].map((s) => entry(s, 'rejected', 'account_closed', 10))]);
    expect(burst).toMatchObject({ count: 5, conflicts: 1, refusals: 4, topCode: 'account_closed', version: 9 });
  });

  it('picks the densest window and turns it into a finding linked to its version', () => {
    const entries = [...[0, 1, 2, 3, 4].map((s) => entry(s)), ...[500, 500, 501, 501, 502, 502, 503].map((s) => entry(s, 'conflicted', 'version_conflict', 42))];
    const burst = findCommandBurst(entries);
    expect(burst).toMatchObject({ count: 7, conflicts: 7, version: 42 });
    const [finding] = detectFindings({ now, commandBurst: burst });
    expect(finding).toMatchObject({ kind: 'command_burst', severity: 'warning', version: 42 });
    expect(finding!.message).toContain('7 lost to a version conflict');
    expect(detectFindings({ now, commandBurst: null })).toEqual([]);
  });
});
