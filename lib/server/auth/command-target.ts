import type { CommandAction } from '../../auth/policy';
import type { AccountCommandName } from '../account-commands';
import type { CommandTarget } from './authorize';

export const COMMAND_ACTION: Record<AccountCommandName, CommandAction> = {
  open: 'account.open',
  deposit: 'account.deposit',
  withdraw: 'account.withdraw',
  close: 'account.close',
  interest: 'account.interest',
};

/** What the policy needs to know about an account command: the account it touches, or the holder an opening names. */
export const commandTarget = (name: AccountCommandName, accountId: string | undefined, input: Record<string, unknown>): CommandTarget =>
  name === 'open'
    ? { action: 'account.open', owner: typeof input.owner === 'string' ? input.owner.trim() : null }
    : { action: COMMAND_ACTION[name] as Exclude<CommandAction, 'account.open' | 'projection.retry'>, accountId: accountId ?? '' };
