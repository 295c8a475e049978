/** Machine codes of the account's business-rule rejections. */
export const ACCOUNT_RULES = {
  account_already_exists: 'An account with this id already exists',
  account_closed: 'The account is closed',
  currency_mismatch: 'The currency does not match the account',
  insufficient_funds: 'Insufficient funds: the withdrawal would exceed the overdraft limit',
  balance_not_zero: 'Only an account with a zero balance can be closed',
  balance_limit_exceeded: 'The deposit would take the balance above the maximum the bank holds',
  no_interest_due: 'No interest is due: the balance is not positive or the interest rounds to zero',
  interest_already_applied: 'Interest was already applied for part of this period',
  interest_period_not_ended: 'Interest can only be applied for a period that has ended',
} as const;

export type AccountRuleCode = keyof typeof ACCOUNT_RULES;
