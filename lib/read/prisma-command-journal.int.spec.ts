import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, RuleViolation } from '../core/errors';
import { createRuntime } from '../runtime/runtime';
import { runtimeConfig } from '../runtime/runtime-config';
import { CONCURRENT_WITHDRAWALS_ACCOUNT, seedConcurrentWithdrawals } from '../seed/seed-concurrent-withdrawals';
import { createSqliteTestDatabase } from '../store/testing/test-databases';

/* The command journal: what the decider refused or a concurrent writer took, kept apart from the event log. */

const filename = createSqliteTestDatabase();
const runtime = createRuntime({ config: runtimeConfig({ DATABASE_URL: `file:${filename}` }) });
afterAll(async () => {
  await runtime.close();
  rmSync(dirname(filename), { recursive: true, force: true });
});

const teller = { actor: 'teller:ann' };
const send = (command: string, id: string | undefined, input: unknown, context: Record<string, unknown> = {}) =>
  runtime.commands.send('account', command, id, input, { ...teller, ...context });

describe('the command journal', () => {
  it('keeps a refused command with its rule, its input and the version it was decided on; nothing reaches the event log', async () => {
    const { id } = await send('open', undefined, { owner: 'Ada', customerId: 'ada', currency: 'EUR' });
    await send('deposit', id, { amount: 500 });
    const head = await runtime.store.headPosition();
    await expect(send('withdraw', id, { amount: 900 }, { commandId: 'too-much', correlationId: 'corr-1' })).rejects.toBeInstanceOf(RuleViolation);
    expect(await runtime.store.headPosition()).toBe(head);

    const [entry, ...rest] = await runtime.journal.list({ streamId: `account-${id}`, limit: 10 });
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      commandId: 'too-much',
      aggregate: 'account',
      command: 'withdraw',
      type: 'WithdrawMoney',
      actor: 'teller:ann',
      correlationId: 'corr-1',
      decidedAtVersion: 2,
      outcome: 'rejected',
      code: 'insufficient_funds',
      input: { amount: 900 },
    });
    expect(await runtime.journal.list({ correlationId: 'corr-1', limit: 10 })).toHaveLength(1);
  });

  it('keeps a command lost to another writer (If-Match on an old version) as conflicted, and none that was accepted', async () => {
    const { id } = await send('open', undefined, { owner: 'Grace', customerId: 'grace', currency: 'EUR' });
    await send('deposit', id, { amount: 100 });
    await expect(send('deposit', id, { amount: 100 }, { expectedVersion: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
    const entries = await runtime.journal.list({ streamId: `account-${id}`, limit: 10 });
    expect(entries.map((entry) => [entry.outcome, entry.code, entry.decidedAtVersion])).toEqual([['conflicted', 'version_conflict', 1]]);
  });

  it('answers at most the limit asked, oldest first', async () => {
    const { id } = await send('open', undefined, { owner: 'Cleo', customerId: 'cleo', currency: 'EUR' });
    for (const amount of [1, 2, 3]) await expect(send('withdraw', id, { amount })).rejects.toBeInstanceOf(RuleViolation);
    const two = await runtime.journal.list({ streamId: `account-${id}`, limit: 2 });
    expect(two.map((entry) => entry.input.amount)).toEqual([1, 2]);
  });

  it('shows the seeded double withdrawal: one written, the other lost to it at the version both read', async () => {
    expect(await seedConcurrentWithdrawals((...args) => runtime.commands.send(...args), new Date('2026-11-20T16:00:00Z'))).toBe(true);
    const streamId = `account-${CONCURRENT_WITHDRAWALS_ACCOUNT}`;
    expect((await runtime.store.readStream(streamId)).map((event) => event.type)).toEqual(['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn']);
    const [lost, ...rest] = await runtime.journal.list({ streamId, limit: 10 });
    expect(rest).toEqual([]);
    expect(lost).toMatchObject({ outcome: 'conflicted', code: 'version_conflict', decidedAtVersion: 2, command: 'withdraw' });
  });
});
