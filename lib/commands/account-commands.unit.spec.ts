import { describe, expect, it } from 'vitest';
import { ConcurrencyError, NotFoundError, RuleViolation, ValidationError } from '../core/errors';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { dispatchAccountCommand } from './account-commands';

const actor = 'teller:ann';

const openAccount = async (store: InMemoryEventStore, input: object = { owner: 'Ada', currency: 'EUR' }) =>
  dispatchAccountCommand(store, 'open', undefined, input, { actor });

describe('dispatchAccountCommand', () => {
  it('opens an account, records the actor and answers with version and position', async () => {
    const store = new InMemoryEventStore();
    const result = await openAccount(store);
    expect(result).toMatchObject({ version: 1, globalPosition: 1, duplicate: false });
    const [event] = await store.readStream(`account-${result.accountId}`);
    expect(event!.metadata).toMatchObject({ actor, commandId: expect.any(String) });
    expect(event!.data).toMatchObject({ holder: { name: 'Ada', kind: 'person' }, currency: 'EUR', overdraftLimit: 0 });
    // Even through a bare store the event is written at today's schema version.
    expect(event!.schemaVersion).toBe(3);
  });

  it('records an organisation as the holder when told', async () => {
    const store = new InMemoryEventStore();
    const { accountId } = await openAccount(store, { owner: 'Café Aurora Ltd', holderKind: 'organisation', currency: 'EUR' });
    const [event] = await store.readStream(`account-${accountId}`);
    expect(event!.data).toMatchObject({ holder: { name: 'Café Aurora Ltd', kind: 'organisation' } });
    await expect(openAccount(store, { owner: 'X', holderKind: 'robot', currency: 'EUR' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: 'holderKind' })],
    });
  });

  it('rejects malformed input with per-field issues and writes nothing', async () => {
    const store = new InMemoryEventStore();
    const { accountId } = await openAccount(store);
    const rejection = dispatchAccountCommand(store, 'deposit', accountId, { amount: 1.5, colour: 'red' }, { actor });
    await expect(rejection).rejects.toBeInstanceOf(ValidationError);
    const error = (await rejection.catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['amount', 'colour']));
    await expect(dispatchAccountCommand(store, 'open', undefined, { owner: '', currency: 'XXX' }, { actor })).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: 'owner' }), expect.objectContaining({ path: 'currency' })]),
    });
    expect(await store.readAll()).toHaveLength(1);
  });

  it('maps business rules to typed rejections', async () => {
    const store = new InMemoryEventStore();
    const { accountId } = await openAccount(store);
    await expect(dispatchAccountCommand(store, 'withdraw', accountId, { amount: 1 }, { actor })).rejects.toMatchObject({
      code: 'insufficient_funds',
    });
    await expect(dispatchAccountCommand(store, 'deposit', 'nobody', { amount: 1 }, { actor })).rejects.toBeInstanceOf(NotFoundError);
    await expect(dispatchAccountCommand(store, 'deposit', '../../etc', { amount: 1 }, { actor })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      dispatchAccountCommand(store, 'deposit', accountId, { amount: 1, currency: 'USD' }, { actor }),
    ).rejects.toBeInstanceOf(RuleViolation);
  });

  it('is idempotent by command id: the same id returns the first answer and writes once', async () => {
    const store = new InMemoryEventStore();
    const first = await openAccount(store);
    const deposit = () => dispatchAccountCommand(store, 'deposit', first.accountId, { amount: 500 }, { actor, commandId: 'dep-42' });
    const [a, b] = await Promise.all([deposit(), deposit()]);
    const c = await deposit();
    expect(a).toMatchObject({ version: 2, duplicate: false });
    expect({ ...b, duplicate: false }).toEqual(a);
    expect({ ...c, duplicate: false }).toEqual(a);
    expect(await store.readStream(`account-${first.accountId}`)).toHaveLength(2);
    const reopened = await dispatchAccountCommand(store, 'open', undefined, { owner: 'Ada', currency: 'EUR' }, { actor, commandId: 'open-1' });
    const again = await dispatchAccountCommand(store, 'open', undefined, { owner: 'Ada', currency: 'EUR' }, { actor, commandId: 'open-1' });
    expect(again.accountId).toBe(reopened.accountId);
  });

  it('honours an expected version and never retries past it', async () => {
    const store = new InMemoryEventStore();
    const { accountId } = await openAccount(store);
    await expect(
      dispatchAccountCommand(store, 'deposit', accountId, { amount: 1 }, { actor, expectedVersion: 3 }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(dispatchAccountCommand(store, 'deposit', accountId, { amount: 1 }, { actor, expectedVersion: 1 })).resolves.toMatchObject({
      version: 2,
    });
  });
});
