import { AggregateLoader } from './aggregate-loader';
import type { Decider } from './decider';
import { ConcurrencyError, RuleViolation } from './errors';
import type { EventStore, ExpectedVersion } from './event-store';
import { assertExpectedVersion } from './expected-version';

export type CommandEnvelope = {
  metadata: { commandId: string; actor: string; correlationId?: string; causationId?: string };
};

export type HandledCommand<Event> = {
  streamId: string;
  /** The stream's version after the command. */
  version: number;
  /** Global position of the command's last event: the token for read-your-writes. */
  globalPosition: number;
  /** The events this call wrote; empty when the command id had been handled before. */
  events: Event[];
  duplicate: boolean;
};

export type HandleOptions = {
  /** A version the caller insists on (If-Match); a mismatch is a conflict, never retried. */
  expectedVersion?: ExpectedVersion;
  /** Conflicts with concurrent writers are retried on fresh state this many times. */
  maxRetries?: number;
  /** Cache and snapshots; by default the whole stream is replayed. */
  loader?: AggregateLoader<never, never>;
  /** Recorded on every event the command produces, beside actor and ids (e.g. the command's type and input). */
  eventMetadata?: Record<string, unknown>;
  /** Told of a command that did not become events (refused by the decider, or lost to a concurrent writer), before it is thrown. */
  onNotAccepted?: (refusal: NotAccepted) => Promise<void> | void;
};

/** A command that did not become events, and the stream version it was decided on. */
export type NotAccepted = { outcome: 'rejected' | 'conflicted'; code: string; message: string; decidedAtVersion: number };

/** Load (replay), decide, append with the version read; retry on conflict; idempotent by command id. */
export const handleCommand = async <State, Command extends CommandEnvelope, Event extends { type: string; data: unknown }>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  streamId: string,
  command: Command,
  options: HandleOptions = {},
): Promise<HandledCommand<Event>> => {
  const { commandId, actor, correlationId, causationId } = command.metadata;
  const maxRetries = options.expectedVersion === undefined ? (options.maxRetries ?? 10) : 0;
  for (let attempt = 0; ; attempt++) {
    const previous = await store.findCommand(commandId);
    if (previous) return fromAppend(previous, []);

    const loader = (options.loader as AggregateLoader<State, Event> | undefined) ?? new AggregateLoader<State, Event>(store, decider);
    const { state, version } = await loader.load(streamId);
    const notAccepted = async (outcome: NotAccepted['outcome'], error: unknown, decidedAtVersion = version) => {
      if (error instanceof RuleViolation || error instanceof ConcurrencyError) {
        await options.onNotAccepted?.({ outcome, code: error.code, message: error.message, decidedAtVersion });
      }
    };
    if (options.expectedVersion !== undefined) {
      try {
        assertExpectedVersion(streamId, options.expectedVersion, version);
      } catch (error) {
        // The caller decided on the version it expected (If-Match), not on the one it lost to.
        const expected = options.expectedVersion;
        await notAccepted('conflicted', error, typeof expected === 'number' ? expected : expected === 'no_stream' ? 0 : version);
        throw error;
      }
    }

    let events: Event[];
    try {
      events = decider.decide(command, state);
    } catch (error) {
      await notAccepted('rejected', error);
      throw error;
    }
    if (events.length === 0) return { streamId, version, globalPosition: 0, events, duplicate: false };
    const metadata = { ...options.eventMetadata, actor, commandId, correlationId: correlationId ?? commandId, causationId: causationId ?? commandId };
    try {
      const result = await store.appendToStream(
        streamId,
        events.map((event) => ({ type: event.type, data: event.data, metadata })),
        { expectedVersion: version, commandId },
      );
      if (!result.duplicate) loader.appended(streamId, version, { state: events.reduce(decider.evolve, state), version: result.nextExpectedVersion });
      return fromAppend(result, result.duplicate ? [] : events);
    } catch (error) {
      if (error instanceof ConcurrencyError) loader.forget(streamId);
      if (error instanceof ConcurrencyError && attempt < maxRetries) {
        await backoff(attempt);
        continue;
      }
      await notAccepted('conflicted', error);
      throw error;
    }
  }
};

const fromAppend = <Event>(
  result: { streamId: string; nextExpectedVersion: number; lastGlobalPosition: number; duplicate: boolean },
  events: Event[],
): HandledCommand<Event> => ({
  streamId: result.streamId,
  version: result.nextExpectedVersion,
  globalPosition: result.lastGlobalPosition,
  events,
  duplicate: result.duplicate,
});

/** Jittered, growing pause so competing writers from other processes spread out. */
const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
