import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { commandFor, streamIdOf, type AnyAggregate } from '../core/aggregate';
import type { AggregateLoader } from '../core/aggregate-loader';
import { handleCommand } from '../core/command-handler';
import { NotFoundError, ValidationError } from '../core/errors';
import type { EventStore, ExpectedVersion } from '../core/event-store';
import { isEntityId } from '../core/ids';
import type { KeyedQueue } from '../core/keyed-queue';
import { upcastingStore } from '../core/upcasting-store';
import { commandIdSchema, parseOrThrow } from './validation';

/** Who sends a command and how: supplied by the edge (API route, server action, CLI, seed, process manager). */
export type CommandContext = {
  actor: string;
  commandId?: string;
  expectedVersion?: ExpectedVersion;
  correlationId?: string;
  causationId?: string;
  now?: Date;
  /** For commands that create their stream: the id to create (the seed, tests); the server picks one otherwise. */
  id?: string;
};

export type DispatchResult = { id: string; streamId: string; version: number; globalPosition: number; duplicate: boolean };

export type DispatchOptions = {
  /** Cache and snapshots for the aggregate's streams; without one the stream is replayed. */
  loader?: AggregateLoader<never, never>;
  /** Commands on one stream from this process take turns, so they do not race into conflicts. */
  queue?: KeyedQueue;
};

/**
 * The one dispatch path every entry point shares (JSON API, server actions, the CLI, the seed,
 * the transfer process): validate the input with the command's schema, build the command with
 * its time and ids, let the aggregate's decider rule, append. Any registered aggregate.
 */
export const dispatchCommand = async (
  store: EventStore,
  aggregate: AnyAggregate,
  name: string,
  id: string | undefined,
  input: unknown,
  context: CommandContext,
  options: DispatchOptions = {},
): Promise<DispatchResult> => {
  const spec = aggregate.commands[name];
  if (!spec || spec.internal) throw new NotFoundError(`${aggregate.name} has no command ${name}`, 'command_not_found');
  const data = parseOrThrow(spec.input as unknown as z.ZodType<Record<string, unknown>>, input ?? {}, 'command');
  const commandId = context.commandId === undefined ? randomUUID() : parseOrThrow(commandIdSchema, context.commandId, 'command id');
  const target = spec.creates ? (id ?? context.id ?? randomUUID()) : id;
  if (target === undefined || !isEntityId(target)) {
    if (spec.creates) throw new ValidationError('Invalid id', [{ path: aggregate.idField, message: `${aggregate.idField} must be letters, digits, _ or -` }]);
    throw new NotFoundError(`${capitalised(aggregate.name)} ${String(target)} does not exist`, `${aggregate.name}_not_found`);
  }
  const metadata = {
    commandId,
    now: (context.now ?? new Date()).toISOString(),
    actor: context.actor,
    correlationId: context.correlationId,
    causationId: context.causationId,
  };
  const command = commandFor(aggregate, name, target, data, metadata) as { metadata: typeof metadata };
  const streamId = streamIdOf(aggregate, target);
  const run = () =>
    // Whatever store the caller holds, the decider sees current events and its events are written at current versions.
    handleCommand(currentShapes(store, aggregate), aggregate.decider, streamId, command, {
      expectedVersion: context.expectedVersion,
      loader: options.loader,
      // The debugger shows the command behind each event; inputs are small and hold no secrets.
      eventMetadata: { command: { type: spec.type, input: data } },
    });
  const handled = await (options.queue ? options.queue.run(streamId, run) : run());
  return {
    id: handled.streamId.slice(aggregate.category.length + 1),
    streamId: handled.streamId,
    version: handled.version,
    globalPosition: handled.globalPosition,
    duplicate: handled.duplicate,
  };
};

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The store as the decider must see it: a store that already upcasts (the runtime's, every aggregate's chains) is used as it is. */
const currentShapes = (store: EventStore, aggregate: AnyAggregate): EventStore =>
  'upcasters' in store ? store : upcastingStore(store, aggregate.upcasters);
