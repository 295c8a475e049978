import fc from 'fast-check';
import type { RecordedEvent } from '../../core/envelope';
import type { AccountEvent } from '../../domain/account/events';

/*
 * Random account histories for property tests: any order of openings, deposits, withdrawals
 * (overdrawing or not), interest and closings, so the fold meets every path the evolve has,
 * including the facts a decider would have refused (history is what it is).
 */

const time = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();

const accountEvent = (accountId: string, n: number): fc.Arbitrary<AccountEvent> =>
  fc.oneof(
    fc.record({ limit: fc.integer({ min: 0, max: 5_000 }), kind: fc.constantFrom('person' as const, 'organisation' as const), name: fc.constantFrom('Ada', 'Bob', 'Cy') }).map(
      ({ limit, kind, name }): AccountEvent => ({
        type: 'AccountOpened',
        data: { accountId, holder: { name, kind }, customerId: null, currency: 'EUR', overdraftLimit: limit, openedAt: time(n) },
      }),
    ),
    fc.integer({ min: 1, max: 9_000 }).map((amount): AccountEvent => ({ type: 'MoneyDeposited', data: { accountId, amount, currency: 'EUR', description: 'in', depositedAt: time(n) } })),
    fc.integer({ min: 1, max: 9_000 }).map((amount): AccountEvent => ({ type: 'MoneyWithdrawn', data: { accountId, amount, currency: 'EUR', description: 'out', withdrawnAt: time(n) } })),
    fc.integer({ min: -50, max: 50 }).map(
      (amount): AccountEvent => ({
        type: 'InterestApplied',
        data: { accountId, amount, currency: 'EUR', rateBasisPoints: 100, periodStart: time(n - 1), periodEnd: time(n), appliedAt: time(n) },
      }),
    ),
    fc.constant<AccountEvent>({ type: 'AccountClosed', data: { accountId, reason: 'asked', closedAt: time(n) } }),
  );

/** One stream's events as the store would record them (versions from 1, positions as given). */
export const recorded = (streamId: string, events: readonly AccountEvent[], positions?: readonly number[]): RecordedEvent[] =>
  events.map((event, index) => ({
    eventId: `${streamId}-${index + 1}`,
    streamId,
    streamVersion: index + 1,
    globalPosition: positions?.[index] ?? index + 1,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: { actor: index % 2 ? 'ann' : 'bob', correlationId: `c-${index + 1}`, causationId: null, commandId: `cmd-${streamId}-${index + 1}`, command: { type: 'Test', input: {} } },
    recordedAt: new Date(time(index + 1)),
    hash: 'x',
  }));

/** An account's history: usually opened first, sometimes not (evolve must cope either way). */
export const accountHistory = (accountId: string, maxLength = 60): fc.Arbitrary<AccountEvent[]> =>
  fc.integer({ min: 0, max: maxLength }).chain((length) => fc.tuple(...Array.from({ length }, (_, n) => accountEvent(accountId, n + 1))));

/** Several streams' histories interleaved into one global log (the order the store recorded them in). */
export const interleavedLog = (maxStreams = 6, maxLength = 40): fc.Arbitrary<RecordedEvent[]> =>
  fc
    .integer({ min: 1, max: maxStreams })
    .chain((streams) => fc.tuple(...Array.from({ length: streams }, (_, s) => accountHistory(`a${s}`, maxLength))))
    .chain((histories) => {
      const total = histories.reduce((sum, events) => sum + events.length, 0);
      return fc.array(fc.integer({ min: 0, max: histories.length - 1 }), { minLength: total * 2, maxLength: total * 2 }).map((choices) => {
        const streams = histories.map((events, s) => recorded(`account-a${s}`, events));
        const cursors = streams.map(() => 0);
        const log: RecordedEvent[] = [];
        const take = (s: number) => {
          const event = streams[s]![cursors[s]!++]!;
          log.push({ ...event, globalPosition: log.length + 1 });
        };
        for (const s of choices) if (cursors[s]! < streams[s]!.length) take(s);
        streams.forEach((events, s) => {
          while (cursors[s]! < events.length) take(s);
        });
        return log;
      });
    });
