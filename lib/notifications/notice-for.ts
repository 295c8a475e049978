import type { TransferFailed as TransferFailedEvent } from '../domain/transfer/events';
import { CURRENCIES, formatMoney, type Currency } from '../domain/account/money';
import type { BusMessage } from '../outbox/message-bus';

export type NoticeKind = 'large_withdrawal' | 'transfer_failed';

export type Notice = {
  eventId: string;
  kind: NoticeKind;
  streamId: string;
  accountId: string;
  amount: number;
  currency: string;
  message: string;
  occurredAt: Date;
};

/** Withdrawals at or above this many major units of the account's currency are large (1,000.00 EUR, 1,000 JPY). */
export const DEFAULT_LARGE_WITHDRAWAL_MAJOR = 1000;

export const NOTIFICATION_FILTER = { categories: ['account', 'transfer'], types: ['MoneyWithdrawn', 'TransferFailed'] } as const;

/** `description` is sealed on the bus (a customer's words travel as ciphertext, see README "Audit"): shown only when plain text. */
type Withdrawn = { accountId: string; amount: number; currency: string; description?: unknown };
type TransferFailed = TransferFailedEvent['data'];

const money = (amount: number, currency: string): string =>
  currency in CURRENCIES ? formatMoney(amount, currency as Currency) : `${amount} ${currency} (minor units)`;

const thresholdMinor = (currency: string, major: number): number => major * 10 ** (CURRENCIES[currency as Currency] ?? 2);

/** What the notifications consumer records for a message, or null when it is not news. Pure. */
export const noticeFor = (message: BusMessage, largeWithdrawalMajor = DEFAULT_LARGE_WITHDRAWAL_MAJOR): Notice | null => {
  const base = { eventId: message.id, streamId: message.streamId, occurredAt: new Date(message.recordedAt) };
  if (message.category === 'account' && message.type === 'MoneyWithdrawn') {
    const data = message.data as Withdrawn;
    if (data.amount < thresholdMinor(data.currency, largeWithdrawalMajor)) return null;
    return {
      ...base,
      kind: 'large_withdrawal',
      accountId: data.accountId,
      amount: data.amount,
      currency: data.currency,
      message: `Large withdrawal of ${money(data.amount, data.currency)} from ${data.accountId}${typeof data.description === 'string' && data.description ? ` (${data.description})` : ''}`,
    };
  }
  if (message.category === 'transfer' && message.type === 'TransferFailed') {
    const data = message.data as TransferFailed;
    return {
      ...base,
      kind: 'transfer_failed',
      accountId: data.fromAccountId,
      amount: data.amount,
      currency: data.currency,
      message: `Transfer ${data.transferId} of ${money(data.amount, data.currency)} from ${data.fromAccountId} to ${data.toAccountId} failed: ${data.reason.message}${data.refunded ? ' (refunded)' : ''}`,
    };
  }
  return null;
};
