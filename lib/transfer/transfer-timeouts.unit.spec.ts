import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { transferStreamId } from '../domain/transfer/decider';
import { dispatchAccountCommand } from '../commands/account-commands';
import { requestTransfer } from '../commands/transfer-commands';
import { balanceOf, transferState } from './testing/ledger';
import { TransferProcess } from './transfer-process';

const actor = 'teller:ann';

const bank = async () => {
  const store = new InMemoryEventStore();
  for (const id of ['a', 'b']) await dispatchAccountCommand(store, 'open', id, { owner: id, currency: 'EUR' }, { actor });
  await dispatchAccountCommand(store, 'deposit', 'a', { amount: 100_00 }, { actor });
  const { transferId } = await requestTransfer(store, { from: 'a', to: 'b', amount: 40_00, currency: 'EUR', description: 'Rent' }, { actor });
  return { store, transferId };
};

/** Appends to one stream go through `behaviour` first: a slow or failing destination. */
const withSlowStream = (store: EventStore, streamId: string, behaviour: () => Promise<void>): EventStore =>
  new Proxy(store, {
    get: (target, property) =>
      property === 'appendToStream'
        ? async (...args: Parameters<EventStore['appendToStream']>) => {
            if (args[0] === streamId) await behaviour();
            return target.appendToStream(...args);
          }
        : Reflect.get(target, property),
  });

const runToEnd = async (process: TransferProcess, transferId: string) => {
  for (let i = 0; i < 20; i++) if (!(await process.advance(transferId)).retry) return;
  throw new Error('transfer still retrying');
};

describe('transfer steps that do not complete in time', () => {
  it('retries a leg that fails, then compensates: the destination never credited, the source refunded', async () => {
    const { store, transferId } = await bank();
    let calls = 0;
    const failing = withSlowStream(store, 'account-b', async () => {
      calls++;
      throw new UnavailableError('destination unavailable');
    });
    await runToEnd(new TransferProcess(failing, { stepTimeoutMs: 1_000, maxAttempts: 3 }), transferId);
    expect(calls).toBe(3);
    expect(await transferState(store, transferId)).toMatchObject({
      status: 'failed',
      reason: { code: 'step_timeout', message: 'The credit of the destination account did not complete after 3 attempts' },
    });
    expect([await balanceOf(store, 'a'), await balanceOf(store, 'b')]).toEqual([100_00, 0]);
    expect((await store.readStream(transferStreamId(transferId))).map((e) => e.type)).toEqual([
      'TransferRequested',
      'SourceDebited',
      'DestinationCreditFailed',
      'SourceRefunded',
      'TransferFailed',
    ]);
  });

  it('times out slow attempts, and lets a late credit win over giving up', async () => {
    const { store, transferId } = await bank();
    const slow = withSlowStream(store, 'account-b', () => new Promise((resolve) => setTimeout(resolve, 60)));
    await runToEnd(new TransferProcess(slow, { stepTimeoutMs: 10, maxAttempts: 2 }), transferId);
    expect(await transferState(store, transferId)).toMatchObject({ status: 'completed' });
    expect([await balanceOf(store, 'a'), await balanceOf(store, 'b')]).toEqual([60_00, 40_00]);
    // Both attempts carried the same command id: the destination was credited once.
    expect((await store.readStream('account-b')).map((e) => e.type)).toEqual(['AccountOpened', 'MoneyDeposited']);
  });

  it('chains each leg to the event that caused it, all under the transfer id', async () => {
    const { store, transferId } = await bank();
    await runToEnd(new TransferProcess(store, { stepTimeoutMs: 1_000, maxAttempts: 3 }), transferId);
    const [requested, debited, credited, completed] = await store.readStream(transferStreamId(transferId));
    const withdrawal = (await store.readStream('account-a')).at(-1)!;
    const deposit = (await store.readStream('account-b')).at(-1)!;
    expect(withdrawal).toMatchObject({ type: 'MoneyWithdrawn', data: { amount: 40_00, description: 'Transfer to b: Rent', currency: 'EUR' } });
    expect(withdrawal.metadata).toMatchObject({ correlationId: transferId, causationId: requested!.eventId, commandId: `transfer:${transferId}:debit` });
    expect(debited!.metadata.causationId).toBe(withdrawal.eventId);
    expect(deposit).toMatchObject({ type: 'MoneyDeposited', data: { description: 'Transfer from a: Rent' } });
    expect(deposit.metadata).toMatchObject({ correlationId: transferId, causationId: debited!.eventId });
    expect(credited).toMatchObject({ type: 'DestinationCredited', data: { accountId: 'b', accountVersion: 2, eventId: deposit.eventId } });
    expect(completed!.type).toBe('TransferCompleted');
  });
});
