import { AggregateLoader } from './aggregate-loader';
import type { Decider } from './decider';
import { ConcurrencyError } from './errors';
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
};

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
    if (options.expectedVersion !== undefined) assertExpectedVersion(streamId, options.expectedVersion, version);

    const events = decider.decide(command, state);
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
