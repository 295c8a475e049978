import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { streamCategory, type RecordedEvent } from '../../lib/core/envelope';
import { noticeFor } from '../../lib/notifications/notice-for';
import type { BusMessage } from '../../lib/outbox/message-bus';
import { NatsBus } from '../../lib/outbox/nats-bus';
import type { ReadDb } from '../../lib/read/read-db';

/* What the cluster run checks beyond verify-run.ts: the bus and the side effect. */

/**
 * A JetStream request right after a node was killed and restarted can time out while the stream
 * elects a leader again (seen once at the end of a short run): asked again for up to a minute,
 * so that a check reports on the data, not on a re-election in progress.
 */
const settled = async <T>(what: string, request: () => Promise<T>, withinMs = 60_000): Promise<T> => {
  const deadline = Date.now() + withinMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      console.log(`[cluster] ${what}: ${error instanceof Error ? error.message : String(error)}; asking again (attempt ${attempt + 1})`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
};

export type JetStreamTally = { stored: number; distinct: number; missing: number; extraCopies: number; foreign: number };

/** Every message in the stream by event id (headers only): each event must be there, and once after dedup. */
export const tallyJetStream = (servers: string, streamName: string, subjectPrefix: string, events: RecordedEvent[]): Promise<JetStreamTally> =>
  settled('reading the JetStream stream', () => tallyOnce(servers, streamName, subjectPrefix, events));

const tallyOnce = async (servers: string, streamName: string, subjectPrefix: string, events: RecordedEvent[]): Promise<JetStreamTally> => {
  const bus = await NatsBus.connect({ servers, streamName, subjectPrefix, waitForServer: false });
  try {
    const { state } = await (await jetstreamManager(bus.connection)).streams.info(streamName);
    const consumer = await jetstream(bus.connection).consumers.get(streamName, { deliver_policy: DeliverPolicy.All, headers_only: true });
    const copies = new Map<string, number>();
    let stored = 0;
    while (stored < state.messages) {
      let got = 0;
      for await (const message of await consumer.fetch({ max_messages: 1_000, expires: 3_000 })) {
        got++;
        stored++;
        const id = message.headers?.get('Chronicle-Event-Id') || message.headers?.get('Nats-Msg-Id') || '';
        copies.set(id, (copies.get(id) ?? 0) + 1);
        if (message.info.pending === 0) break;
      }
      if (got === 0) break;
    }
    const known = new Set(events.map((event) => event.eventId));
    return {
      stored,
      distinct: copies.size,
      missing: events.filter((event) => !copies.has(event.eventId)).length,
      extraCopies: [...copies.values()].reduce((sum, count) => sum + count - 1, 0),
      foreign: [...copies.keys()].filter((id) => !known.has(id)).length,
    };
  } finally {
    await bus.close();
  }
};

export type BrokerLoss = { deleted: number; repairedAfterMs: number | null };

/**
 * A broker that acknowledged and then lost messages, simulated: `count` messages deleted from the
 * stream behind the relay's back. The relay's periodic reconciliation must put them back; resolves
 * with how long that took (null: not within `timeoutMs`).
 */
export const simulateBrokerLoss = async (
  servers: string,
  streamName: string,
  subjectPrefix: string,
  events: RecordedEvent[],
  count: number,
  timeoutMs = 90_000,
): Promise<BrokerLoss> => {
  const bus = await settled('connecting to JetStream', () => NatsBus.connect({ servers, streamName, subjectPrefix, waitForServer: false }));
  try {
    const jsm = await jetstreamManager(bus.connection);
    const { state } = await settled('reading the stream info', () => jsm.streams.info(streamName));
    let deleted = 0;
    for (let attempt = 0; deleted < count && attempt < count * 10; attempt++) {
      const seq = state.first_seq + Math.floor(Math.random() * (state.last_seq - state.first_seq + 1));
      if (await jsm.streams.deleteMessage(streamName, seq).catch(() => false)) deleted++;
    }
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if ((await tallyJetStream(servers, streamName, subjectPrefix, events)).missing === 0) return { deleted, repairedAfterMs: Date.now() - started };
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return { deleted, repairedAfterMs: null };
  } finally {
    await bus.close();
  }
};

/** The bus message an event becomes, as far as noticeFor reads it. */
const asMessage = (event: RecordedEvent): BusMessage => ({
  id: event.eventId,
  subject: '',
  category: streamCategory(event.streamId),
  type: event.type,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  globalPosition: event.globalPosition,
  schemaVersion: event.schemaVersion,
  data: event.data,
  metadata: event.metadata,
  recordedAt: event.recordedAt.toISOString(),
});

export type NoticeTally = { expected: number; recorded: number; missing: number; unexpected: number; waitedMs: number };

/** Waits (bounded) for the consumers to record a notice for every event that is news, then compares. */
export const tallyNotices = async (db: ReadDb, events: RecordedEvent[], timeoutMs = 180_000): Promise<NoticeTally> => {
  const expected = new Set(events.filter((event) => noticeFor(asMessage(event)) !== null).map((event) => event.eventId));
  const started = Date.now();
  for (;;) {
    const recorded = new Set((await db.notification.findMany({ select: { eventId: true } })).map((row) => row.eventId));
    const missing = [...expected].filter((id) => !recorded.has(id)).length;
    if (missing === 0 || Date.now() - started > timeoutMs) {
      return { expected: expected.size, recorded: recorded.size, missing, unexpected: [...recorded].filter((id) => !expected.has(id)).length, waitedMs: Date.now() - started };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};
