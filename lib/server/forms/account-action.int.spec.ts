import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../commands/account-commands';
import { createRuntime } from '../../runtime/runtime';
import { runtimeConfig } from '../../runtime/runtime-config';
import { createSqliteTestDatabase } from '../../store/testing/test-databases';
import type { Principal } from '../../auth/principal';
import { runAccountAction } from './account-action';

const filename = createSqliteTestDatabase();
// The runtime's store, as the server's actions use it: upcasting, cached loads, ownership checks.
const runtime = createRuntime({ config: runtimeConfig({ DATABASE_URL: `file:${filename}` }) });
const store = runtime.store;
afterAll(async () => {
  await runtime.close();
  rmSync(dirname(filename), { recursive: true, force: true });
});

const form = (fields: Record<string, string>): FormData => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const teller: Principal = { id: 'teller:grace', role: 'teller', name: 'Grace' };
const ada: Principal = { id: 'customer:ada', role: 'customer', name: 'Ada', holderName: 'Ada', customerId: 'ada' };
const auditor: Principal = { id: 'auditor:amir', role: 'auditor', name: 'Amir' };

const openAccount = async (fields: Record<string, string> = { owner: 'Ada', currency: 'EUR' }): Promise<CommandResult> => {
  const state = await runAccountAction('open', form(fields), teller, runtime);
  if (!state.ok) throw new Error(`open failed: ${state.code}`);
  return state.result;
};

describe('runAccountAction', () => {
  it('opens and deposits through the shared dispatch, amounts converted from major units', async () => {
    const opened = await openAccount({ owner: 'Ada', currency: 'EUR', overdraftLimit: '10' });
    const deposited = await runAccountAction(
      'deposit',
      form({ accountId: opened.accountId, amount: '12.34', currency: 'EUR' }),
      teller,
      runtime,
    );
    expect(deposited).toMatchObject({ ok: true, result: { accountId: opened.accountId, version: 2 } });
    const events = await store.readStream(`account-${opened.accountId}`);
    expect(events[0]?.data).toMatchObject({ overdraftLimit: 1000 });
    expect(events[1]).toMatchObject({ data: { amount: 1234 }, metadata: { actor: 'teller:grace' } });
  });

  it('makes a double submit harmless through the hidden command id', async () => {
    const { accountId } = await openAccount();
    const fields = { accountId, amount: '5', currency: 'EUR', commandId: `form-${accountId}` };
    const first = await runAccountAction('deposit', form(fields), teller, runtime);
    const second = await runAccountAction('deposit', form(fields), teller, runtime);
    expect(second).toMatchObject({ ok: true, result: { version: 2, duplicate: true } });
    expect(first).toMatchObject({ ok: true, result: { version: 2, duplicate: false } });
    expect(await store.readStream(`account-${accountId}`)).toHaveLength(2);
  });

  it('returns every field problem at once: conversion and schema', async () => {
    const state = await runAccountAction('open', form({ owner: ' ', currency: 'EUR', overdraftLimit: '1.234' }), teller, runtime);
    expect(state).toEqual({
      ok: false,
      code: 'validation_failed',
      message: 'Please correct the highlighted fields',
      fieldErrors: { overdraftLimit: ['EUR amounts have at most 2 decimal places'], owner: ['Owner is required'] },
    });
  });

  it('maps schema, rule and concurrency errors to form state and writes nothing', async () => {
    const { accountId } = await openAccount();
    const negative = await runAccountAction('deposit', form({ accountId, amount: '-5', currency: 'EUR' }), teller, runtime);
    expect(negative).toMatchObject({ ok: false, code: 'validation_failed', fieldErrors: { amount: ['Amount must be greater than zero'] } });
    const broke = await runAccountAction('withdraw', form({ accountId, amount: '1', currency: 'EUR' }), teller, runtime);
    expect(broke).toMatchObject({ ok: false, code: 'insufficient_funds', fieldErrors: {} });
    const mismatch = await runAccountAction('deposit', form({ accountId, amount: '1', currency: 'GBP' }), teller, runtime);
    expect(mismatch).toMatchObject({ ok: false, code: 'currency_mismatch' });
    const stale = await runAccountAction('close', form({ accountId, expectedVersion: '7' }), teller, runtime);
    expect(stale).toMatchObject({ ok: false, code: 'version_conflict' });
    const missing = await runAccountAction('close', form({ accountId: 'nobody' }), teller, runtime);
    expect(missing).toMatchObject({ ok: false, code: 'account_not_found' });
    expect(await store.readStream(`account-${accountId}`)).toHaveLength(1);
  });

  it('refuses, writing nothing, anonymous visitors, auditors, and customers on accounts not theirs', async () => {
    const { accountId } = await openAccount({ owner: 'Ada', customerId: 'ada', currency: 'EUR' });
    const grace = await openAccount({ owner: 'Grace', customerId: 'grace', currency: 'EUR' });
    const deposit = (id: string) => form({ accountId: id, amount: '5', currency: 'EUR' });
    const head = async () => store.headPosition();
    const before = await head();
    expect(await runAccountAction('deposit', deposit(accountId), null, runtime)).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await runAccountAction('deposit', deposit(accountId), auditor, runtime)).toMatchObject({ ok: false, code: 'read_only_role' });
    expect(await runAccountAction('open', form({ owner: 'Ada', currency: 'EUR' }), auditor, runtime)).toMatchObject({ ok: false, code: 'read_only_role' });
    const refused = await runAccountAction('withdraw', deposit(grace.accountId), ada, runtime);
    expect(refused).toMatchObject({ ok: false, code: 'not_your_account', message: 'This account belongs to another customer.' });
    expect(await runAccountAction('open', form({ owner: 'Grace', customerId: 'grace', currency: 'EUR' }), ada, runtime)).toMatchObject({ ok: false, code: 'not_own_customer' });
    expect(await runAccountAction('interest', form({ accountId, rateBasisPoints: '100', periodStart: '2026-01-01', periodEnd: '2026-02-01' }), ada, runtime)).toMatchObject({
      ok: false,
      code: 'staff_only',
    });
    expect(await head()).toBe(before);

    const own = await runAccountAction('deposit', deposit(accountId), ada, runtime);
    expect(own).toMatchObject({ ok: true, result: { version: 2 } });
    expect((await store.readStream(`account-${accountId}`))[1]?.metadata.actor).toBe('customer:ada');
  });
});
