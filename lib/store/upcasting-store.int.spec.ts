import { describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from '../core/envelope';
import { chainHash, GENESIS_HASH } from '../core/hash-chain';
import { upcastingStore } from '../core/upcasting-store';
import { accountUpcasters } from '../domain/account/upcasters';
import { testBackends } from './testing/backends';

const backends = await testBackends();

const AT = '2026-05-03T09:00:00.000Z';
const legacy: NewEvent[] = [
  { type: 'AccountOpened', schemaVersion: 1, data: { accountId: 'legacy-1', name: 'Margaret Keller', openedAt: AT } },
  { type: 'MoneyDeposited', schemaVersion: 1, data: { accountId: 'legacy-1', amount: 0.30000000000000004, depositedAt: AT } },
  { type: 'MoneyWithdrawn', schemaVersion: 1, data: { accountId: 'legacy-1', amount: 234.12, description: 'Card', withdrawnAt: AT } },
];
const today: NewEvent = {
  type: 'MoneyDeposited',
  data: { accountId: 'legacy-1', amount: 5_00, currency: 'EUR', description: 'Deposit', depositedAt: AT },
};

const verifiesChain = (events: RecordedEvent[]): boolean => {
  let previous = GENESIS_HASH;
  for (const event of events) {
    if (chainHash(previous, event) !== event.hash) return false;
    previous = event.hash;
  }
  return true;
};

describe.each(backends)('upcasting over the $name store', ({ create }) => {
  it('upcasts on read and never touches what is stored: raw reads equal what was written, the hash chain verifies', async () => {
    const backend = await create();
    try {
      const raw = backend.open();
      const store = upcastingStore(raw, accountUpcasters);
      const streamId = `account-legacy-${Date.now()}`;
      await raw.appendToStream(streamId, legacy, { expectedVersion: 'no_stream' });
      await store.appendToStream(streamId, [today], { expectedVersion: 3 });
      const storedBefore = await raw.readStream(streamId);

      const upcast = await store.readStream(streamId);
      await store.readAll({ fromPosition: 0, limit: 10_000 });
      expect(upcast.map((event) => [event.type, event.schemaVersion, event.data])).toEqual([
        ['AccountOpened', 3, { accountId: 'legacy-1', holder: { name: 'Margaret Keller', kind: 'person' }, customerId: 'margaret-keller', currency: 'EUR', overdraftLimit: 0, openedAt: AT }],
        ['MoneyDeposited', 2, { accountId: 'legacy-1', amount: 30, currency: 'EUR', description: 'Deposit', depositedAt: AT }],
        ['MoneyWithdrawn', 2, { accountId: 'legacy-1', amount: 234_12, currency: 'EUR', description: 'Card', withdrawnAt: AT }],
        ['MoneyDeposited', 2, today.data],
      ]);

      // A second connection, as another process: the rows are exactly as written, at the versions written.
      const storedAfter = await backend.open().readStream(streamId);
      expect(storedAfter).toEqual(storedBefore);
      expect(storedAfter.map((event) => [event.schemaVersion, event.data])).toEqual([...legacy.map((event) => [1, event.data]), [2, today.data]]);
      expect(verifiesChain(storedAfter)).toBe(true);
      // The hash covers the stored form: the upcast form keeps the stored hash and does not verify against it.
      expect(upcast.map((event) => event.hash)).toEqual(storedAfter.map((event) => event.hash));
      expect(verifiesChain(upcast)).toBe(false);
    } finally {
      await backend.cleanup();
    }
  });
});
