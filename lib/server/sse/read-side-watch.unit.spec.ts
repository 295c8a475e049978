import { describe, expect, it, vi } from 'vitest';
import type { ProjectionProgress } from './read-model-notices';
import { ReadSideWatch } from './read-side-watch';

const at = (position: number, failed = false): ProjectionProgress[] => [{ name: 'summary', position, failed }];
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('ReadSideWatch', () => {
  it('polls once for every listener and wakes them only when a checkpoint moves or a projection fails', async () => {
    let current = at(1);
    const progress = vi.fn(async () => current);
    const watch = new ReadSideWatch(progress, 5);
    const woken = Array.from({ length: 100 }, () => vi.fn());
    const stops = woken.map((listener) => watch.subscribe(listener));
    await settle();
    expect(watch.latest).toEqual(at(1));
    for (const listener of woken) expect(listener).toHaveBeenCalledTimes(1);
    const polls = progress.mock.calls.length;
    expect(polls).toBeLessThan(10); // one poll per interval, not one per listener

    current = at(2);
    await settle();
    current = at(2, true);
    await settle();
    for (const listener of woken) expect(listener).toHaveBeenCalledTimes(3);
    expect(watch.latest).toEqual(at(2, true));

    stops.forEach((stop) => stop());
    const stoppedAt = progress.mock.calls.length;
    await settle();
    expect(progress.mock.calls.length).toBeLessThanOrEqual(stoppedAt + 1); // at most the poll already in flight
  });
});
