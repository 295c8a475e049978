import type { AccountEvent } from './events';
import type { AccountState } from './state';

/** Applies a recorded fact. Never throws: history is what it is, even if it broke a rule. */
export const evolve = (state: AccountState, event: AccountEvent): AccountState => {
  switch (event.type) {
    case 'AccountOpened': {
      const { accountId, holder, customerId, currency, overdraftLimit, openedAt } = event.data;
      return {
        status: 'open',
        accountId,
        holder,
        customerId,
        currency,
        overdraftLimit,
        balance: 0,
        openedAt,
        lastActivityAt: openedAt,
        interestPaidThrough: null,
      };
    }
    case 'MoneyDeposited':
      if (state.status === 'none') return state;
      return { ...state, balance: state.balance + event.data.amount, lastActivityAt: event.data.depositedAt };
    case 'MoneyWithdrawn':
      if (state.status === 'none') return state;
      return { ...state, balance: state.balance - event.data.amount, lastActivityAt: event.data.withdrawnAt };
    case 'InterestApplied':
      if (state.status === 'none') return state;
      return {
        ...state,
        balance: state.balance + event.data.amount,
        lastActivityAt: event.data.appliedAt,
        interestPaidThrough: event.data.periodEnd,
      };
    case 'AccountClosed':
      if (state.status !== 'open') return state;
      return { ...state, status: 'closed', closedAt: event.data.closedAt, lastActivityAt: event.data.closedAt };
    default: {
      const _never: never = event;
      return state;
    }
  }
};
