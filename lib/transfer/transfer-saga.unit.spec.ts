import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { dispatchAccountCommand } from '../commands/account-commands';
import { requestTransfer } from '../commands/transfer-commands';
import { inMemorySagaCheckpoint } from './saga-checkpoint';
import { balanceOf, transferState } from './testing/ledger';
import { TransferSaga } from './transfer-saga';

const actor = 'teller:ann';
const options = { stepTimeoutMs: 1_000, maxAttempts: 3, retryDelayMs: 0 };

const bank = async () => {
  const store = new InMemoryEventStore();
  for (const id of ['a', 'b']) await dispatchAccountCommand(store, 'open', id, { owner: id, currency: 'EUR' }, { actor });
  await dispatchAccountCommand(store, 'deposit', 'a', { amount: 100_00 }, { actor });
  const transfer = (amount: number) => requestTransfer(store, { from: 'a', to: 'b', amount, currency: 'EUR' }, { actor });
  return { store, transfer };
};

describe('transfer saga driver', () => {
  it('finds requested transfers in the log, ends them, and keeps its checkpoint before the oldest open one', async () => {
    const { store, transfer } = await bank();
    const ids = [(await transfer(10_00)).transferId, (await transfer(20_00)).transferId, (await transfer(500_00)).transferId];
    const checkpoint = inMemorySagaCheckpoint();
    const saga = new TransferSaga(store, checkpoint.forHolder('one'), options);
    expect(await saga.drain(5_000)).toBe(true);
    expect(await Promise.all(ids.map(async (id) => (await transferState(store, id)).status))).toEqual(['completed', 'completed', 'failed']);
    expect([await balanceOf(store, 'a'), await balanceOf(store, 'b')]).toEqual([70_00, 30_00]);
    expect(checkpoint.shared.position).toBe(await store.headPosition());
  });

  it('lets one driver at a time hold the transfers; another takes over from the checkpoint when it lets go', async () => {
    const { store, transfer } = await bank();
    const checkpoint = inMemorySagaCheckpoint();
    const first = new TransferSaga(store, checkpoint.forHolder('first'), options);
    const second = new TransferSaga(store, checkpoint.forHolder('second'), options);
    await first.tick();
    const { transferId } = await transfer(5_00);
    await second.tick();
    expect((await transferState(store, transferId)).status).toBe('requested');
    await first.stop();
    expect(await second.drain(5_000)).toBe(true);
    expect((await transferState(store, transferId)).status).toBe('completed');
  });
});
