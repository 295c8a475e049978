import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { BusMessage } from './message-bus';
import { busHeaders, type NatsBus } from './nats-bus';

export type RepublishOutcome = 'stored' | 'stored-under-new-id' | 'already-there';

/** What reconciliation needs from the broker: which events it holds, and a way to give it one again. */
export interface StreamInventory {
  /** Event ids of the messages stored since `since` (by the broker's clock), up to the stream's last message now. */
  eventIdsSince(since: Date): Promise<Set<string>>;
  republish(message: BusMessage): Promise<RepublishOutcome>;
}

const FETCH = { max_messages: 1_000, expires: 2_000 };

/**
 * The JetStream stream as an inventory: read with an ordered, headers-only
 * consumer from a start time (no bodies cross the wire), and republished with
 * message id = event id. A message the broker lost but still remembers inside
 * its duplicate window would be dropped as a duplicate: the ack then names a
 * sequence that no longer holds it, and the message goes again under a fresh
 * id with the event id in a header (consumers dedupe by event id).
 */
export class JetStreamInventory implements StreamInventory {
  constructor(private readonly bus: NatsBus) {}

  async eventIdsSince(since: Date): Promise<Set<string>> {
    const nc = this.bus.connection;
    const jsm = await jetstreamManager(nc);
    const ids = new Set<string>();
    const { state } = await jsm.streams.info(this.bus.stream);
    if (state.messages === 0) return ids;
    const consumer = await jetstream(nc).consumers.get(this.bus.stream, {
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: since.toISOString(),
      headers_only: true,
    });
    try {
      for (;;) {
        let got = 0;
        let last = 0;
        for await (const message of await consumer.fetch(FETCH)) {
          got++;
          last = message.seq;
          const id = message.headers?.get('Chronicle-Event-Id') || message.headers?.get('Nats-Msg-Id');
          if (id) ids.add(id);
          if (message.seq >= state.last_seq || message.info.pending === 0) break;
        }
        if (got === 0 || last >= state.last_seq) return ids;
      }
    } finally {
      await consumer.delete().catch(() => undefined);
    }
  }

  async republish(message: BusMessage): Promise<RepublishOutcome> {
    const js = jetstream(this.bus.connection);
    const body = JSON.stringify(message);
    const ack = await js.publish(this.bus.subjectOf(message), body, { msgID: message.id, headers: busHeaders(message) });
    if (!ack.duplicate) return 'stored';
    const jsm = await jetstreamManager(this.bus.connection);
    const original = await jsm.streams.getMessage(this.bus.stream, { seq: ack.seq }).catch(() => null);
    if (original?.header.get('Nats-Msg-Id') === message.id) return 'already-there';
    await js.publish(this.bus.subjectOf(message), body, { msgID: `${message.id}~${Date.now().toString(36)}`, headers: busHeaders(message, true) });
    return 'stored-under-new-id';
  }
}
