import { v7 as timeOrderedUuid } from 'uuid';
import type { EventMetadata, NewEvent } from './envelope';
import type { StreamHead } from './event-store';
import { canonicalJson } from './canonical-json';
import { ValidationError } from './errors';
import { chainHash } from './hash-chain';

/** An event with everything but its global position settled: what an adapter inserts. */
export type PreparedEvent = {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: Date;
  hash: string;
  /** data and metadata as canonical JSON: the texts the hash covers, and what the adapters store. */
  dataJson: string;
  metadataJson: string;
};

/**
 * Numbers the batch after the stream's head, fills in metadata defaults and
 * links each event into the stream's hash chain. Data and metadata are encoded once, canonically:
 * the same text feeds the hash and the database (so stored JSON has its keys sorted).
 */
export const prepareEvents = (
  streamId: string,
  events: NewEvent[],
  head: StreamHead,
  recordedAt: Date,
  commandId: string | undefined,
): PreparedEvent[] => {
  let previousHash = head.hash;
  return events.map((event, index) => {
    // Time-ordered (UUIDv7, RFC 9562): new ids land at the end of the event-id and correlation indexes
    // instead of on a random leaf page each, so a batch dirties a few index pages rather than one per event.
    const eventId = event.eventId ?? timeOrderedUuid();
    const metadata: EventMetadata = {
      ...event.metadata,
      actor: event.metadata?.actor ?? 'system',
      correlationId: event.metadata?.correlationId ?? commandId ?? eventId,
      causationId: event.metadata?.causationId ?? null,
      commandId: event.metadata?.commandId ?? commandId ?? null,
    };
    const fields = {
      eventId,
      streamId,
      streamVersion: head.version + index + 1,
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      data: event.data,
      metadata,
      recordedAt,
    };
    const dataJson = canonicalJson(fields.data);
    const metadataJson = canonicalJson(metadata)!;
    if (dataJson === undefined) throw new ValidationError(`Event ${index + 1} (${event.type}) has no JSON data`);
    const hash = chainHash(previousHash, fields, dataJson, metadataJson);
    previousHash = hash;
    return { ...fields, hash, dataJson, metadataJson };
  });
};
