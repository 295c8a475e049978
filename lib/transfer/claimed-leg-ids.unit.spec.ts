import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { dispatchAccountCommand } from '../commands/account-commands';
import { requestTransfer } from '../commands/transfer-commands';
import { balanceOf, transferState } from './testing/ledger';
import { legCommandId } from './transfer-legs';
import { TransferProcess } from './transfer-process';

const actor = 'teller:ann';

/*
 * A leg's command id already standing for something else (written before client ids were kept
 * out of the server's namespace, or by a tool): the process must not take it for its own leg,
 * and must come to an end rather than retry for ever.
 */
describe('a transfer whose leg id was claimed by another command', () => {
  const bank = async () => {
    const store = new InMemoryEventStore();
    for (const id of ['a', 'b']) await dispatchAccountCommand(store, 'open', id, { owner: id, currency: 'EUR' }, { actor });
    await dispatchAccountCommand(store, 'deposit', 'a', { amount: 100_00 }, { actor });
    const { transferId } = await requestTransfer(store, { from: 'a', to: 'b', amount: 40_00, currency: 'EUR' }, { actor, transferId: 't1' });
    return { store, transferId };
  };
  const process = (store: InMemoryEventStore) => new TransferProcess(store, { stepTimeoutMs: 1_000, maxAttempts: 2 });

  it('does not count a 1-cent deposit under the debit’s id as the debit: the transfer fails and nothing moves', async () => {
    const { store, transferId } = await bank();
    await dispatchAccountCommand(store, 'deposit', 'a', { amount: 1 }, { actor: 'customer:a', commandId: legCommandId(transferId, 'debit') });
    const outcome = await process(store).advance(transferId);
    expect(outcome).toEqual({ status: 'failed', retry: false });
    const state = await transferState(store, transferId);
    expect(state).toMatchObject({ status: 'failed', debit: null });
    expect(await balanceOf(store, 'a')).toBe(100_01);
    expect(await balanceOf(store, 'b')).toBe(0);
  });

  it('refunds when the credit’s id was claimed: the destination’s foreign deposit is not the credit', async () => {
    const { store, transferId } = await bank();
    await dispatchAccountCommand(store, 'deposit', 'b', { amount: 40_00 }, { actor: 'customer:b', commandId: legCommandId(transferId, 'credit') });
    const outcome = await process(store).advance(transferId);
    expect(outcome.status).toBe('failed');
    expect(await transferState(store, transferId)).toMatchObject({ status: 'failed', credit: null, refund: expect.objectContaining({ accountId: 'a' }) });
    expect(await balanceOf(store, 'a')).toBe(100_00);
  });
});
