import type { AccountCommand, CommandMetadata } from '../commands';
import type { AccountEvent } from '../events';
import type { Currency } from '../money';

export const ACCOUNT_ID = 'acc-1';
export const NOW = '2026-03-01T10:00:00.000Z';
const metadata: CommandMetadata = { commandId: 'cmd-1', now: NOW, actor: 'teller:ann' };

export const opened = (overdraftLimit = 0, currency: Currency = 'EUR'): AccountEvent => ({
  type: 'AccountOpened',
  data: { accountId: ACCOUNT_ID, holder: { name: 'Ada Lovelace', kind: 'person' }, customerId: 'ada-lovelace', currency, overdraftLimit, openedAt: '2026-01-01T09:00:00.000Z' },
});
export const deposited = (amount: number): AccountEvent => ({
  type: 'MoneyDeposited',
  data: { accountId: ACCOUNT_ID, amount, currency: 'EUR', description: 'Deposit', depositedAt: '2026-01-02T09:00:00.000Z' },
});
export const withdrawn = (amount: number): AccountEvent => ({
  type: 'MoneyWithdrawn',
  data: { accountId: ACCOUNT_ID, amount, currency: 'EUR', description: 'Withdrawal', withdrawnAt: '2026-01-03T09:00:00.000Z' },
});
export const closed = (): AccountEvent => ({
  type: 'AccountClosed',
  data: { accountId: ACCOUNT_ID, reason: 'Closed at customer request', closedAt: '2026-01-04T09:00:00.000Z' },
});

export const openAccount = (overdraftLimit = 0): AccountCommand => ({
  type: 'OpenAccount',
  data: { accountId: ACCOUNT_ID, owner: 'Ada Lovelace', customerId: 'ada-lovelace', holderKind: 'person', currency: 'EUR', overdraftLimit },
  metadata,
});
export const depositMoney = (amount: number, currency?: Currency): AccountCommand => ({
  type: 'DepositMoney',
  data: { accountId: ACCOUNT_ID, amount, currency },
  metadata,
});
export const withdrawMoney = (amount: number, currency?: Currency): AccountCommand => ({
  type: 'WithdrawMoney',
  data: { accountId: ACCOUNT_ID, amount, currency },
  metadata,
});
export const closeAccount = (): AccountCommand => ({ type: 'CloseAccount', data: { accountId: ACCOUNT_ID }, metadata });
export const applyInterest = (rateBasisPoints: number, periodStart: string, periodEnd: string): AccountCommand => ({
  type: 'ApplyInterest',
  data: { accountId: ACCOUNT_ID, rateBasisPoints, periodStart, periodEnd },
  metadata,
});
