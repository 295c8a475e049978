import { describe, it } from 'vitest';
import { accountTransactionsProjection, type AccountTransactionDocument } from './projection';
import { closedEvent, depositedEvent, interestEvent, openedEvent, withdrawnEvent } from '../../projections/testing/account-events-fixtures';
import { projectionSpec, recordAccountEvents } from '../../projections/testing/projection-spec';

const given = projectionSpec(accountTransactionsProjection);

const line = (fields: Partial<AccountTransactionDocument> & Pick<AccountTransactionDocument, 'position' | 'version' | 'kind' | 'amount' | 'balanceAfter'>): AccountTransactionDocument => ({
  accountId: 'a',
  currency: 'EUR',
  description: fields.kind === 'deposit' ? 'Deposit' : 'Withdrawal',
  occurredAt: fields.kind === 'deposit' ? '2026-01-02T10:00:00.000Z' : '2026-01-03T11:00:00.000Z',
  actor: 'teller:ann',
  ...fields,
});

describe('account-transactions projection', () => {
  const events = recordAccountEvents([
    { accountId: 'a', event: openedEvent('a') },
    { accountId: 'a', event: depositedEvent('a', 100_00) },
    { accountId: 'b', event: openedEvent('b') },
    { accountId: 'a', event: withdrawnEvent('a', 40_00) },
    { accountId: 'b', event: depositedEvent('b', 5) },
    { accountId: 'a', event: interestEvent('a', 7) },
    { accountId: 'a', event: closedEvent('a') },
  ]);

  it('writes one ledger line per money movement with the running balance after it', () => {
    given(events).thenHistory({
      a: [
        line({ position: 2n, version: 2, kind: 'deposit', amount: 100_00n, balanceAfter: 100_00n }),
        line({ position: 4n, version: 3, kind: 'withdrawal', amount: -40_00n, balanceAfter: 60_00n }),
        line({
          position: 6n,
          version: 4,
          kind: 'interest',
          amount: 7n,
          balanceAfter: 60_07n,
          description: 'Interest 1.50% p.a., 2026-01-01 to 2026-01-31',
          occurredAt: '2026-02-01T00:00:00.000Z',
        }),
      ],
      b: [line({ accountId: 'b', position: 5n, version: 2, kind: 'deposit', amount: 5n, balanceAfter: 5n })],
    });
  });

  it('keeps each account’s newest line as its document (openings and closings write nothing)', () => {
    given(events).then({
      a: line({
        position: 6n,
        version: 4,
        kind: 'interest',
        amount: 7n,
        balanceAfter: 60_07n,
        description: 'Interest 1.50% p.a., 2026-01-01 to 2026-01-31',
        occurredAt: '2026-02-01T00:00:00.000Z',
      }),
      b: line({ accountId: 'b', position: 5n, version: 2, kind: 'deposit', amount: 5n, balanceAfter: 5n }),
    });
  });
});
