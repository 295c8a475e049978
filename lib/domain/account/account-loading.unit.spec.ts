import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountDecider } from './decider';
import type { AccountEvent } from './events';
import type { AccountState } from './state';
import { AggregateLoader } from '../../core/aggregate-loader';
import { fold } from '../../core/decider';
import { InMemoryEventStore } from '../../core/in-memory-event-store';
import { InMemorySnapshotStore } from '../../core/snapshots';

const at = '2026-01-01T00:00:00.000Z';
const opened: AccountEvent = { type: 'AccountOpened', data: { accountId: 'a', holder: { name: 'Ada', kind: 'person' }, customerId: 'ada', currency: 'EUR', overdraftLimit: 500, openedAt: at } };
const movement = fc.oneof(
  fc.integer({ min: 1, max: 1_000_000 }).map((amount): AccountEvent => ({ type: 'MoneyDeposited', data: { accountId: 'a', amount, currency: 'EUR', description: 'd', depositedAt: at } })),
  fc.integer({ min: 1, max: 1_000_000 }).map((amount): AccountEvent => ({ type: 'MoneyWithdrawn', data: { accountId: 'a', amount, currency: 'EUR', description: 'w', withdrawnAt: at } })),
  fc.integer({ min: 1, max: 10_000 }).map(
    (amount): AccountEvent => ({ type: 'InterestApplied', data: { accountId: 'a', amount, currency: 'EUR', rateBasisPoints: 100, periodStart: at, periodEnd: at, appliedAt: at } }),
  ),
  fc.constant<AccountEvent>({ type: 'AccountClosed', data: { accountId: 'a', reason: 'r', closedAt: at } }),
);

const seeded = async (history: AccountEvent[]) => {
  const store = new InMemoryEventStore();
  for (const event of history) await store.appendToStream('account-a', [event]);
  return store;
};

describe('AggregateLoader', () => {
  it('snapshot + tail equals a full replay at every version (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(movement, { maxLength: 60 }), fc.integer({ min: 1, max: 10 }), async (moves, every) => {
        const history = [opened, ...moves];
        const store = await seeded(history);
        const snapshots = new InMemorySnapshotStore();
        const policy = { every, stateSchemaVersion: 1 };
        for (let version = every; version <= history.length; version += every) {
          await snapshots.save({ streamId: 'account-a', version, stateSchemaVersion: 1, state: fold(accountDecider, history.slice(0, version)), createdAt: new Date() });
        }
        const withSnapshots = new AggregateLoader<AccountState, AccountEvent>(store, accountDecider, { snapshots: { store: snapshots, policy } });
        const plain = new AggregateLoader<AccountState, AccountEvent>(store, accountDecider);
        for (let version = 0; version <= history.length; version++) {
          const expected = fold(accountDecider, history.slice(0, version));
          expect((await withSnapshots.stateAt('account-a', version)).state).toEqual(expected);
          expect((await plain.stateAt('account-a', version)).state).toEqual(expected);
        }
        expect((await withSnapshots.load('account-a')).state).toEqual(fold(accountDecider, history));
      }),
      { numRuns: 60 },
    );
  });

  it('ignores a snapshot of another state schema version and gives the same answer without any', async () => {
    const history = [opened, ...Array.from({ length: 30 }, (_, i): AccountEvent => ({ type: 'MoneyDeposited', data: { accountId: 'a', amount: i + 1, currency: 'EUR', description: 'd', depositedAt: at } }))];
    const store = await seeded(history);
    const snapshots = new InMemorySnapshotStore();
    await snapshots.save({ streamId: 'account-a', version: 20, stateSchemaVersion: 1, state: { status: 'open', balance: 999_999 }, createdAt: new Date() });
    const loader = new AggregateLoader<AccountState, AccountEvent>(store, accountDecider, { snapshots: { store: snapshots, policy: { every: 10, stateSchemaVersion: 2 } } });
    const expected = fold(accountDecider, history);
    expect((await loader.load('account-a')).state).toEqual(expected);
    expect(loader.stats.snapshotLoads).toBe(0);
    // The long fold wrote a replacement in the current schema version.
    await new Promise((resolve) => setImmediate(resolve));
    expect((await snapshots.latest('account-a', 2))?.version).toBe(31);
    await snapshots.delete();
    expect((await new AggregateLoader<AccountState, AccountEvent>(store, accountDecider, { snapshots: { store: snapshots, policy: { every: 10, stateSchemaVersion: 2 } } }).load('account-a')).state).toEqual(expected);
  });

  it('serves hot aggregates from a bounded cache and still folds events appended behind its back', async () => {
    const store = await seeded([opened]);
    const loader = new AggregateLoader<AccountState, AccountEvent>(store, accountDecider, { cache: { maxEntries: 2, maxBytes: 1_000_000 } });
    await loader.load('account-a');
    await store.appendToStream('account-a', [{ type: 'MoneyDeposited', data: { accountId: 'a', amount: 7, currency: 'EUR', description: 'd', depositedAt: at } }]);
    const loaded = await loader.load('account-a');
    expect(loaded).toMatchObject({ version: 2, state: { balance: 7 } });
    expect(loader.stats).toMatchObject({ hits: 1, misses: 1, eventsFolded: 2 });
    for (const id of ['b', 'c']) {
      await store.appendToStream(`account-${id}`, [{ ...opened, data: { ...opened.data, accountId: id } } as AccountEvent]);
      await loader.load(`account-${id}`);
    }
    await loader.load('account-a');
    expect(loader.stats.misses).toBe(4);
  });
});
