import type { Currency } from '../account/money';
import type { FailureReason } from './events';

export type TransferDetails = {
  transferId: string;
  fromAccountId: string;
  toAccountId: string;
  amount: number;
  currency: Currency;
  description: string;
  requestedAt: string;
};

export type RecordedLeg = { accountId: string; accountVersion: number; eventId: string; at: string };

/**
 * `requested`: nothing moved yet. `debited`: money is in flight. `credit_failed`: in flight, to be refunded.
 * `completed` and `failed` are terminal.
 */
export type TransferStatus = 'requested' | 'debited' | 'credit_failed' | 'completed' | 'failed';

export type TransferState =
  | { status: 'none' }
  | {
      status: TransferStatus;
      details: TransferDetails;
      debit: RecordedLeg | null;
      credit: RecordedLeg | null;
      refund: RecordedLeg | null;
      reason: FailureReason | null;
      finishedAt: string | null;
    };

export const initialState = (): TransferState => ({ status: 'none' });

export const isTerminal = (status: TransferState['status']): boolean => status === 'completed' || status === 'failed';

/** Money that has left the source and has neither reached the destination nor come back. */
export const inFlightAmount = (state: TransferState): number =>
  state.status === 'debited' || state.status === 'credit_failed' ? state.details.amount : 0;
