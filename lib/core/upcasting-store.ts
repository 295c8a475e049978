import type { EventStore } from './event-store';
import type { UpcasterRegistry } from './upcasting';

/** A store whose reads give every event at its current schema version; `stored` is the same store as written. */
export type UpcastingEventStore = EventStore & {
  /** What is stored, versions as recorded: for tools that must see it (the events API's `?raw=1`, stream migration). */
  readonly stored: EventStore;
  readonly upcasters: UpcasterRegistry;
};

/**
 * Decorates a store so that readers (command handler, projections, live
 * tails) only ever see current events, and writers stamp new events with the
 * current version. Stored events are never rewritten; hashes in what it reads
 * cover the stored form.
 */
export const upcastingStore = (stored: EventStore, upcasters: UpcasterRegistry): UpcastingEventStore => ({
  stored,
  upcasters,
  appendToStream: (streamId, events, options) => stored.appendToStream(streamId, upcasters.stamp(events), options),
  readStream: async (streamId, options) => (await stored.readStream(streamId, options)).map((event) => upcasters.upcast(event)),
  readAll: async (options) => (await stored.readAll(options)).map((event) => upcasters.upcast(event)),
  streamExists: (streamId) => stored.streamExists(streamId),
  headPosition: () => stored.headPosition(),
  findCommand: (commandId) => stored.findCommand(commandId),
  close: () => stored.close(),
});

/** The store with upcasting by `upcasters`: itself when it already has it, so wrapping twice costs nothing. */
export const withUpcasting = (store: EventStore, upcasters: UpcasterRegistry): UpcastingEventStore =>
  'upcasters' in store && (store as UpcastingEventStore).upcasters === upcasters ? (store as UpcastingEventStore) : upcastingStore(store, upcasters);
