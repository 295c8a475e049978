import { describe, expect, it } from 'vitest';
import { AggregateRegistry } from '../aggregate-registry';
import type { RecordedEvent } from '../envelope';
import type { EventStore } from '../event-store';
import { InMemoryEventStore } from '../in-memory-event-store';
import { upcastingStore } from '../upcasting-store';
import { accountAggregate } from '../../domain/account/aggregate';
import { transferAggregate } from '../../domain/transfer/aggregate';
import { userAggregate } from '../../domain/user/aggregate';
import { PERSONAL_COMMAND_INPUTS, PERSONAL_DATA, subjectsOf } from '../../runtime/personal-data';
import { masterKeyId, newDataKey } from '../../store/personal-data/aes-gcm';
import { CustomerKeyVault } from '../../store/personal-data/customer-key-vault';
import type { MasterKey } from '../../store/personal-data/master-key-config';
import { InMemoryDataKeyTable } from '../../store/personal-data/testing/in-memory-data-key-table';
import { protectedStore } from './personal-data-store';
import { ERASED, isSealed, SEALED_ELSEWHERE } from './sealed-field';

/* Given the bank's personal-data rules over an in-memory store, personal fields are stored sealed, read in the clear, and read [erased] once the key is destroyed. */

const aggregates = new AggregateRegistry([accountAggregate, transferAggregate, userAggregate]);
const at = '2026-12-01T09:00:00.000Z';
const opened = (accountId: string, name: string, customerId: string | null) => ({
  type: 'AccountOpened',
  data: { accountId, holder: { name, kind: 'person' }, customerId, currency: 'EUR', overdraftLimit: 0, openedAt: at },
});
/** With the command that decided it in its metadata, as dispatch records it. */
const deposited = (accountId: string, description: string) => ({
  type: 'MoneyDeposited',
  data: { accountId, amount: 500, currency: 'EUR', description, depositedAt: at },
  metadata: { actor: 'teller:ann', command: { type: 'DepositMoney', input: { amount: 500, description }, fingerprint: 'f' } },
});

const given = (master?: MasterKey) => {
  const key = newDataKey();
  const table = new InMemoryDataKeyTable();
  const vault = new CustomerKeyVault(table, master ?? { available: true, key, id: masterKeyId(key), source: 'configured' });
  const stored = new InMemoryEventStore();
  const protect = (inner: EventStore) =>
    protectedStore(inner, aggregates.upcasters, { rules: PERSONAL_DATA, commandInputs: PERSONAL_COMMAND_INPUTS, vault, subjectOf: subjectsOf(upcastingStore(inner, aggregates.upcasters), aggregates) });
  return { store: protect(stored), stored, table, vault, protect };
};

