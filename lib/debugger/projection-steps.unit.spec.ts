import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../core/envelope';
import type { AccountEvent } from '../domain/account/events';
import { foldBatch } from '../projections/engine/fold-batch';
import { projectionNamed } from '../views/registry';
import { readPath, valueFromChanges } from './blame';
import { sameJson } from './changed-paths';
import { blameProjectionDocument, documentJson, projectionSteps, type EventChunks, type SteppedProjection } from './projection-steps';
import { recorded } from './testing/random-histories';

const summary = projectionNamed('account-summary')!;
const ledger = projectionNamed('account-transactions')!;
const totals = projectionNamed('bank-totals')!;

const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000 * 7).toISOString();

/** An account's history the projections accept: opened first, then money moves, perhaps closed at the end. */
const validHistory = (accountId: string, currency: 'EUR' | 'USD'): fc.Arbitrary<AccountEvent[]> =>
  fc
    .tuple(
      fc.array(
        fc.tuple(fc.constantFrom('in', 'out', 'interest'), fc.integer({ min: 1, max: 9_000 }), fc.integer({ min: 1, max: 40 })).map(([kind, amount, n]): AccountEvent => {
          if (kind === 'in') return { type: 'MoneyDeposited', data: { accountId, amount, currency, description: 'in', depositedAt: at(n) } };
          if (kind === 'out') return { type: 'MoneyWithdrawn', data: { accountId, amount, currency, description: 'out', withdrawnAt: at(n) } };
          return { type: 'InterestApplied', data: { accountId, amount, currency, rateBasisPoints: 100, periodStart: at(n - 1), periodEnd: at(n), appliedAt: at(n) } };
        }),
        { maxLength: 30 },
      ),
      fc.boolean(),
    )
    .map(([moves, close]): AccountEvent[] => [
      { type: 'AccountOpened', data: { accountId, holder: { name: `H ${accountId}`, kind: 'person' }, customerId: null, currency, overdraftLimit: 100, openedAt: at(0) } },
      ...moves,
      ...(close ? [{ type: 'AccountClosed', data: { accountId, reason: 'asked', closedAt: at(41) } } as AccountEvent] : []),
    ]);

/** Several valid accounts interleaved into one log, positions in log order. */
const validLog = fc
  .array(fc.constantFrom('EUR' as const, 'USD' as const), { minLength: 1, maxLength: 4 })
  .chain((currencies) => fc.tuple(...currencies.map((currency, s) => validHistory(`a${s}`, currency))))
  .chain((histories) => {
    const total = histories.reduce((sum, events) => sum + events.length, 0);
    return fc.array(fc.nat(histories.length - 1), { minLength: total, maxLength: total }).map((choices) => {
      const streams = histories.map((events, s) => recorded(`account-a${s}`, events));
      const cursors = streams.map(() => 0);
      const log: RecordedEvent[] = [];
      const take = (s: number) => log.push({ ...streams[s]![cursors[s]!++]!, globalPosition: log.length + 1 });
      for (const s of choices) if (cursors[s]! < streams[s]!.length) take(s);
      streams.forEach((events, s) => {
        while (cursors[s]! < events.length) take(s);
      });
      return log;
    });
  });

async function* chunked(events: readonly RecordedEvent[], size: number): EventChunks {
  for (let i = 0; ; i += size) {
    const chunk = events.slice(i, i + size);
    yield chunk;
    if (chunk.length < size) return;
  }
}

const documentsOf = (projection: SteppedProjection, log: readonly RecordedEvent[]) => [
  ...new Set(log.filter((event) => projection.eventTypes.includes(event.type)).flatMap((event) => projection.documentIds(event))),
];

const PROJECTIONS = [summary, ledger, totals];

