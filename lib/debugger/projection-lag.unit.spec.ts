import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coveredVersion, streamProjectionLag } from './projection-lag';

/** A stream's global positions: increasing, with other streams' events between them. */
const positionsOf = (gaps: readonly number[]) => gaps.reduce<number[]>((out, gap) => [...out, (out.at(-1) ?? 0) + gap], []);

describe('projection checkpoints on a stream timeline', () => {
  it('finds the last version at or before the checkpoint, as a walk along the stream would', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 60 }), fc.nat(320), async (gaps, checkpoint) => {
        const positions = positionsOf(gaps);
        const brute = positions.filter((position) => position <= checkpoint).length;
        expect(await coveredVersion(positions.length, checkpoint, async (v) => positions[v - 1]!)).toBe(brute);
      }),
    );
  });

  it('marks each projection, puts the read barrier at the lowest, and shows customers only their own stream', async () => {
    const positions = [3, 7, 12, 20];
    const statuses = [
      { name: 'account-summary', status: 'live', checkpoint: 25, lag: { events: 0, seconds: 0 } },
      { name: 'bank-totals', status: 'live', checkpoint: 9, lag: { events: 16, seconds: 4.2 } },
    ];
    const input = { streamId: 'account-x', head: 4, statuses, positionOf: async (v: number) => positions[v - 1]!, now: new Date('2026-12-03T10:00:00Z') };
    const staff = await streamProjectionLag({ ...input, staff: true });
    expect(staff.projections).toEqual([
      { name: 'account-summary', status: 'live', version: 4, behind: 0, checkpoint: 25, lag: { events: 0, seconds: 0 } },
      { name: 'bank-totals', status: 'live', version: 2, behind: 2, checkpoint: 9, lag: { events: 16, seconds: 4.2 } },
    ]);
    expect(staff.readBarrier).toEqual({ version: 2, position: 9, waiting: true });
    expect(staff.headPosition).toBe(20);
    const customer = await streamProjectionLag({ ...input, staff: false });
    expect(customer.projections.map((mark) => [mark.version, mark.checkpoint, mark.lag])).toEqual([
      [4, null, null],
      [2, null, null],
    ]);
    expect(customer.readBarrier).toEqual({ version: 2, position: null, waiting: true });
    expect(customer.headPosition).toBeNull();
  });
});
