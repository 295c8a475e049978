import { describe, expect, it } from 'vitest';
import { fold } from '../core/decider';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { upcastingStore } from '../core/upcasting-store';
import { accountDecider, accountStreamId } from '../domain/account/decider';
import type { AccountEvent } from '../domain/account/events';
import { accountUpcasters } from '../domain/account/upcasters';
import { seedBank } from './seed-bank';
import { LEGACY_ACCOUNT_ID, LEGACY_SAVINGS_ACCOUNT_ID, MERCHANT_ACCOUNT_ID } from './seed-plan';

const seeded = async (customers = 3) => {
  let now = new Date(0);
  const stored = new InMemoryEventStore(() => now);
  const store = upcastingStore(stored, accountUpcasters);
  const summary = await seedBank(store, {
    seed: 7,
    customers,
    start: new Date('2026-05-01T00:00:00Z'),
    end: new Date('2026-06-10T00:00:00Z'),
    merchantSalesPerDay: 2,
    setTime: (at) => (now = at),
  });
  return { stored, store, summary };
};

const balances = (events: AccountEvent[]) =>
  events.map((_, index) => fold(accountDecider, events.slice(0, index + 1))).map((state) => (state.status === 'none' ? null : state.balance));

describe('seedBank', () => {
  it('stores the legacy import as CORE1 exported it: schema version 1, decimal amounts, no currency', async () => {
    const { stored } = await seeded();
    const legacy = await stored.readStream(accountStreamId(LEGACY_ACCOUNT_ID));
    expect(legacy.map((event) => [event.type, event.schemaVersion])).toEqual([
      ['AccountOpened', 1],
      ['MoneyDeposited', 1],
      ['MoneyWithdrawn', 1],
      ['MoneyWithdrawn', 1],
      ['MoneyDeposited', 1],
    ]);
    expect(legacy[0]!.data).toEqual({ accountId: LEGACY_ACCOUNT_ID, name: 'Margaret Keller', openedAt: expect.any(String) });
    expect(legacy[3]!.data).toMatchObject({ amount: 234.12 });
    expect(legacy.every((event) => !('currency' in (event.data as object)))).toBe(true);
    expect(legacy[0]!.metadata).toMatchObject({ importedFrom: 'core-banking-v1', legacyRef: 'CORE1/000417' });
    expect(legacy[3]!.metadata).toMatchObject({ command: { type: 'ImportLegacyAccount', input: { legacyRef: 'CORE1/000417', events: legacy.length } } });
  });

  it('keeps the overdraft incident after upcasting: the balance first goes below zero at version 4', async () => {
    const { store } = await seeded();
    const legacy = (await store.readStream(accountStreamId(LEGACY_ACCOUNT_ID))) as unknown as AccountEvent[];
    expect(balances(legacy)).toEqual([0, 1_250_00, 150_00, -84_12, 315_88]);
    const savings = (await store.readStream(accountStreamId(LEGACY_SAVINGS_ACCOUNT_ID))) as unknown as AccountEvent[];
    expect(balances(savings)).toEqual([0, 2_450_50, 2_450_80, 2_430_81, 2_555_81]);
  });

  it('gives namesakes distinct customer ids: the 40-customer seed’s second Ada Lovelace holds only her own accounts', async () => {
    const { store } = await seeded(40);
    const openings = (await store.readAll({ limit: 1_000_000 })).filter((event) => event.type === 'AccountOpened');
    const idsOfAda = new Set(
      openings
        .map((event) => event.data as { holder: { name: string }; customerId: string | null })
        .filter((data) => data.holder.name === 'Ada Lovelace')
        .map((data) => data.customerId),
    );
    expect(idsOfAda).toEqual(new Set(['ada-lovelace', 'ada-lovelace-2']));
    // Each customer's own commands are recorded as that customer, by id.
    const actors = new Set((await store.readAll({ limit: 1_000_000 })).map((event) => event.metadata.actor));
    expect(actors.has('customer:ada-lovelace-2')).toBe(true);
  }, 60_000);

  it('writes everything it decides at today’s schema versions, the café as an organisation', async () => {
    const { stored } = await seeded();
    const merchant = await stored.readStream(accountStreamId(MERCHANT_ACCOUNT_ID));
    expect(merchant[0]).toMatchObject({ schemaVersion: 3, data: { holder: { name: 'Café Aurora Ltd', kind: 'organisation' } } });
    const decided = (await stored.readAll({ limit: 100_000 })).filter((event) => event.metadata.importedFrom === undefined);
    expect(decided.every((event) => event.schemaVersion === accountUpcasters.currentVersion(event.type))).toBe(true);
  });

  it('is deterministic', async () => {
    const strip = async () =>
      (await (await seeded()).stored.readAll({ limit: 100_000 })).map(({ eventId: _id, hash: _hash, ...event }) => event);
    expect(await strip()).toEqual(await strip());
  });
});
