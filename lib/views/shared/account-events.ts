import type { RecordedEvent } from '../../core/envelope';
import type { AccountEvent } from '../../domain/account/events';

/* Fold helpers the account views share (summary, transactions, bank totals): all three read the same account events. */

/** A recorded account event, typed by the domain's event union. */
export type RecordedAccountEvent = RecordedEvent<AccountEvent['type'], AccountEvent['data']> & AccountEvent;

export const asAccountEvent = (event: RecordedEvent): RecordedAccountEvent => event as RecordedAccountEvent;

/** Money movements as signed amounts: what the balance moved by. */
export const movementOf = (event: RecordedAccountEvent): { kind: 'deposit' | 'withdrawal' | 'interest'; amount: number; at: string; description: string } | null => {
  switch (event.type) {
    case 'MoneyDeposited':
      return { kind: 'deposit', amount: event.data.amount, at: event.data.depositedAt, description: event.data.description };
    case 'MoneyWithdrawn':
      return { kind: 'withdrawal', amount: -event.data.amount, at: event.data.withdrawnAt, description: event.data.description };
    case 'InterestApplied':
      return {
        kind: 'interest',
        amount: event.data.amount,
        at: event.data.appliedAt,
        description: `Interest ${(event.data.rateBasisPoints / 100).toFixed(2)}% p.a., ${event.data.periodStart.slice(0, 10)} to ${event.data.periodEnd.slice(0, 10)}`,
      };
    default:
      return null;
  }
};

export const accountIdOf = (event: RecordedEvent): string => event.streamId.slice('account-'.length);
