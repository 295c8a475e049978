import { describe, expect, it } from 'vitest';
import { detectFindings, SAGA_DEADLINE_MS } from './stream-findings';

const now = new Date('2026-06-01T12:00:00Z');

describe('stream findings', () => {
  it('finds nothing in a healthy stream', () => {
    expect(
      detectFindings({ now, overdrafts: { hits: [], hitCount: 0 }, chain: { ok: true, firstBreak: null }, snapshots: [{ version: 100, drift: false }], projections: [{ name: 'summaries', lag: { events: 0, seconds: 0 } }] }),
    ).toEqual([]);
  });

  it('names each problem with the version to look at', () => {
    const findings = detectFindings({
      now,
      overdrafts: { hits: [{ version: 4 }, { version: 9 }], hitCount: 2 },
      chain: { ok: false, firstBreak: { streamVersion: 7, message: 'stored hash does not match' } },
      snapshots: [{ version: 100, drift: true }, { version: 200, drift: null }],
      projections: [{ name: 'summaries', lag: { events: 12, seconds: 95 } }],
    });
    expect(findings.map(({ kind, version }) => [kind, version])).toEqual([
      ['overdrawn_beyond_limit', 4],
      ['broken_hash_link', 7],
      ['snapshot_drift', 100],
      ['projection_behind', null],
    ]);
    expect(findings[0]!.message).toContain('2 times');
  });

  it('flags a transfer left open past the deadline, not a finished or a recent one', () => {
    const old = new Date(now.getTime() - SAGA_DEADLINE_MS - 1_000);
    const recent = new Date(now.getTime() - 1_000);
    expect(detectFindings({ now, transfer: { state: { status: 'debited' }, lastEventAt: old, lastVersion: 2 } })).toMatchObject([{ kind: 'saga_past_deadline', version: 2 }]);
    expect(detectFindings({ now, transfer: { state: { status: 'completed' }, lastEventAt: old, lastVersion: 4 } })).toEqual([]);
    expect(detectFindings({ now, transfer: { state: { status: 'requested' }, lastEventAt: recent, lastVersion: 1 } })).toEqual([]);
  });
});
