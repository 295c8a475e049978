import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AggregateLoader } from '../core/aggregate-loader';
import { handleCommand } from '../core/command-handler';
import { KeyedQueue } from '../core/keyed-queue';
import { NotFoundError, ValidationError, type FieldIssue } from '../core/errors';
import type { EventStore, ExpectedVersion } from '../core/event-store';
import { withUpcasting } from '../core/upcasting-store';
import {
  applyInterestInput,
  closeAccountInput,
  moneyMovementInput,
  openAccountInput,
  type AccountCommand,
  type CommandMetadata,
} from '../domain/account/commands';
import { accountDecider, accountStreamId } from '../domain/account/decider';
import type { AccountEvent } from '../domain/account/events';
import type { AccountState } from '../domain/account/state';
import { accountUpcasters } from '../domain/account/upcasters';

/** Who sends a command and how: supplied by the edge (API route, server action, CLI, seed). */
export type CommandContext = {
  actor: string;
  commandId?: string;
  expectedVersion?: ExpectedVersion;
  correlationId?: string;
  causationId?: string;
  now?: Date;
};

export type CommandResult = { accountId: string; version: number; globalPosition: number; duplicate: boolean };

export const ACCOUNT_COMMANDS = {
  open: { type: 'OpenAccount', input: openAccountInput },
  deposit: { type: 'DepositMoney', input: moneyMovementInput },
  withdraw: { type: 'WithdrawMoney', input: moneyMovementInput },
  close: { type: 'CloseAccount', input: closeAccountInput },
  interest: { type: 'ApplyInterest', input: applyInterestInput },
} as const;

export type AccountCommandName = keyof typeof ACCOUNT_COMMANDS;

export const accountIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
export const commandIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'Command id must be printable ASCII without spaces');

/** One issue per field; an unknown key is reported at its own path. */
export const issuesOf = (error: z.ZodError): FieldIssue[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: `Unknown field "${key}"` }))
      : [{ path: issue.path.join('.'), message: issue.message }],
  );

const parse = <T>(schema: z.ZodType<T>, input: unknown, what: string): T => {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(`Invalid ${what}`, issuesOf(result.error));
  return result.data;
};

/** Commands on one account from this process take turns, so they do not race into conflicts. */
const accountQueue = new KeyedQueue();

/**
 * The one dispatch path shared by the JSON API, server actions, the CLI and
 * the seed: validate the shape, build the command with its time and ids,
 * let the decider rule, append.
 */
export const dispatchAccountCommand = async (
  store: EventStore,
  name: AccountCommandName,
  accountId: string | undefined,
  input: unknown,
  context: CommandContext,
  loader?: AggregateLoader<AccountState, AccountEvent>,
): Promise<CommandResult> => {
  const { type, input: schema } = ACCOUNT_COMMANDS[name];
  const data = parse(schema as z.ZodType<Record<string, unknown>>, input ?? {}, 'command');
  const commandId = context.commandId === undefined ? randomUUID() : parse(commandIdSchema, context.commandId, 'command id');
  const id = name === 'open' ? (accountId ?? randomUUID()) : accountId;
  if (id === undefined || !accountIdSchema.safeParse(id).success) {
    throw new NotFoundError(`Account ${String(id)} does not exist`, 'account_not_found');
  }
  const metadata: CommandMetadata = {
    commandId,
    now: (context.now ?? new Date()).toISOString(),
    actor: context.actor,
    correlationId: context.correlationId,
    causationId: context.causationId,
  };
  const command = { type, data: { ...data, accountId: id }, metadata } as AccountCommand;
  const streamId = accountStreamId(id);
  const handled = await accountQueue.run(streamId, () =>
    // Whatever store the caller holds, the decider sees current events and its events are written at current versions.
    handleCommand(withUpcasting(store, accountUpcasters), accountDecider, streamId, command, {
      expectedVersion: context.expectedVersion,
      loader: loader as AggregateLoader<never, never> | undefined,
      // The debugger shows the command behind each event; inputs are small and hold no secrets.
      eventMetadata: { command: { type, input: data } },
    }),
  );
  const resultAccountId = handled.streamId.slice('account-'.length);
  return { accountId: resultAccountId, version: handled.version, globalPosition: handled.globalPosition, duplicate: handled.duplicate };
};
