import { describe, it } from 'vitest';
import { bankTotalsProjection } from './projection';
import { closedEvent, depositedEvent, interestEvent, openedEvent, withdrawnEvent } from '../../projections/testing/account-events-fixtures';
import { projectionSpec, recordAccountEvents } from '../../projections/testing/projection-spec';

const given = projectionSpec(bankTotalsProjection);

describe('bank-totals projection', () => {
  it('counts accounts by status, sums balances by currency and money in and out per day', () => {
    given(
      recordAccountEvents([
        { accountId: 'a', event: openedEvent('a', 'EUR') },
        { accountId: 'b', event: openedEvent('b', 'EUR') },
        { accountId: 'c', event: openedEvent('c', 'USD') },
        { accountId: 'a', event: depositedEvent('a', 100_00, 'EUR', '2026-01-02') },
        { accountId: 'b', event: depositedEvent('b', 50_00, 'EUR', '2026-01-02') },
        { accountId: 'a', event: withdrawnEvent('a', 20_00, 'EUR', '2026-01-03') },
        { accountId: 'c', event: depositedEvent('c', 9_00, 'USD', '2026-01-03') },
        { accountId: 'a', event: interestEvent('a', 3) },
        { accountId: 'b', event: closedEvent('b') },
      ]),
    ).then({
      'status:open': { kind: 'status', status: 'open', accounts: 2 },
      'status:closed': { kind: 'status', status: 'closed', accounts: 1 },
      'currency:EUR': { kind: 'currency', currency: 'EUR', balance: 130_03n, accounts: 2 },
      'currency:USD': { kind: 'currency', currency: 'USD', balance: 9_00n, accounts: 1 },
      'flow:2026-01-02:EUR': { kind: 'flow', day: '2026-01-02', currency: 'EUR', deposits: 150_00n, withdrawals: 0n, interest: 0n, movements: 2 },
      'flow:2026-01-03:EUR': { kind: 'flow', day: '2026-01-03', currency: 'EUR', deposits: 0n, withdrawals: 20_00n, interest: 0n, movements: 1 },
      'flow:2026-01-03:USD': { kind: 'flow', day: '2026-01-03', currency: 'USD', deposits: 9_00n, withdrawals: 0n, interest: 0n, movements: 1 },
      'flow:2026-02-01:EUR': { kind: 'flow', day: '2026-02-01', currency: 'EUR', deposits: 0n, withdrawals: 0n, interest: 3n, movements: 1 },
    });
  });

  it('refuses money moved in a currency no opened account holds', () => {
    given(recordAccountEvents([{ accountId: 'a', event: depositedEvent('a', 1, 'USD') }])).thenFails(/before any account in it was opened/);
  });
});
