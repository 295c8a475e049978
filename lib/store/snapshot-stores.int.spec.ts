import { describe, expect, it } from 'vitest';
import type { SnapshotStore } from '../core/snapshots';
import { type PostgresEventStore } from './postgres/postgres-event-store';
import { PostgresSnapshotStore } from './postgres/postgres-snapshot-store';
import { SqliteSnapshotStore } from './sqlite/sqlite-snapshot-store';
import { testBackends } from './testing/backends';

const backends = await testBackends();

const snapshotStoreOn = (name: string, url: string, open: () => unknown): SnapshotStore =>
  name === 'SQLite' ? new SqliteSnapshotStore(url.slice('file:'.length)) : new PostgresSnapshotStore((open() as PostgresEventStore).pool);

describe.each(backends)('snapshot store on $name', ({ name, create }) => {
  it('keeps the newest usable snapshot per state schema version, lists and deletes them', async () => {
    const backend = await create();
    const snapshots = snapshotStoreOn(name, backend.url, backend.open);
    try {
      const save = (version: number, stateSchemaVersion: number, balance: number) =>
        snapshots.save({ streamId: 'account-x', version, stateSchemaVersion, state: { balance, nested: { ok: true } }, createdAt: new Date() });
      await save(100, 1, 1);
      await save(200, 1, 2);
      await save(300, 2, 3);
      expect(await snapshots.latest('account-x', 1)).toMatchObject({ version: 200, state: { balance: 2, nested: { ok: true } } });
      expect(await snapshots.latest('account-x', 1, 199)).toMatchObject({ version: 100 });
      expect(await snapshots.latest('account-x', 2)).toMatchObject({ version: 300 });
      expect(await snapshots.latest('account-x', 3)).toBeNull();
      await save(200, 2, 4);
      expect(await snapshots.latest('account-x', 2, 250)).toMatchObject({ version: 200, state: { balance: 4 } });
      expect((await snapshots.list('account-x')).map((s) => s.version)).toEqual([100, 200, 300]);
      expect(await snapshots.delete('account-x')).toBe(3);
      expect(await snapshots.latest('account-x', 2)).toBeNull();
    } finally {
      await snapshots.close();
      await backend.cleanup();
    }
  });
});
