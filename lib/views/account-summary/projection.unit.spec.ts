import { describe, it } from 'vitest';
import { accountSummaryProjection } from './projection';
import { closedEvent, depositedEvent, interestEvent, openedEvent, withdrawnEvent } from '../../projections/testing/account-events-fixtures';
import { projectionSpec, recordAccountEvents } from '../../projections/testing/projection-spec';

const given = projectionSpec(accountSummaryProjection);

describe('account-summary projection', () => {
  it('keeps one summary per account: balance, version, position and last activity', () => {
    given(
      recordAccountEvents([
        { accountId: 'a', event: openedEvent('a', 'EUR', 500) },
        { accountId: 'b', event: openedEvent('b', 'USD') },
        { accountId: 'a', event: depositedEvent('a', 100_00) },
        { accountId: 'a', event: withdrawnEvent('a', 30_00) },
        { accountId: 'a', event: interestEvent('a', 12) },
      ]),
    ).then({
      a: {
        accountId: 'a',
        owner: 'Holder a',
        customerId: 'customer-a',
        currency: 'EUR',
        status: 'open',
        balance: 70_12n,
        overdraftLimit: 500n,
        version: 4,
        openedAt: '2026-01-01T09:00:00.000Z',
        lastActivityAt: '2026-02-01T00:00:00.000Z',
        closedAt: null,
        position: 5n,
      },
      b: {
        accountId: 'b',
        owner: 'Holder b',
        customerId: 'customer-b',
        currency: 'USD',
        status: 'open',
        balance: 0n,
        overdraftLimit: 0n,
        version: 1,
        openedAt: '2026-01-01T09:00:00.000Z',
        lastActivityAt: '2026-01-01T09:00:00.000Z',
        closedAt: null,
        position: 2n,
      },
    });
  });

  it('marks a closed account closed with its closing date', () => {
    given(recordAccountEvents([{ accountId: 'a', event: openedEvent('a') }, { accountId: 'a', event: closedEvent('a') }])).then({
      a: {
        accountId: 'a',
        owner: 'Holder a',
        customerId: 'customer-a',
        currency: 'EUR',
        status: 'closed',
        balance: 0n,
        overdraftLimit: 0n,
        version: 2,
        openedAt: '2026-01-01T09:00:00.000Z',
        lastActivityAt: '2026-01-04T09:00:00.000Z',
        closedAt: '2026-01-04T09:00:00.000Z',
        position: 2n,
      },
    });
  });

  it('refuses money moved on an account it never saw opened, and an account opened twice', () => {
    given(recordAccountEvents([{ accountId: 'a', event: depositedEvent('a', 1) }])).thenFails(/never opened/);
    given(recordAccountEvents([{ accountId: 'a', event: openedEvent('a') }, { accountId: 'a', event: openedEvent('a') }])).thenFails(/opened twice/);
  });
});