describe('a store that seals personal data', () => {
  it('stores the holder name and descriptions sealed under the customer’s key, and reads them in the clear', async () => {
    const { store, stored, table } = given();
    await store.appendToStream('account-a1', [opened('a1', 'Ada Lovelace', 'ada')]);
    await store.appendToStream('account-a1', [deposited('a1', 'Birthday money from Gran')]);
    const raw = await stored.readStream('account-a1');
    const name = (raw[0]!.data as { holder: { name: unknown } }).holder.name;
    expect(isSealed(name)).toBe(true);
    expect(JSON.stringify(raw)).not.toMatch(/Ada Lovelace|Gran/);
    expect(isSealed((raw[1]!.data as { description: unknown }).description)).toBe(true);
    expect(raw[1]!.metadata).toMatchObject({ command: { type: 'DepositMoney', input: { amount: 500, description: { $enc: 'v1' } }, fingerprint: 'f' } });
    // One key for the customer, named by an opaque id (not the customer id).
    expect(table.rows.get('ada')).toMatchObject({ keyId: (name as { kid: string }).kid, erasedAt: null });
    expect((name as { kid: string }).kid).not.toContain('ada');

    const read = await store.readStream('account-a1');
    expect(read.map((event) => event.data)).toMatchObject([{ holder: { name: 'Ada Lovelace' } }, { description: 'Birthday money from Gran' }]);
    expect(read[1]!.metadata).toMatchObject({ command: { input: { amount: 500, description: 'Birthday money from Gran' } } });
    expect(read.map((event) => event.hash)).toEqual(raw.map((event) => event.hash));
    expect((await store.readAll()).map((event) => event.data)).toMatchObject([{ holder: { name: 'Ada Lovelace' } }, { description: 'Birthday money from Gran' }]);
  });

  it('leaves the bank’s own accounts, amounts and ids in the clear; seals a transfer’s description under the sender’s key', async () => {
    const { store, stored, table } = given();
    await store.appendToStream('account-bank', [opened('bank', 'Chronicle Bank', null), deposited('bank', 'Float')]);
    expect((await stored.readStream('account-bank')).map((event) => event.data)).toMatchObject([{ holder: { name: 'Chronicle Bank' } }, { description: 'Float' }]);
    await store.appendToStream('account-g1', [opened('g1', 'Grace Hopper', 'grace')]);
    await store.appendToStream('transfer-t1', [
      { type: 'TransferRequested', data: { transferId: 't1', fromAccountId: 'g1', toAccountId: 'bank', amount: 100, currency: 'EUR', description: 'Rent', requestedAt: at } },
    ]);
    const [requested] = await stored.readStream('transfer-t1');
    const description = (requested!.data as { description: { kid: string } }).description;
    expect(description.kid).toBe(table.rows.get('grace')!.keyId);
    expect((requested!.data as { amount: number }).amount).toBe(100);
    expect((await store.readStream('transfer-t1'))[0]!.data).toMatchObject({ description: 'Rent' });
  });

  it('after erasure: every sealed field reads [erased], the key material is gone, a new event stores [erased] and no key is made again', async () => {
    const { store, stored, table, vault } = given();
    await store.appendToStream('account-a1', [opened('a1', 'Ada Lovelace', 'ada'), deposited('a1', 'Salary')]);
    await store.appendToStream('user-ada', [
      { type: 'UserRegistered', data: { userId: 'ada', username: 'ada', displayName: 'Ada Lovelace', role: 'customer', customerId: 'ada', registeredAt: at } },
    ]);
    const before = await stored.readAll();
    const erased = await vault.erase('ada');
    expect(erased).toMatchObject({ customerId: 'ada', alreadyErased: false });
    expect(table.rows.get('ada')).toMatchObject({ wrappedKey: null, masterKeyId: null, erasedAt: expect.any(Date) });

    expect((await store.readStream('account-a1')).map((event) => event.data)).toMatchObject([{ holder: { name: ERASED } }, { description: ERASED }]);
    expect((await store.readStream('account-a1'))[1]!.metadata).toMatchObject({ command: { input: { description: ERASED } } });
    expect((await store.readStream('user-ada'))[0]!.data).toMatchObject({ displayName: ERASED, customerId: 'ada' });
    // The stored events, and so their hashes, are exactly as before.
    expect(await stored.readAll()).toEqual(before);

    await store.appendToStream('account-a1', [deposited('a1', 'After erasure')]);
    const [late] = await stored.readStream('account-a1', { fromVersion: 3 });
    expect((late!.data as { description: unknown }).description).toBe(ERASED);
    expect(table.rows.get('ada')).toMatchObject({ keyId: erased.keyId, wrappedKey: null });
    expect(await vault.erase('ada')).toMatchObject({ alreadyErased: true, keyId: erased.keyId });
  });

  it('a changed ciphertext fails its authentication tag on read: never taken for an erasure', async () => {
    const { store, stored, protect } = given();
    await store.appendToStream('account-a1', [opened('a1', 'Ada Lovelace', 'ada')]);
    const flipFirstByte = (event: RecordedEvent): RecordedEvent => {
      const name = (event.data as { holder: { name: { ct: string } } }).holder.name;
      const bytes = Buffer.from(name.ct, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      name.ct = bytes.toString('base64url');
      return event;
    };
    // Someone with database access changes one byte of the ciphertext beneath the store.
    const tampered: EventStore = {
      appendToStream: (streamId, events, options) => stored.appendToStream(streamId, events, options),
      readStream: async (streamId, options) => (await stored.readStream(streamId, options)).map(flipFirstByte),
      readAll: (options) => stored.readAll(options),
      streamExists: (streamId) => stored.streamExists(streamId),
      headPosition: () => stored.headPosition(),
      findCommand: (commandId) => stored.findCommand(commandId),
      close: () => stored.close(),
    };
    await expect(protect(tampered).readStream('account-a1')).rejects.toThrow(/unable to authenticate/i);
    expect((await store.readStream('account-a1'))[0]!.data).toMatchObject({ holder: { name: 'Ada Lovelace' } });
  });

  it('a copy in a database that never held the key reads [sealed], not [erased]', async () => {
    const { store, stored } = given();
    await store.appendToStream('account-a1', [opened('a1', 'Ada Lovelace', 'ada')]);
    const elsewhere = given();
    const copy = protectedStore(stored, aggregates.upcasters, { ...elsewhere.store.protection });
    expect((await copy.readStream('account-a1'))[0]!.data).toMatchObject({ holder: { name: SEALED_ELSEWHERE } });
    expect(elsewhere.table.rows.size).toBe(0);
  });

  it('without a master key, sealing is refused saying what to set; the bank’s own data still flows', async () => {
    const { store } = given({ available: false, reason: 'Personal data cannot be sealed or opened: set CHRONICLE_DATA_KEY' });
    await expect(store.appendToStream('account-a1', [opened('a1', 'Ada Lovelace', 'ada')])).rejects.toThrow(/CHRONICLE_DATA_KEY/);
    await store.appendToStream('account-bank', [opened('bank', 'Chronicle Bank', null)]);
    expect(await store.streamExists('account-a1')).toBe(false);
  });
});
