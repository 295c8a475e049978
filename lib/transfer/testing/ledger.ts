import { fold } from '../../core/decider';
import type { EventStore } from '../../core/event-store';
import { accountDecider, accountStreamId } from '../../domain/account/decider';
import type { AccountEvent } from '../../domain/account/events';
import { transferDecider, transferStreamId } from '../../domain/transfer/decider';
import type { TransferEvent } from '../../domain/transfer/events';
import type { TransferState } from '../../domain/transfer/state';
import { legCommandId } from '../transfer-legs';

export const balanceOf = async (store: EventStore, accountId: string): Promise<number> => {
  const state = fold(accountDecider, (await store.readStream(accountStreamId(accountId))) as unknown as AccountEvent[]);
  return state.status === 'none' ? 0 : state.balance;
};

export const transferState = async (store: EventStore, transferId: string): Promise<TransferState> =>
  fold(transferDecider, (await store.readStream(transferStreamId(transferId))) as unknown as TransferEvent[]);

/** Which legs of a transfer landed on the accounts, whatever the transfer stream says so far. */
export const landedLegs = async (store: EventStore, transferId: string) => ({
  debit: (await store.findCommand(legCommandId(transferId, 'debit'))) !== null,
  credit: (await store.findCommand(legCommandId(transferId, 'credit'))) !== null,
  refund: (await store.findCommand(legCommandId(transferId, 'refund'))) !== null,
});

/** Money that left a source and has neither reached its destination nor come back, by the account streams. */
export const moneyInFlight = async (store: EventStore, transfers: Array<{ transferId: string; amount: number }>): Promise<number> => {
  let total = 0;
  for (const { transferId, amount } of transfers) {
    const legs = await landedLegs(store, transferId);
    if (legs.debit && !legs.credit && !legs.refund) total += amount;
  }
  return total;
};
