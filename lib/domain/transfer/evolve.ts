import type { TransferEvent } from './events';
import type { TransferState } from './state';

/** Applies a recorded fact of the transfer's own stream. Never throws. */
export const evolve = (state: TransferState, event: TransferEvent): TransferState => {
  if (event.type === 'TransferRequested') {
    const { transferId, fromAccountId, toAccountId, amount, currency, description, requestedAt } = event.data;
    return {
      status: 'requested',
      details: { transferId, fromAccountId, toAccountId, amount, currency, description, requestedAt },
      debit: null,
      credit: null,
      refund: null,
      reason: null,
      finishedAt: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'SourceDebited': {
      const { accountId, accountVersion, eventId, debitedAt } = event.data;
      return { ...state, status: 'debited', debit: { accountId, accountVersion, eventId, at: debitedAt } };
    }
    case 'SourceDebitFailed':
      return { ...state, reason: event.data.reason };
    case 'DestinationCredited': {
      const { accountId, accountVersion, eventId, creditedAt } = event.data;
      return { ...state, credit: { accountId, accountVersion, eventId, at: creditedAt } };
    }
    case 'DestinationCreditFailed':
      return { ...state, status: 'credit_failed', reason: event.data.reason };
    case 'SourceRefunded': {
      const { accountId, accountVersion, eventId, refundedAt } = event.data;
      return { ...state, refund: { accountId, accountVersion, eventId, at: refundedAt } };
    }
    case 'TransferCompleted':
      return { ...state, status: 'completed', finishedAt: event.data.completedAt };
    case 'TransferFailed':
      return { ...state, status: 'failed', reason: event.data.reason, finishedAt: event.data.failedAt };
    default: {
      const _never: never = event;
      return state;
    }
  }
};
