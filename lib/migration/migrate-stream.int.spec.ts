import { describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { chainHash, GENESIS_HASH } from '../core/hash-chain';
import { migratedFrom } from '../core/migrated-from';
import { upcastingStore } from '../core/upcasting-store';
import { accountUpcasters } from '../domain/account/upcasters';
import { ProjectionManager } from '../projections/projection-manager';
import { PROJECTIONS } from '../views/registry';
import { projectedSummaries, replayedSummaries } from '../projections/testing/expected-summaries';
import { readSideBackends } from '../read/testing/read-side-backends';
import { dispatchAccountCommand } from '../commands/account-commands';
import { lastStreamVersion, migrateStream, STREAM_MIGRATED, StreamMigrationRefused } from './migrate-stream';

const backends = await readSideBackends();

const AT = '2026-05-03T09:00:00.000Z';
const SOURCE = 'account-legacy-000417';
const legacyHistory = (accountId = 'legacy-000417'): NewEvent[] => [
  { type: 'AccountOpened', schemaVersion: 1, data: { accountId, name: 'Margaret Keller', openedAt: AT } },
  { type: 'MoneyDeposited', schemaVersion: 1, data: { accountId, amount: 1250, description: 'Opening balance', depositedAt: AT } },
  { type: 'MoneyWithdrawn', schemaVersion: 1, data: { accountId, amount: 1100, withdrawnAt: AT } },
  { type: 'MoneyWithdrawn', schemaVersion: 1, data: { accountId, amount: 234.12, withdrawnAt: AT } },
  { type: 'MoneyDeposited', schemaVersion: 1, data: { accountId, amount: 400, depositedAt: AT } },
];
const importMetadata = { actor: 'import:legacy-core', importedFrom: 'core-banking-v1' };

const verifiesChain = (events: RecordedEvent[]): boolean =>
  events.every((event, index) => chainHash(index === 0 ? GENESIS_HASH : events[index - 1]!.hash, event) === event.hash);

/** A store that fails its n-th append, as a process killed mid-migration would leave things. */
const failingOnAppend = (store: EventStore, n: number): EventStore => {
  let appends = 0;
  return {
    ...store,
    readStream: (...args) => store.readStream(...args),
    appendToStream: (...args) => (++appends === n ? Promise.reject(new Error('killed')) : store.appendToStream(...args)),
  };
};

describe.each(backends)('stream migration on $name', ({ create }) => {
  it('dry run: reports what would change, writes nothing', async () => {
    const { store: raw, cleanup } = await create();
    try {
      const store = upcastingStore(raw, accountUpcasters);
      await raw.appendToStream(SOURCE, legacyHistory().map((event) => ({ ...event, metadata: importMetadata })));
      await store.appendToStream(SOURCE, [
        { type: 'MoneyDeposited', data: { accountId: 'legacy-000417', amount: 10_00, currency: 'EUR', description: 'Deposit', depositedAt: AT } },
      ]);
      const head = await raw.headPosition();
      const progress: Array<[number, number]> = [];

      const report = await migrateStream(store, { source: SOURCE, onProgress: (done, total) => progress.push([done, total]) });

      expect(report).toMatchObject({ source: SOURCE, target: 'account_migrated-legacy-000417', applied: false, alreadyCopied: 0, fromVersion: 1, toVersion: 6, copied: 6 });
      expect(report.changes).toEqual([
        { type: 'AccountOpened', from: 1, to: 3, events: 1 },
        { type: 'MoneyDeposited', from: 1, to: 2, events: 2 },
        { type: 'MoneyDeposited', from: 2, to: 2, events: 1 },
        { type: 'MoneyWithdrawn', from: 1, to: 2, events: 2 },
      ]);
      expect(report.samples.map((sample) => [sample.type, sample.sourceVersion])).toEqual([
        ['AccountOpened', 1],
        ['MoneyDeposited', 2],
        ['MoneyWithdrawn', 3],
      ]);
      expect(report.samples[0]!.changes).toEqual([
        { path: 'name', kind: 'removed', before: 'Margaret Keller' },
        { path: 'holder', kind: 'added', after: { name: 'Margaret Keller', kind: 'person' } },
        { path: 'currency', kind: 'added', after: 'EUR' },
        { path: 'overdraftLimit', kind: 'added', after: 0 },
        { path: 'customerId', kind: 'added', after: 'margaret-keller' },
      ]);
      expect(report.samples[1]!.changes).toContainEqual({ path: 'amount', kind: 'changed', before: 1250, after: 125_000 });
      expect(progress.at(-1)).toEqual([6, 6]);
      expect(await raw.headPosition()).toBe(head);
      expect(await raw.streamExists(report.target)).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it('apply: copies every event at its current version, linked to its original; the source stays as it was', async () => {
    const { store: raw, cleanup } = await create();
    try {
      const store = upcastingStore(raw, accountUpcasters);
      await raw.appendToStream(SOURCE, legacyHistory().map((event) => ({ ...event, metadata: importMetadata })));
      const sourceBefore = await raw.readStream(SOURCE);

      const report = await migrateStream(store, { source: SOURCE, apply: true, actor: 'operator:test' });

      expect(report).toMatchObject({ applied: true, copied: 5, target: 'account_migrated-legacy-000417' });
      expect(await raw.readStream(SOURCE)).toEqual(sourceBefore);
      const copies = await raw.readStream(report.target);
      expect(copies.map((event) => event.schemaVersion)).toEqual([3, 2, 2, 2, 2]);
      expect(copies.map((event) => event.data)).toEqual((await store.readStream(SOURCE)).map((event) => event.data));
      copies.forEach((copy, index) => {
        const original = sourceBefore[index]!;
        expect(migratedFrom(copy)).toEqual({
          streamId: SOURCE,
          version: original.streamVersion,
          eventId: original.eventId,
          schemaVersion: 1,
          globalPosition: original.globalPosition,
          recordedAt: original.recordedAt.toISOString(),
        });
        expect(copy.metadata).toMatchObject(importMetadata);
        expect(copy.eventId).not.toBe(original.eventId);
      });
      expect(verifiesChain(copies)).toBe(true);
      expect(await store.readStream(report.target)).toEqual(copies);

      const [log] = await raw.readStream(report.logStreamId);
      expect(log).toMatchObject({
        type: STREAM_MIGRATED,
        data: { source: SOURCE, target: report.target, fromVersion: 1, toVersion: 5, changes: report.changes },
        metadata: { actor: 'operator:test' },
      });

      // Run again: nothing new to copy, nothing written. After the source grows, only the new event is copied.
      expect(await migrateStream(store, { source: SOURCE, apply: true })).toMatchObject({ alreadyCopied: 5, copied: 0 });
      expect(await raw.readStream(report.logStreamId)).toHaveLength(1);
      await store.appendToStream(SOURCE, [
        { type: 'MoneyDeposited', data: { accountId: 'legacy-000417', amount: 1, currency: 'EUR', description: 'Deposit', depositedAt: AT } },
      ]);
      expect(await migrateStream(store, { source: SOURCE, apply: true })).toMatchObject({ alreadyCopied: 5, fromVersion: 6, toVersion: 6, copied: 1 });
      expect(migratedFrom((await raw.readStream(report.target)).at(-1)!)).toMatchObject({ version: 6, schemaVersion: 2 });
    } finally {
      await cleanup();
    }
  });

  it('refuses a target that holds anything but this source’s copy, an unknown source, and itself as target', async () => {
    const { store: raw, cleanup } = await create();
    try {
      const store = upcastingStore(raw, accountUpcasters);
      await raw.appendToStream(SOURCE, legacyHistory());
      await raw.appendToStream('account-other', legacyHistory('other'));
      await raw.appendToStream('account_migrated-other', [{ type: 'Noted', data: {} }]);
      const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

      expect(await refusal(migrateStream(store, { source: SOURCE, target: 'account-other', apply: true }))).toMatchObject({ code: 'target_exists' });
      expect(await refusal(migrateStream(store, { source: 'account-other' }))).toMatchObject({ code: 'target_exists' });
      await migrateStream(store, { source: SOURCE, target: 'copy-x', apply: true });
      expect(await refusal(migrateStream(store, { source: 'account-other', target: 'copy-x', apply: true }))).toMatchObject({ code: 'target_exists' });
      expect(await refusal(migrateStream(store, { source: 'account-none' }))).toBeInstanceOf(StreamMigrationRefused);
      expect(await refusal(migrateStream(store, { source: SOURCE, target: SOURCE }))).toMatchObject({ code: 'same_stream' });
      expect(await raw.readStream('account-other')).toHaveLength(5);
    } finally {
      await cleanup();
    }
  });

  it('copies a large stream in batches with progress, and finishes an interrupted run where it stopped', async () => {
    const { store: raw, cleanup } = await create();
    try {
      const store = upcastingStore(raw, accountUpcasters);
      const source = 'account-big';
      const deposits = Array.from({ length: 1233 }, (_, i): NewEvent => ({
        type: 'MoneyDeposited',
        schemaVersion: i % 2 === 0 ? 1 : 2,
        data: i % 2 === 0 ? { accountId: 'big', amount: (i + 1) / 100, depositedAt: AT } : { accountId: 'big', amount: i + 1, currency: 'EUR', description: 'Deposit', depositedAt: AT },
      }));
      await raw.appendToStream(source, [legacyHistory('big')[0]!, ...deposits]);
      expect(await lastStreamVersion(raw, source)).toBe(1234);
      expect(await lastStreamVersion(raw, 'account-none')).toBe(0);

      const interrupted = migrateStream({ stored: failingOnAppend(raw, 3), upcasters: accountUpcasters }, { source, apply: true, batchSize: 200 });
      await expect(interrupted).rejects.toThrow('killed');
      expect(await lastStreamVersion(raw, 'account_migrated-big')).toBe(400);

      const progress: number[] = [];
      const report = await migrateStream(store, { source, apply: true, batchSize: 200, onProgress: (done, total) => progress.push(done / total) });
      expect(report).toMatchObject({ alreadyCopied: 400, fromVersion: 401, toVersion: 1234, copied: 834 });
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress.length).toBeGreaterThan(4);
      expect(progress.at(-1)).toBe(1);

      const copies = await raw.readStream('account_migrated-big');
      expect(copies.map((event) => migratedFrom(event)!.version)).toEqual(Array.from({ length: 1234 }, (_, i) => i + 1));
      expect(copies.every((event) => event.schemaVersion === (event.type === 'AccountOpened' ? 3 : 2))).toBe(true);
      expect(copies.map((event) => event.data)).toEqual((await store.readStream(source)).map((event) => event.data));
      expect(verifiesChain(copies)).toBe(true);
    } finally {
      await cleanup();
    }
  });

  it('leaves the read models as they were: projections skip the copies', async () => {
    const { store: raw, db, cleanup } = await create();
    try {
      const store = upcastingStore(raw, accountUpcasters);
      await raw.appendToStream(SOURCE, legacyHistory());
      const { accountId } = await dispatchAccountCommand(store, 'open', 'current-1', { owner: 'Ada', currency: 'EUR' }, { actor: 'test' });
      await dispatchAccountCommand(store, 'deposit', accountId, { amount: 12_34 }, { actor: 'test' });
      const manager = new ProjectionManager(store, db, PROJECTIONS);
      await manager.catchUp();
      const before = await projectedSummaries(db);
      const totalsBefore = await db.bankCurrencyTotal.findMany({ orderBy: { currency: 'asc' } });
      expect(before).toEqual({
        'legacy-000417': { balance: 315_88, version: 5, status: 'open' },
        'current-1': { balance: 12_34, version: 2, status: 'open' },
      });

      await migrateStream(store, { source: SOURCE, apply: true });
      await migrateStream(store, { source: 'account-current-1', target: 'account-current-1-migrated', apply: true });
      await manager.catchUp();

      expect(await projectedSummaries(db)).toEqual(before);
      expect(await replayedSummaries(store)).toEqual(before);
      expect(await db.bankCurrencyTotal.findMany({ orderBy: { currency: 'asc' } })).toEqual(totalsBefore);
      expect((await manager.status()).every((status) => status.status === 'live' && status.lag.events === 0)).toBe(true);
    } finally {
      await cleanup();
    }
  });
});
