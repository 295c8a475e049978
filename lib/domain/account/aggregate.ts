import { defineCommand, type AggregateDefinition } from '../../core/aggregate';
import type { RecordedEvent } from '../../core/envelope';
import { applyInterestInput, closeAccountInput, moneyMovementInput, openAccountInput, type AccountCommand } from './commands';
import { accountDecider } from './decider';
import { ACCOUNT_EVENT_TYPES, type AccountEvent } from './events';
import { ACCOUNT_RULES } from './rules';
import { ACCOUNT_STATE_SCHEMA_VERSION, type AccountState } from './state';
import { accountUpcasters } from './upcasters';

/** Signed effect of an account event on the balance; null for events that move no money. */
export const signedAmount = (event: RecordedEvent): number | null => {
  const account = event as unknown as AccountEvent;
  switch (account.type) {
    case 'MoneyDeposited':
    case 'InterestApplied':
      return account.data.amount;
    case 'MoneyWithdrawn':
      return -account.data.amount;
    default:
      return null;
  }
};

/** A bank account: opened for a holder in one currency, money in and out within its overdraft, interest, closing. */
export const accountAggregate: AggregateDefinition<AccountState, AccountCommand, AccountEvent> = {
  name: 'account',
  category: 'account',
  idField: 'accountId',
  collection: 'accounts',
  decider: accountDecider,
  upcasters: accountUpcasters,
  stateSchemaVersion: ACCOUNT_STATE_SCHEMA_VERSION,
  commands: {
    open: defineCommand({
      type: 'OpenAccount',
      input: openAccountInput,
      summary: 'Open an account',
      example: { owner: 'Ada Lovelace', customerId: 'ada-lovelace', currency: 'EUR', holderKind: 'person', overdraftLimit: 0 },
      creates: true,
      access: { customers: 'own' },
      ownership: { from: 'input', field: 'customerId' },
      customerLimits: (input, policy, customer) => {
        // The holder's name is what payees and statements show: a customer cannot open one under another's name.
        if (typeof input.owner === 'string' && input.owner.trim().normalize('NFC') !== customer.name.trim().normalize('NFC')) {
          return { code: 'not_own_name', reason: `Customers can open accounts in their own name only (${customer.name}).` };
        }
        if (typeof input.overdraftLimit === 'number' && input.overdraftLimit > policy.maxOverdraftLimit) {
          return { code: 'overdraft_needs_teller', reason: `An overdraft limit above ${policy.maxOverdraftLimit} minor units is granted by a teller.` };
        }
        return null;
      },
      rules: ['account_already_exists'],
    }),
    deposit: defineCommand({
      type: 'DepositMoney',
      input: moneyMovementInput,
      summary: 'Deposit money',
      example: { amount: 1250, currency: 'EUR', description: 'Salary' },
      access: { customers: 'own' },
      rules: ['account_closed', 'currency_mismatch', 'balance_limit_exceeded'],
    }),
    withdraw: defineCommand({
      type: 'WithdrawMoney',
      input: moneyMovementInput,
      summary: 'Withdraw money',
      example: { amount: 500 },
      access: { customers: 'own' },
      rules: ['account_closed', 'currency_mismatch', 'insufficient_funds'],
    }),
    close: defineCommand({
      type: 'CloseAccount',
      input: closeAccountInput,
      summary: 'Close an account',
      example: { reason: 'Moving abroad' },
      access: { customers: 'own' },
      rules: ['account_closed', 'balance_not_zero'],
    }),
    interest: defineCommand({
      type: 'ApplyInterest',
      input: applyInterestInput,
      summary: 'Apply interest for a period',
      example: { rateBasisPoints: 150, periodStart: '2026-01-01T00:00:00Z', periodEnd: '2026-02-01T00:00:00Z' },
      access: { customers: 'none', reason: 'Interest is applied by the bank’s staff, not by customers.' },
      rules: ['account_closed', 'interest_already_applied', 'no_interest_due', 'balance_limit_exceeded'],
    }),
  },
  ownerOf: (first) => {
    if (first.type !== 'AccountOpened') return null;
    const customerId = (first.data as { customerId?: unknown }).customerId;
    return typeof customerId === 'string' ? customerId : null;
  },
  rules: ACCOUNT_RULES,
  debugger: {
    label: 'account',
    eventTypes: ACCOUNT_EVENT_TYPES,
    presets: [
      { label: 'balance < 0', expression: 'balance < 0' },
      { label: 'status == "closed"', expression: 'status == "closed"' },
      { label: 'balance < -overdraftLimit', expression: 'balance < -overdraftLimit' },
    ],
    signedAmount,
    chartField: 'balance',
  },
};
