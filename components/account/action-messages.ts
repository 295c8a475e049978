import type { AccountRuleCode } from '@/lib/domain/account/rules';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import type { AccountActionResult } from '@/lib/server/forms/action-state';
import { availableToWithdraw, formatDate, moneyText } from './format';

type Failure = Extract<AccountActionResult, { ok: false }>;

/** What the person tried, as far as the form knows it: money in minor units. */
export type Attempt = { amount?: number; currency?: string; interestPaidThrough?: string | null };

type Explain = (account: AccountSummaryView, attempt: Attempt) => string;

/* The server's rule messages are terse and technical; these say the same in plain words, with the figures that matter. */
const RULES: Record<AccountRuleCode, Explain> = {
  insufficient_funds: (account, attempt) => {
    const money = (amount: number) => moneyText(amount, account.currency);
    const limit =
      account.overdraftLimit > 0
        ? `past the overdraft limit of ${money(account.overdraftLimit)}`
        : 'below zero, and this account has no overdraft';
    const after = attempt.amount === undefined ? '' : ` to ${money(account.balance - attempt.amount)}`;
    return `Not enough money: this would take the balance${after}, ${limit}. You can withdraw up to ${money(availableToWithdraw(account))}.`;
  },
  account_closed: () => 'This account is closed, so money can no longer go in or out of it.',
  currency_mismatch: (account, attempt) =>
    `This account holds ${account.currency}${attempt.currency ? `, not ${attempt.currency}` : ''}. Enter the amount in ${account.currency}.`,
  balance_not_zero: (account) =>
    `Only an empty account can be closed, and this one holds ${moneyText(account.balance, account.currency)}. ${
      account.balance > 0 ? 'Withdraw the rest first.' : 'Pay in what is owed first.'
    }`,
  balance_limit_exceeded: () => 'That would take the balance above the most one account can hold. Try a smaller amount.',
  no_interest_due: (account) =>
    account.balance <= 0
      ? 'No interest is due: interest is only paid on a positive balance.'
      : 'No interest is due: for this rate and period it rounds to nothing. Try a longer period or a higher rate.',
  interest_already_applied: (_account, attempt) =>
    attempt.interestPaidThrough
      ? `Interest has already been paid up to ${formatDate(attempt.interestPaidThrough)}. Start the period on that day or later.`
      : 'Interest has already been paid for part of this period. Start the period later.',
  interest_period_not_ended: () => 'Interest can only be paid for a period that has already ended. Choose an end date no later than today.',
  account_already_exists: () => 'An account with this id already exists.',
};

const OTHER: Record<string, Explain> = {
  version_conflict: () => 'The account changed while you were looking at it. The page now shows the latest figures: check them and try again.',
  account_not_found: () => 'This account does not exist (any more). Go back to the overview and pick another one.',
  unavailable: () => 'The bank cannot be reached right now. Nothing was changed; please try again in a moment.',
  internal_error: () => 'Something went wrong on our side. Trying again is safe: the same request is never applied twice.',
  validation_failed: () => 'Please correct the highlighted fields.',
  unauthenticated: () => 'Your session has ended. Sign in again to continue; nothing was changed.',
};

/** A sentence for the form's alert; field-level messages are shown next to their fields. */
export const explainFailure = (failure: Failure, account: AccountSummaryView, attempt: Attempt): string => {
  const explain = (RULES as Record<string, Explain>)[failure.code] ?? OTHER[failure.code];
  return explain ? explain(account, attempt) : failure.message;
};

/** A business rule refused the command: the figures on screen may be stale, so they are worth refreshing. */
export const isRuleOrConflict = (failure: Failure): boolean => failure.code in RULES || failure.code === 'version_conflict';
