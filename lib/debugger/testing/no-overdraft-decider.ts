import { RuleViolation } from '../../core/errors';
import type { AccountCommand } from '../../domain/account/commands';
import { accountDecider } from '../../domain/account/decider';
import type { AccountState } from '../../domain/account/state';

/*
 * A candidate account decider for trying decision replay: no overdraft at all, whatever the
 * account's limit. `chronicle replay-decisions --decider lib/debugger/testing/no-overdraft-decider.ts`
 * names every accepted withdrawal that took an account below zero.
 */
export const aggregate = 'account';

export const decide = (command: AccountCommand, state: AccountState) => {
  if (command.type === 'WithdrawMoney' && state.status === 'open' && state.balance - command.data.amount < 0) {
    throw new RuleViolation('insufficient_funds', 'This candidate allows no overdraft');
  }
  return accountDecider.decide(command, state);
};
