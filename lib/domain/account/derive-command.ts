import type { AccountEvent } from './events';

/**
 * The command that would have asked for an event, read from the event itself: for history written
 * without a recorded command (legacy imports, early events), so decision replay can ask today's
 * decider whether it would have agreed. A guess at intent, named as derived wherever it is shown.
 */
export const accountCommandFor = (event: AccountEvent): { name: string; input: Record<string, unknown> } | null => {
  switch (event.type) {
    case 'AccountOpened': {
      const { holder, customerId, currency, overdraftLimit } = event.data;
      return { name: 'open', input: { owner: holder.name, ...(customerId ? { customerId } : {}), holderKind: holder.kind, currency, overdraftLimit } };
    }
    case 'MoneyDeposited':
      return { name: 'deposit', input: { amount: event.data.amount, currency: event.data.currency, description: event.data.description } };
    case 'MoneyWithdrawn':
      return { name: 'withdraw', input: { amount: event.data.amount, currency: event.data.currency, description: event.data.description } };
    case 'InterestApplied':
      return { name: 'interest', input: { rateBasisPoints: event.data.rateBasisPoints, periodStart: event.data.periodStart, periodEnd: event.data.periodEnd } };
    case 'AccountClosed':
      return { name: 'close', input: { reason: event.data.reason } };
    default: {
      // An event type this code does not know (written by a newer or older program): nothing to derive.
      const _never: never = event;
      return _never && null;
    }
  }
};
