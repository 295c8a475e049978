import type { z } from 'zod';
import type { Decider } from './decider';
import type { RecordedEvent } from './envelope';
import type { UpcasterRegistry } from './upcasting';

/*
 * What an aggregate means everywhere, declared once beside its decider. Dispatch, the upcasting
 * store, the authorisation of commands, the debugger, the CLI and the OpenAPI document all read
 * these declarations; none of them names an aggregate. Pure data and pure functions only.
 */

/**
 * Which customers may send a command (tellers may send every command, auditors none):
 * `own`: on a stream they own; `none`: staff only.
 */
export type CustomerAccess = { customers: 'own' } | { customers: 'none'; reason: string };

/**
 * Where a command's ownership is read, for a customer's `own` access: the stream it targets (the
 * default), the customer id named in an input field (opening an account for a customer: a
 * customer's own id is filled in when they leave it out, and only their own is accepted), or
 * another aggregate's stream named in its input (a transfer is the source account's customer's).
 */
export type Ownership<Input> =
  | { from: 'target' }
  | { from: 'input'; field: keyof Input & string }
  | { from: 'stream'; streamId: (input: Input) => string | null };

export type CommandSpec<Input = Record<string, unknown>> = {
  /** The command's type as the decider sees it, imperative: `DepositMoney`. */
  type: string;
  /** What a client may send: validation, form errors and the API document come from it. */
  input: z.ZodType<Input>;
  /** One line for the API document and help texts. */
  summary: string;
  /** Creates the stream: the server chooses the id (POST on the collection). */
  creates?: boolean;
  access: CustomerAccess;
  ownership?: Ownership<Input>;
  /** What a customer may not ask for even on their own stream (a bank policy set in configuration, or who they are): a refusal, or null. */
  customerLimits?: (input: Input, policy: CustomerPolicy, customer: { name: string }) => { code: string; reason: string } | null;
  /** Rule codes the decider may refuse it with (documented as 422s). */
  rules: readonly string[];
  /** A valid input, for help texts and the API document. */
  example?: Input;
  /** Sent only by an edge of its own (a page, the CLI) that prepares its input, never by the generic command routes. */
  hidden?: boolean;
  /** Issued only by the system (the transfer process manager's records): never over HTTP or by hand. */
  internal?: boolean;
};

/** A command's declaration, its ownership typed by its own input schema. */
/** Whether a person may send the command through the generic command routes and `chronicle append`. */
export const isPublicCommand = (spec: Pick<CommandSpec<never>, 'internal' | 'hidden'>): boolean => !spec.internal && !spec.hidden;

export const defineCommand = <Schema extends z.ZodType<Record<string, unknown>>>(
  spec: Omit<CommandSpec<z.output<Schema>>, 'input'> & { input: Schema },
): CommandSpec<never> => spec as unknown as CommandSpec<never>;

/** The bank's limits on what customers may do by themselves (configuration, not code). */
export type CustomerPolicy = {
  /** The largest overdraft limit a customer may open an account with; above it needs a teller. Minor units. */
  maxOverdraftLimit: number;
};

export type DebuggerPreset = { label: string; expression: string };

/** How the time-travel debugger shows an aggregate's streams. */
export type DebuggerSpec = {
  /** Singular noun for headings: "account". */
  label: string;
  /** Every event type this aggregate writes, for filters. */
  eventTypes: readonly string[];
  /** Breakpoint presets offered in the debugger. */
  presets: readonly DebuggerPreset[];
  /** The signed change an event makes to the aggregate's money, if any (the amount column, balance chart). */
  signedAmount?: (event: RecordedEvent) => number | null;
  /** The numeric state field charted over time (e.g. `balance`), if any. */
  chartField?: string;
};

export type AggregateDefinition<State = unknown, Command = unknown, Event = unknown> = {
  /** Singular name: `account`. Also the prefix of its command actions (`account.deposit`). */
  name: string;
  /** The stream category: streams are `{category}-{id}`. */
  category: string;
  /** The id field its commands' data and results carry: `accountId`. */
  idField: string;
  /** The HTTP collection its commands are posted to: `/api/{collection}` and `/api/{collection}/{id}/{command}`. */
  collection: string;
  decider: Decider<State, Command, Event>;
  upcasters: UpcasterRegistry;
  /** Bumped when the state's shape changes; snapshots of other versions are ignored. Absent: no snapshots. */
  stateSchemaVersion?: number;
  commands: Readonly<Record<string, CommandSpec<never>>>;
  /**
   * Builds the decider's command from a validated input; time, ids and actor arrive in the metadata.
   * By default `{ type, data: { ...input, [idField]: id }, metadata }`.
   */
  toCommand?: (name: string, id: string, input: Record<string, unknown>, metadata: CommandMetadataOf) => Command;
  /** The customer id a stream's first event names as its owner, or null (no customer's): used for `own` access. */
  ownerOf: (firstEvent: RecordedEvent) => string | null;
  /** Rule codes and their plain words. */
  rules: Readonly<Record<string, string>>;
  debugger: DebuggerSpec;
};

/**
 * An aggregate of any state, command and event types: what a registry holds. `any` because a
 * decider's parameters make the definition invariant; each aggregate is typed where it is declared.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAggregate = AggregateDefinition<any, any, any>;

/** Supplied by the edge: the domain never reads a clock or makes an id. */
export type CommandMetadataOf = {
  commandId: string;
  /** ISO time at which the command is decided. */
  now: string;
  actor: string;
  correlationId?: string;
  causationId?: string;
};

export const streamIdOf = (aggregate: Pick<AggregateDefinition, 'category'>, id: string): string => `${aggregate.category}-${id}`;
export const idOfStream = (aggregate: Pick<AggregateDefinition, 'category'>, streamId: string): string =>
  streamId.slice(aggregate.category.length + 1);

/** The decider's command for a validated input: the aggregate's own builder, or the input plus the id under the command's type. */
export const commandFor = (
  aggregate: AnyAggregate,
  name: string,
  id: string,
  input: Record<string, unknown>,
  metadata: CommandMetadataOf,
): unknown =>
  aggregate.toCommand
    ? aggregate.toCommand(name, id, input, metadata)
    : ({ type: aggregate.commands[name]!.type, data: { ...input, [aggregate.idField]: id }, metadata });
