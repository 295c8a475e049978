import { z } from 'zod';
import type { AggregateLoader } from '../core/aggregate-loader';
import type { EventStore } from '../core/event-store';
import { ENTITY_ID_PATTERN } from '../core/ids';
import { accountAggregate } from '../domain/account/aggregate';
import type { AccountEvent } from '../domain/account/events';
import type { AccountState } from '../domain/account/state';
import { dispatchCommand, type CommandContext } from './dispatch';

export type { CommandContext };
export { commandIdSchema, issuesOf } from './validation';

export type CommandResult = { accountId: string; version: number; globalPosition: number; duplicate: boolean };

export type AccountCommandName = 'open' | 'deposit' | 'withdraw' | 'close' | 'interest';

/** The account's commands as its aggregate declares them: type and input schema by name. */
export const ACCOUNT_COMMANDS = accountAggregate.commands as Readonly<Record<AccountCommandName, (typeof accountAggregate.commands)[string]>>;

export const accountIdSchema = z.string().regex(ENTITY_ID_PATTERN);

/**
 * An account command through the one dispatch path, typed for the account (scripts, the seed,
 * tests). `open` without an id gets a new one.
 */
export const dispatchAccountCommand = async (
  store: EventStore,
  name: AccountCommandName,
  accountId: string | undefined,
  input: unknown,
  context: CommandContext,
  loader?: AggregateLoader<AccountState, AccountEvent>,
): Promise<CommandResult> => {
  const result = await dispatchCommand(store, accountAggregate, name, accountId, input, context, { loader: loader as AggregateLoader<never, never> | undefined });
  return { accountId: result.id, version: result.version, globalPosition: result.globalPosition, duplicate: result.duplicate };
};
