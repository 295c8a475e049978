import { AggregateRegistry } from '../../../core/aggregate-registry';
import { InMemoryEventStore } from '../../../core/in-memory-event-store';
import { upcastingStore, type UpcastingEventStore } from '../../../core/upcasting-store';
import { accountAggregate } from '../../../domain/account/aggregate';
import { generateSigningKey } from '../../checkpoints/signing-key';
import type { SigningKeys } from '../../checkpoints/signing-key-config';

/** A bank in memory: accounts opened the legacy way (v1, upcast on read) and then moving money. */
export const packFixture = async (accounts: number, depositsEach: number, clock: () => Date = () => new Date()) => {
  const raw = new InMemoryEventStore(clock);
  const store: UpcastingEventStore = upcastingStore(raw, new AggregateRegistry([accountAggregate]).upcasters);
  const meta = { actor: 'teller:ann', correlationId: 'c', causationId: null, commandId: null };
  for (let index = 0; index < accounts; index += 1) {
    await store.appendToStream(`account-a${index}`, [
      { type: 'AccountOpened', schemaVersion: 1, data: { accountId: `a${index}`, name: `Holder ${index}`, openedAt: '2026-01-01T09:00:00.000Z' }, metadata: meta },
    ]);
  }
  for (let round = 0; round < depositsEach; round += 1) {
    for (let index = 0; index < accounts; index += 1) {
      await store.appendToStream(`account-a${index}`, [
        { type: 'MoneyDeposited', data: { accountId: `a${index}`, amount: 100 + round, currency: 'EUR', description: `Deposit ${round} “ünïcode”`, depositedAt: '2026-01-02T09:00:00.000Z' }, metadata: meta },
      ]);
    }
  }
  const keys: SigningKeys = { available: true, current: generateSigningKey().key, previous: null, source: 'configured' };
  /** Beneath the application: the in-memory store's rows. */
  const rows = (raw as unknown as { all: Array<{ data: unknown; hash: string }> }).all;
  return { store, keys, rows };
};
