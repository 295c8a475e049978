import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, headers, InvalidArgumentError, InvalidSubjectError, type NatsConnection } from '@nats-io/transport-node';
import { BusUnavailableError, matchesFilter, type BusMessage, type MessageBus, type MessageFilter, type MessageHandler, type Subscription } from './message-bus';
import { filterSubjects, SUBJECT_PREFIX, subjectFor } from './subjects';

export type NatsBusOptions = {
  servers: string;
  /** The JetStream stream that holds every published event. */
  streamName?: string;
  /** Subjects are `{prefix}.{category}.{EventType}` (default `chronicle.events`); tests use their own. */
  subjectPrefix?: string;
  /** How long JetStream remembers message ids to drop duplicates (a relay re-publishing after a crash). */
  duplicateWindowMs?: number;
  publishTimeoutMs?: number;
  /** How long a consumer waits before a message it failed to handle is delivered again. */
  redeliveryDelayMs?: number;
  /** false: fail at once when no server answers (a CLI), rather than wait for one to come up (a relay). */
  waitForServer?: boolean;
  /** Replicas of the stream (3 on a three-node cluster); unset creates R1 and leaves an existing stream's count alone. */
  replicas?: number;
  log?: (message: string) => void;
};

const NS_PER_MS = 1_000_000;

/**
 * NATS JetStream: one stream over `chronicle.events.>`, file storage, message
 * id = event id so a re-publish inside the duplicate window is dropped by the
 * server. Subscriptions are durable pull consumers with explicit acks.
 */
export class NatsBus implements MessageBus {
  readonly kind = 'nats' as const;
  private readonly streamName: string;
  private readonly prefix: string;
  private readonly subscriptions = new Set<Subscription>();
  private streamReady: Promise<void> | null = null;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: NatsBusOptions,
  ) {
    this.streamName = options.streamName ?? 'CHRONICLE_EVENTS';
    this.prefix = options.subjectPrefix ?? SUBJECT_PREFIX;
  }

  /** Connects (waiting for a server that is not up yet) and keeps reconnecting for ever after. */
  static async connect(options: NatsBusOptions): Promise<NatsBus> {
    const nc = await connect({
      servers: options.servers.split(',').map((server) => server.trim()),
      name: 'chronicle',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: options.waitForServer ?? true,
    });
    try {
      const bus = new NatsBus(nc, jetstream(nc), await jetstreamManager(nc), options);
      await bus.ensureStream();
      return bus;
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  /** The connection, stream and subjects, for reconciliation (jetstream-inventory.ts). */
  get connection(): NatsConnection {
    return this.nc;
  }

  get stream(): string {
    return this.streamName;
  }

  subjectOf(message: BusMessage): string {
    return subjectFor(message.category, message.type, this.prefix);
  }

  async publish(message: BusMessage): Promise<void> {
    if (this.nc.isClosed()) throw new BusUnavailableError('The NATS connection is closed');
    try {
      await this.ensureStream();
      await this.js.publish(this.subjectOf(message), JSON.stringify(message), {
        msgID: message.id,
        headers: busHeaders(message),
        timeout: this.options.publishTimeoutMs ?? 5000,
      });
    } catch (error) {
      if (isMessageFault(error)) throw error;
      this.streamReady = null;
      throw new BusUnavailableError(`NATS did not acknowledge: ${(error as Error).message}`, { cause: error });
    }
  }

  async subscribe(name: string, filter: MessageFilter, handler: MessageHandler): Promise<Subscription> {
    await this.ensureStream();
    const durable = name.replace(/[^A-Za-z0-9_-]/g, '_');
    // One filter subject, not several: NATS servers before 2.10 (Debian's 2.9) lack `filter_subjects`.
    // A filter that needs more subjects takes the whole stream and drops the rest here.
    const subjects = filterSubjects(filter, this.prefix);
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: subjects.length === 1 ? subjects[0] : `${this.prefix}.>`,
      ack_wait: 30_000 * NS_PER_MS,
    };
    try {
      await this.jsm.consumers.add(this.streamName, config);
    } catch (error) {
      // An existing durable with other settings (filters changed between releases): bring it up to date.
      if (!(error instanceof JetStreamApiError)) throw error;
      await this.jsm.consumers.update(this.streamName, durable, { filter_subject: config.filter_subject, ack_wait: config.ack_wait });
    }
    const consumer = await this.js.consumers.get(this.streamName, durable);
    const messages = await consumer.consume({ max_messages: 100 });
    const redeliveryDelay = this.options.redeliveryDelayMs ?? 1000;
    const done = (async () => {
      for await (const delivered of messages) {
        try {
          const message = delivered.json<BusMessage>();
          if (matchesFilter(filter, message)) await handler(message);
          delivered.ack();
        } catch (error) {
          this.options.log?.(`${durable}: ${delivered.subject} #${delivered.seq} failed, redelivering: ${(error as Error).message}`);
          delivered.nak(redeliveryDelay);
        }
      }
    })();
    const subscription: Subscription = {
      close: async () => {
        this.subscriptions.delete(subscription);
        await messages.close();
        await done;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** How many messages the stream holds (each event once, whatever the number of publishes). */
  async storedCount(): Promise<number> {
    return (await this.jsm.streams.info(this.streamName)).state.messages;
  }

  /** Deletes the stream and its consumers (tests clean up after themselves with it). */
  async deleteStream(): Promise<void> {
    await this.jsm.streams.delete(this.streamName);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    if (!this.nc.isClosed()) await this.nc.drain();
  }

  private ensureStream(): Promise<void> {
    this.streamReady ??= this.createOrUpdateStream().catch((error: unknown) => {
      this.streamReady = null;
      throw error;
    });
    return this.streamReady;
  }

  private async createOrUpdateStream(): Promise<void> {
    const replicas = this.options.replicas;
    const config = {
      name: this.streamName,
      subjects: [`${this.prefix}.>`],
      storage: StorageType.File,
      duplicate_window: (this.options.duplicateWindowMs ?? 10 * 60_000) * NS_PER_MS,
      ...(replicas ? { num_replicas: replicas } : {}),
    };
    try {
      await this.jsm.streams.info(this.streamName);
      await this.jsm.streams.update(this.streamName, {
        subjects: config.subjects,
        duplicate_window: config.duplicate_window,
        ...(replicas ? { num_replicas: replicas } : {}),
      });
    } catch (error) {
      if (!(error instanceof JetStreamApiError)) throw error;
      await this.jsm.streams.add(config);
    }
  }
}

/** Routing facts in headers, so tools can read a stream without parsing bodies (reconciliation reads only headers). */
export const busHeaders = (message: BusMessage, eventIdHeader = false) => {
  const header = headers();
  header.set('Chronicle-Stream-Id', message.streamId);
  header.set('Chronicle-Stream-Version', String(message.streamVersion));
  header.set('Chronicle-Event-Type', message.type);
  // Set when the message id is not the event id (a republish after the broker lost the original).
  if (eventIdHeader) header.set('Chronicle-Event-Id', message.id);
  return header;
};

/** Errors about this message (too large, bad subject, refused by the stream), as opposed to the bus being away. */
const isMessageFault = (error: unknown): boolean =>
  error instanceof InvalidArgumentError ||
  error instanceof InvalidSubjectError ||
  (error instanceof JetStreamApiError && error.status !== 503 && error.code !== JetStreamApiCodes.StreamNotFound);
