import { NotFoundError, RuleViolation } from '../../core/errors';
import type { AccountCommand } from './commands';
import type { AccountEvent } from './events';
import type { Currency } from './money';
import { interestFor } from './interest';
import { ACCOUNT_RULES, type AccountRuleCode } from './rules';
import type { AccountState } from './state';

/** The bank holds at most this much in one account, keeping sums exact in doubles. */
export const MAX_BALANCE_MINOR = 1_000_000_000_000_000;

const reject = (code: AccountRuleCode): never => {
  throw new RuleViolation(code, ACCOUNT_RULES[code]);
};

type OpenAccountState = Exclude<AccountState, { status: 'none' }>;

const requireOpen = (state: AccountState, accountId: string): OpenAccountState & { status: 'open' } => {
  if (state.status === 'none') throw new NotFoundError(`Account ${accountId} does not exist`, 'account_not_found');
  if (state.status === 'closed') return reject('account_closed');
  return state;
};

const requireCurrency = (state: { currency: Currency }, currency: Currency | undefined): void => {
  if (currency !== undefined && currency !== state.currency) reject('currency_mismatch');
};

export const decide = (command: AccountCommand, state: AccountState): AccountEvent[] => {
  const { now } = command.metadata;
  switch (command.type) {
    case 'OpenAccount': {
      if (state.status !== 'none') return reject('account_already_exists');
      const { accountId, owner, customerId, holderKind, currency, overdraftLimit } = command.data;
      return [
        {
          type: 'AccountOpened',
          data: { accountId, holder: { name: owner, kind: holderKind }, customerId: customerId ?? null, currency, overdraftLimit, openedAt: now },
        },
      ];
    }
    case 'DepositMoney': {
      const account = requireOpen(state, command.data.accountId);
      requireCurrency(account, command.data.currency);
      if (account.balance + command.data.amount > MAX_BALANCE_MINOR) reject('balance_limit_exceeded');
      return [
        {
          type: 'MoneyDeposited',
          data: {
            accountId: account.accountId,
            amount: command.data.amount,
            currency: account.currency,
            description: command.data.description ?? 'Deposit',
            depositedAt: now,
          },
        },
      ];
    }
    case 'WithdrawMoney': {
      const account = requireOpen(state, command.data.accountId);
      requireCurrency(account, command.data.currency);
      if (account.balance - command.data.amount < -account.overdraftLimit) reject('insufficient_funds');
      return [
        {
          type: 'MoneyWithdrawn',
          data: {
            accountId: account.accountId,
            amount: command.data.amount,
            currency: account.currency,
            description: command.data.description ?? 'Withdrawal',
            withdrawnAt: now,
          },
        },
      ];
    }
    case 'CloseAccount': {
      const account = requireOpen(state, command.data.accountId);
      if (account.balance !== 0) reject('balance_not_zero');
      return [
        {
          type: 'AccountClosed',
          data: { accountId: account.accountId, reason: command.data.reason ?? 'Closed at customer request', closedAt: now },
        },
      ];
    }
    case 'ApplyInterest': {
      const account = requireOpen(state, command.data.accountId);
      const { rateBasisPoints, periodStart, periodEnd } = command.data;
      if (account.interestPaidThrough !== null && Date.parse(periodStart) < Date.parse(account.interestPaidThrough)) {
        reject('interest_already_applied');
      }
      if (Date.parse(periodEnd) > Date.parse(now)) reject('interest_period_not_ended');
      const amount = interestFor(account.balance, rateBasisPoints, periodStart, periodEnd);
      if (amount <= 0) reject('no_interest_due');
      if (account.balance + amount > MAX_BALANCE_MINOR) reject('balance_limit_exceeded');
      return [
        {
          type: 'InterestApplied',
          data: {
            accountId: account.accountId,
            amount,
            currency: account.currency,
            rateBasisPoints,
            periodStart,
            periodEnd,
            appliedAt: now,
          },
        },
      ];
    }
    default: {
      const _never: never = command;
      return _never;
    }
  }
};
