import { describe, expect, it } from 'vitest';
import { fold } from '../../core/decider';
import { deciderSpec } from '../../core/testing/decider-spec';
import { accountDecider } from './decider';
import { MAX_BALANCE_MINOR } from './decide';
import {
  ACCOUNT_ID,
  applyInterest,
  closeAccount,
  closed,
  deposited,
  depositMoney,
  NOW,
  openAccount,
  opened,
  withdrawMoney,
  withdrawn,
} from './testing/fixtures';

const given = deciderSpec(accountDecider);

describe('account decider', () => {
  it('opens an account once', () => {
    given([]).when(openAccount(500)).then([
      {
        type: 'AccountOpened',
        data: { accountId: ACCOUNT_ID, holder: { name: 'Ada Lovelace', kind: 'person' }, customerId: 'ada-lovelace', currency: 'EUR', overdraftLimit: 500, openedAt: NOW },
      },
    ]);
    given([opened()]).when(openAccount()).thenRejects('account_already_exists');
  });

  it('refuses every command on an account that does not exist', () => {
    for (const command of [depositMoney(1), withdrawMoney(1), closeAccount()]) {
      given([]).when(command).thenRejects('account_not_found');
    }
  });

  it('deposits in the account currency and refuses another', () => {
    given([opened()]).when(depositMoney(50_00)).then([
      {
        type: 'MoneyDeposited',
        data: { accountId: ACCOUNT_ID, amount: 50_00, currency: 'EUR', description: 'Deposit', depositedAt: NOW },
      },
    ]);
    given([opened()]).when(depositMoney(50_00, 'USD')).thenRejects('currency_mismatch');
    given([opened()]).when(withdrawMoney(1, 'GBP')).thenRejects('currency_mismatch');
  });

  it('refuses a deposit above the maximum balance', () => {
    given([opened(), deposited(MAX_BALANCE_MINOR)]).when(depositMoney(1)).thenRejects('balance_limit_exceeded');
  });

  it('lets a withdrawal use the overdraft down to the limit, not beyond', () => {
    given([opened(), deposited(50_00)]).when(withdrawMoney(100_00)).thenRejects('insufficient_funds');
    given([opened(100_00), deposited(50_00)]).when(withdrawMoney(150_00)).then([
      {
        type: 'MoneyWithdrawn',
        data: { accountId: ACCOUNT_ID, amount: 150_00, currency: 'EUR', description: 'Withdrawal', withdrawnAt: NOW },
      },
    ]);
    given([opened(100_00), deposited(50_00)]).when(withdrawMoney(150_01)).thenRejects('insufficient_funds');
  });

  it('accepts nothing once closed', () => {
    for (const command of [depositMoney(1), withdrawMoney(1), closeAccount(), applyInterest(100, NOW, '2026-04-01T10:00:00.000Z')]) {
      given([opened(), closed()]).when(command).thenRejects('account_closed');
    }
  });

  it('closes only at a zero balance', () => {
    given([opened(), deposited(1)]).when(closeAccount()).thenRejects('balance_not_zero');
    given([opened(), deposited(10), withdrawn(10)]).when(closeAccount()).then([
      { type: 'AccountClosed', data: { accountId: ACCOUNT_ID, reason: 'Closed at customer request', closedAt: NOW } },
    ]);
  });

  it('applies simple annual interest for a period, rounded down, once per period', () => {
    const start = '2025-01-01T00:00:00.000Z';
    const end = '2026-01-01T00:00:00.000Z';
    given([opened(), deposited(1000_00)]).when(applyInterest(250, start, end)).then([
      {
        type: 'InterestApplied',
        data: { accountId: ACCOUNT_ID, amount: 25_00, currency: 'EUR', rateBasisPoints: 250, periodStart: start, periodEnd: end, appliedAt: NOW },
      },
    ]);
    const applied = accountDecider.decide(applyInterest(250, start, end), fold(accountDecider, [opened(), deposited(1000_00)]));
    given([opened(), deposited(1000_00), ...applied]).when(applyInterest(250, '2025-06-01T00:00:00.000Z', end)).thenRejects(
      'interest_already_applied',
    );
    given([opened()]).when(applyInterest(250, start, end)).thenRejects('no_interest_due');
    given([opened(), deposited(1000_00)]).when(applyInterest(250, end, '2026-06-01T00:00:00.000Z')).thenRejects('interest_period_not_ended');
    given([opened(), deposited(1)]).when(applyInterest(1, start, '2026-01-02T00:00:00.000Z')).thenRejects('no_interest_due');
  });

  it('replays history into state, including an overdrawn balance', () => {
    const state = fold(accountDecider, [opened(100_00), deposited(30_00), withdrawn(80_00)]);
    expect(state).toMatchObject({ status: 'open', balance: -50_00, overdraftLimit: 100_00, currency: 'EUR' });
    expect(fold(accountDecider, [opened(), closed()])).toMatchObject({ status: 'closed' });
  });
});
