import type { AccountEvent } from '../../domain/account/events';

/** Account events for projection specs; dates are fixed so documents can be written out in full. */
export const openedEvent = (accountId: string, currency: 'EUR' | 'USD' = 'EUR', overdraftLimit = 0): AccountEvent => ({
  type: 'AccountOpened',
  data: { accountId, holder: { name: `Holder ${accountId}`, kind: 'person' }, customerId: `customer-${accountId}`, currency, overdraftLimit, openedAt: '2026-01-01T09:00:00.000Z' },
});
export const depositedEvent = (accountId: string, amount: number, currency: 'EUR' | 'USD' = 'EUR', day = '2026-01-02'): AccountEvent => ({
  type: 'MoneyDeposited',
  data: { accountId, amount, currency, description: 'Deposit', depositedAt: `${day}T10:00:00.000Z` },
});
export const withdrawnEvent = (accountId: string, amount: number, currency: 'EUR' | 'USD' = 'EUR', day = '2026-01-03'): AccountEvent => ({
  type: 'MoneyWithdrawn',
  data: { accountId, amount, currency, description: 'Withdrawal', withdrawnAt: `${day}T11:00:00.000Z` },
});
export const interestEvent = (accountId: string, amount: number, currency: 'EUR' | 'USD' = 'EUR'): AccountEvent => ({
  type: 'InterestApplied',
  data: { accountId, amount, currency, rateBasisPoints: 150, periodStart: '2026-01-01T00:00:00.000Z', periodEnd: '2026-01-31T00:00:00.000Z', appliedAt: '2026-02-01T00:00:00.000Z' },
});
export const closedEvent = (accountId: string): AccountEvent => ({
  type: 'AccountClosed',
  data: { accountId, reason: 'Closed at customer request', closedAt: '2026-01-04T09:00:00.000Z' },
});
