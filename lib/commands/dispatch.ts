import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { z } from 'zod';
import { commandFor, streamIdOf, type AnyAggregate } from '../core/aggregate';
import type { AggregateLoader } from '../core/aggregate-loader';
import type { CommandJournal } from '../core/command-journal';
import { handleCommand } from '../core/command-handler';
import { IdempotencyKeyReusedError, NotFoundError, ValidationError } from '../core/errors';
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
  /** Where refused and conflicted commands are kept for the debugger; recording never fails the command. */
  journal?: CommandJournal;
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
  // What the command id stands for: this actor sending this command, with this input, to this stream (or to a new one).
  const fingerprint = fingerprintOf(aggregate.name, name, spec.creates ? (id ?? context.id ?? null) : target, data);
  const streamId = streamIdOf(aggregate, target);
  const run = () =>
    // Whatever store the caller holds, the decider sees current events and its events are written at current versions.
    handleCommand(currentShapes(store, aggregate), aggregate.decider, streamId, command, {
      expectedVersion: context.expectedVersion,
      loader: options.loader,
      // The debugger shows the command behind each event; inputs are small and hold no secrets.
      eventMetadata: { command: { type: spec.type, input: data, fingerprint } },
      onNotAccepted: options.journal
        ? async (refusal) => {
            const entry = {
              commandId,
              aggregate: aggregate.name,
              command: name,
              type: spec.type,
              streamId,
              actor: context.actor,
              correlationId: context.correlationId ?? null,
              causationId: context.causationId ?? null,
              ...refusal,
              input: data,
              at: new Date(metadata.now),
            };
            // The refusal is the caller's answer; a journal that cannot write must not turn it into a 500.
            return options.journal!.record(entry).catch(() => undefined);
          }
        : undefined,
    });
  const handled = await (options.queue ? options.queue.run(streamId, run) : run());
  if (handled.duplicate) await assertSameRequest(store, handled, { actor: context.actor, type: spec.type, input: data, fingerprint });
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

const fingerprintOf = (aggregate: string, command: string, target: string | null, input: Record<string, unknown>): string =>
  createHash('sha256').update(canonicalize({ aggregate, command, target, input }) ?? '').digest('hex');

type RecordedCommand = { actor?: unknown; command?: { type?: unknown; input?: unknown; fingerprint?: unknown } };

/**
 * A repeated command id must be the same request again: then its first answer is returned. Another
 * actor, stream or body under a known id is refused, so nobody learns or takes over someone
 * else's answer with a guessed or reused key. Events recorded before fingerprints are compared by
 * their command's type and input.
 */
const assertSameRequest = async (
  store: EventStore,
  handled: { streamId: string; version: number },
  request: { actor: string; type: string; input: Record<string, unknown>; fingerprint: string },
): Promise<void> => {
  const [event] = await store.readStream(handled.streamId, { fromVersion: handled.version, toVersion: handled.version });
  const recorded = (event?.metadata ?? {}) as RecordedCommand;
  const sameActor = recorded.actor === request.actor;
  const sameBody =
    typeof recorded.command?.fingerprint === 'string'
      ? recorded.command.fingerprint === request.fingerprint
      : recorded.command?.type === request.type && canonicalize(recorded.command?.input ?? null) === canonicalize(request.input);
  if (!sameActor || !sameBody) throw new IdempotencyKeyReusedError();
};
