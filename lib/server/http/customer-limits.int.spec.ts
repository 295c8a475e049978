import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandHandlerOf } from '../routes/commands';
import { jsonRequest, signedInAs, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';

const openRoute = commandHandlerOf('account', 'open');

/* What a customer may not grant herself, even on her own account: the bank's policy, not the decider's rules. */

let db: TemporaryStore;
beforeAll(async () => {
  db = await useTemporaryEventStore();
});
afterAll(async () => db.release());

const open = async (body: unknown, username: string) => openRoute(jsonRequest('/api/accounts', body, await signedInAs(username)));

describe('overdraft limits', () => {
  it('a customer cannot open an account with an overdraft above the policy (default 0): 403, nothing written', async () => {
    const before = db.rowCount();
    const refused = await open({ owner: 'Ada Lovelace', currency: 'EUR', overdraftLimit: 100_000_000_000 }, 'ada-lovelace');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorJson).error.code).toBe('overdraft_needs_teller');
    expect((await open({ owner: 'Ada Lovelace', currency: 'EUR', overdraftLimit: 1 }, 'ada-lovelace')).status).toBe(403);
    expect(db.rowCount()).toBe(before);
    expect((await open({ owner: 'Ada Lovelace', currency: 'EUR' }, 'ada-lovelace')).status).toBe(201);
  });

  it('a teller grants any overdraft the decider allows', async () => {
    expect((await open({ owner: 'Ada Lovelace', currency: 'EUR', overdraftLimit: 500_00 }, 'ann')).status).toBe(201);
  });
});
