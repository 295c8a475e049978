import type { FailureReason, TransferLeg, TransferRequested } from './events';

/** What was asked for, as the request recorded it. */
export type TransferDetails = TransferRequested['data'];

/** A leg as the account recorded it, and when. */
export type RecordedLeg = TransferLeg & { at: string };

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
