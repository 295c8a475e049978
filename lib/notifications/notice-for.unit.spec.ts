import { describe, expect, it } from 'vitest';
import { busMessage } from '../outbox/testing/bus-messages';
import { noticeFor } from './notice-for';

const withdrawal = (amount: number, currency = 'EUR') =>
  busMessage('account-n1', 3, 'MoneyWithdrawn', { accountId: 'n1', amount, currency, description: 'rent', withdrawnAt: '2026-01-01T00:00:00Z' });

describe('noticeFor', () => {
  it('notices a withdrawal at or above the threshold in the account currency, and not below it', () => {
    expect(noticeFor(withdrawal(1_000_00))).toMatchObject({ kind: 'large_withdrawal', accountId: 'n1', amount: 1_000_00, currency: 'EUR' });
    expect(noticeFor(withdrawal(999_99))).toBeNull();
    expect(noticeFor(withdrawal(1_000, 'JPY'))?.message).toBe('Large withdrawal of JP¥1,000 from n1 (rent)');
    expect(noticeFor(withdrawal(999, 'JPY'))).toBeNull();
    expect(noticeFor(withdrawal(5_000_00), 10_000)).toBeNull();
  });

  it('notices every failed transfer, against the account it was to leave', () => {
    const failed = busMessage('transfer-t9', 2, 'TransferFailed', {
      transferId: 't9',
      fromAccountId: 'a1',
      toAccountId: 'a2',
      amount: 12_50,
      currency: 'GBP',
      reason: { code: 'account_closed', message: 'The account is closed' },
      refunded: true,
    });
    expect(noticeFor(failed)).toMatchObject({
      eventId: failed.id,
      kind: 'transfer_failed',
      accountId: 'a1',
      amount: 12_50,
      message: 'Transfer t9 of £12.50 from a1 to a2 failed: The account is closed (refunded)',
    });
  });

  it('ignores other events, and withdrawals copied into another category by a stream migration', () => {
    expect(noticeFor(busMessage('account-n1', 1, 'MoneyDeposited', { accountId: 'n1', amount: 9_000_00, currency: 'EUR' }))).toBeNull();
    expect(noticeFor({ ...withdrawal(9_000_00), category: 'account_migrated' })).toBeNull();
  });
});