describe('projection stepper', () => {
  it("chains each step's after to the next step's before, and ends where the projection engine's own fold ends", async () => {
    await fc.assert(
      fc.asyncProperty(validLog, fc.constantFrom(...PROJECTIONS), fc.integer({ min: 1, max: 7 }), async (log, projection, size) => {
        const engine = foldBatch(projection, new Map(), log);
        expect(engine.failure).toBeNull();
        for (const id of documentsOf(projection, log)) {
          const page = await projectionSteps(projection, id, chunked(log, size), { from: 0, limit: 10_000 });
          expect(page).toMatchObject({ complete: true, failure: null, next: null, scanned: log.length });
          expect(page.steps.length).toBe(page.total);
          expect(page.steps[0]!.before).toBeNull();
          for (let k = 0; k + 1 < page.steps.length; k++) expect(page.steps[k]!.after).toEqual(page.steps[k + 1]!.before);
          expect(page.steps.at(-1)!.after).toEqual(page.document);
          expect(page.document).toEqual(documentJson(engine.changes.get(id)!.at(-1)));
          for (const step of page.steps) {
            expect(step.applyMicros).toBeGreaterThanOrEqual(0);
            expect(projection.documentIds(log[step.globalPosition - 1]!)).toContain(id);
          }
        }
      }),
      { numRuns: 120 },
    );
  });

  it('pages are slices of the whole, and `next` leads from one to the next', async () => {
    await fc.assert(
      fc.asyncProperty(validLog, fc.constantFrom(...PROJECTIONS), fc.integer({ min: 1, max: 9 }), async (log, projection, limit) => {
        const id = documentsOf(projection, log)[0]!;
        const whole = await projectionSteps(projection, id, chunked(log, 5), { from: 0, limit: 10_000 });
        const pages = [];
        for (let from: number | null = 0; from !== null; ) {
          const page: Awaited<ReturnType<typeof projectionSteps>> = await projectionSteps(projection, id, chunked(log, 5), { from, limit });
          expect(page.steps.length).toBeLessThanOrEqual(limit);
          pages.push(...page.steps);
          from = page.next;
        }
        expect(pages).toEqual(whole.steps.map((step) => ({ ...step, applyMicros: expect.any(Number) })));
      }),
      { numRuns: 60 },
    );
  });

  it('reads no more than its bound and says the answer is incomplete', async () => {
    const log = recorded('account-a0', [
      { type: 'AccountOpened', data: { accountId: 'a0', holder: { name: 'A', kind: 'person' }, customerId: null, currency: 'EUR', overdraftLimit: 0, openedAt: at(0) } },
      ...Array.from({ length: 40 }, (_, n): AccountEvent => ({ type: 'MoneyDeposited', data: { accountId: 'a0', amount: n + 1, currency: 'EUR', description: 'in', depositedAt: at(1) } })),
    ]);
    const page = await projectionSteps(summary, 'a0', chunked(log, 10), { from: 0, limit: 100, maxScanned: 20 });
    expect(page).toMatchObject({ complete: false, scanned: 20, total: 20 });
    expect(page.document).toMatchObject({ balance: (19 * 20) / 2, version: 20 });
    expect((await projectionSteps(summary, 'a0', chunked(log, 10), { from: 0, limit: 100, maxScanned: 41 })).complete).toBe(true);
  });

  it('stops where the projection itself would fail, naming the event', async () => {
    const log = recorded('account-a0', [{ type: 'MoneyDeposited', data: { accountId: 'a0', amount: 5, currency: 'EUR', description: 'in', depositedAt: at(1) } }]);
    const page = await projectionSteps(summary, 'a0', chunked(log, 10), { from: 0, limit: 10 });
    expect(page.steps).toEqual([]);
    expect(page.failure).toMatchObject({ index: 0, globalPosition: 1, streamId: 'account-a0', message: expect.stringContaining('never opened') });
  });

  it('keeps money as JSON numbers', () => {
    expect(documentJson({ balance: -8412n, nested: { big: 2n ** 60n }, list: [1n] })).toEqual({ balance: -8412, nested: { big: '1152921504606846976' }, list: [1] });
  });
});

describe('blame on projection documents', () => {
  it("an account summary's recorded changes reproduce the field at every version", async () => {
    await fc.assert(
      fc.asyncProperty(validLog, fc.constantFrom('balance', 'status', 'closedAt', 'version', 'owner'), async (log, path) => {
        const page = await projectionSteps(summary, 'a0', chunked(log, 4), { from: 0, limit: 10_000 });
        const blame = await blameProjectionDocument(summary, 'a0', chunked(log, 4), path);
        expect(blame.complete).toBe(true);
        for (const step of page.steps) {
          expect(sameJson(valueFromChanges(blame.initial, blame.changes, step.streamVersion), readPath(step.after, [path]))).toBe(true);
        }
        for (const change of blame.changes) expect(change.streamId).toBe('account-a0');
      }),
      { numRuns: 80 },
    );
  });

  it("a bank total's changes chain before to after, each at its step, ending at the value", async () => {
    await fc.assert(
      fc.asyncProperty(validLog, async (log) => {
        for (const id of documentsOf(totals, log)) {
          for (const path of ['balance', 'accounts', 'deposits', 'movements']) {
            const blame = await blameProjectionDocument(totals, id, chunked(log, 3), path);
            const page = await projectionSteps(totals, id, chunked(log, 3), { from: 0, limit: 10_000 });
            blame.changes.forEach((change, i) => {
              expect(change.before).toEqual(i === 0 ? blame.initial : blame.changes[i - 1]!.after);
              expect(readPath(page.steps[change.step]!.after, [path])).toEqual(change.after);
            });
            expect(blame.value).toEqual(readPath(page.document, [path]));
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
