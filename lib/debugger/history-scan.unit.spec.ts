import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../core/envelope';
import { accountDecider } from '../domain/account/decider';
import { compileCondition } from './expression';
import { scanHistory, type ScanSource, type ScanStream } from './history-scan';
import { interleavedLog } from './testing/random-histories';

const accountFold = { initialState: accountDecider.initialState as () => unknown, evolve: (state: unknown, event: RecordedEvent) => accountDecider.evolve(state as never, event as never) as unknown };

const sourceOf = (log: RecordedEvent[], foldFor: ScanSource['foldFor'] = () => accountFold): ScanSource => ({
  readAll: async ({ fromPosition, limit }) => log.filter((event) => event.globalPosition > fromPosition).slice(0, limit),
  headPosition: async () => log.at(-1)?.globalPosition ?? 0,
  foldFor,
});

/** The brute-force reference: each stream on its own, every version's state folded from the first event and tested. */
const reference = (log: RecordedEvent[], expression: string, fromPosition: number) => {
  const condition = compileCondition(expression);
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of log) if (event.globalPosition > fromPosition) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  const hit: ScanStream[] = [];
  for (const [streamId, events] of byStream) {
    const states = events.map((_, index) => events.slice(0, index + 1).reduce((state, event) => accountFold.evolve(state, event), accountFold.initialState()));
    const truths = [condition.test(accountFold.initialState()), ...states.map((state) => condition.test(state))];
    const hitVersions = events.filter((_, index) => truths[index + 1] && !truths[index]);
    if (hitVersions.length === 0) continue;
    const asHit = (event: RecordedEvent) => ({ version: event.streamVersion, globalPosition: event.globalPosition, type: event.type, recordedAt: event.recordedAt.toISOString() });
    hit.push({ streamId, firstHit: asHit(hitVersions[0]!), lastHit: asHit(hitVersions.at(-1)!), hitCount: hitVersions.length, holdsAtEnd: truths.at(-1)! });
  }
  return hit.sort((a, b) => a.firstHit.globalPosition - b.firstHit.globalPosition);
};

const expressions = fc.oneof(
  fc.integer({ min: -6_000, max: 6_000 }).map((n) => `balance < ${n}`),
  fc.integer({ min: -6_000, max: 6_000 }).map((n) => `balance + overdraftLimit < ${n}`),
  fc.constant('status == "closed" && balance != 0'),
  fc.integer({ min: -3_000, max: 3_000 }).map((n) => `holder.kind == "person" || balance > ${n}`),
  fc.integer({ min: -3_000, max: 3_000 }).map((n) => `!(balance >= ${n})`),
  fc.constant('status == "none"'),
  fc.constant('-balance > overdraftLimit'),
);

describe('history-wide breakpoint scan', () => {
  it('equals a brute-force reference on random histories, whatever the chunking and start', async () => {
    await fc.assert(
      fc.asyncProperty(interleavedLog(), expressions, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 30 }), async (log, expression, chunk, from) => {
        const fromPosition = Math.min(from, log.length);
        const result = await scanHistory(sourceOf(log), compileCondition(expression), { chunk, fromPosition });
        const expected = reference(log, expression, fromPosition);
        expect(result.streams).toEqual(expected);
        expect(result.streamsHit).toBe(expected.length);
        expect(result.eventsScanned).toBe(log.length - fromPosition);
      }),
      { numRuns: 200 },
    );
  });

  it('scans one category only, skips streams no fold owns, and lists at most the streams asked for', async () => {
    const log = fc.sample(interleavedLog(6, 20), { numRuns: 1, seed: 7 })[0]!;
    const everything = await scanHistory(sourceOf(log), compileCondition('balance >= 0'));
    const onlyA0 = await scanHistory(sourceOf(log, (streamId) => (streamId === 'account-a0' ? accountFold : null)), compileCondition('balance >= 0'));
    expect(onlyA0.streams.every((stream) => stream.streamId === 'account-a0')).toBe(true);
    expect(onlyA0.streamsScanned).toBeLessThanOrEqual(1);
    expect((await scanHistory(sourceOf(log), compileCondition('balance >= 0'), { category: 'transfer' })).eventsScanned).toBe(0);
    const limited = await scanHistory(sourceOf(log), compileCondition('balance >= 0'), { maxStreams: 1 });
    expect(limited.streams).toHaveLength(Math.min(1, everything.streamsHit));
    expect(limited.truncated).toBe(everything.streamsHit > 1);
  });

  it('ignores events appended after it started', async () => {
    const log = fc.sample(interleavedLog(3, 10), { numRuns: 1, seed: 3 })[0]!;
    const source = sourceOf(log);
    const head = log.length;
    const result = await scanHistory({ ...source, headPosition: async () => Math.max(0, head - 2) }, compileCondition('balance >= 0'));
    expect(result.toPosition).toBe(Math.max(0, head - 2));
    expect(result.eventsScanned).toBe(Math.max(0, head - 2));
  });
});
