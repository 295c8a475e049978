import type { Decider } from '../../core/decider';
import type { TransferCommand } from './commands';
import { decide } from './decide';
import type { TransferEvent } from './events';
import { evolve } from './evolve';
import { initialState, type TransferState } from './state';

/** The transfer process manager's own state, as an event-sourced stream `transfer-{id}`. */
export const transferDecider: Decider<TransferState, TransferCommand, TransferEvent> = { initialState, decide, evolve };

export const TRANSFER_CATEGORY = 'transfer';
export const transferStreamId = (transferId: string): string => `${TRANSFER_CATEGORY}-${transferId}`;
export const transferIdOf = (streamId: string): string => streamId.slice(TRANSFER_CATEGORY.length + 1);

/** Which account leg the process manager must run next, if any. */
export type TransferStep = 'debit' | 'credit' | 'refund';
export const nextStep = (state: TransferState): TransferStep | null => {
  switch (state.status) {
    case 'requested':
      return 'debit';
    case 'debited':
      return 'credit';
    case 'credit_failed':
      return 'refund';
    default:
      return null;
  }
};
