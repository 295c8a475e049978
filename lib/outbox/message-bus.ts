import type { EventMetadata } from '../core/envelope';

/** An event as the bus carries it: the envelope at the current schema version, with its routing subject. */
export type BusMessage = {
  /** The event id: JetStream deduplicates on it and consumers record it to act once. */
  id: string;
  subject: string;
  category: string;
  type: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: string;
};

/** Which messages a subscription receives: every event, or those of some categories and/or types. */
export type MessageFilter = { categories?: readonly string[]; types?: readonly string[] };

/** Resolving acknowledges the message; throwing asks for it again later (at-least-once). */
export type MessageHandler = (message: BusMessage) => Promise<void>;

export type Subscription = { close: () => Promise<void> };

/**
 * The message bus port. `publish` resolves only once the bus has taken
 * responsibility for the message (JetStream's ack, or every in-process
 * subscriber's); until then the outbox keeps it pending.
 */
export interface MessageBus {
  readonly kind: 'in-process' | 'nats';
  publish(message: BusMessage): Promise<void>;
  /** A durable subscription: `name` identifies the consumer, which resumes where it left off. */
  subscribe(name: string, filter: MessageFilter, handler: MessageHandler): Promise<Subscription>;
  close(): Promise<void>;
}

/**
 * The bus itself is unreachable (not this message's fault): the relay waits and
 * tries again without counting it against the message, so an outage parks nothing.
 */
export class BusUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BusUnavailableError';
  }
}

export const matchesFilter = (filter: MessageFilter, message: Pick<BusMessage, 'category' | 'type'>): boolean =>
  (!filter.categories || filter.categories.includes(message.category)) && (!filter.types || filter.types.includes(message.type));
