import { canonicalJson } from './canonical-json';

/* What an event's chain hash covers, with no dependency on Node, so an offline verifier in a browser encodes it byte for byte alike. */

/** The fields of an event that its hash covers (all but the global position, known only after insert). */
export type HashedFields = {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: Date;
};

/** The same fields as a file carries them: the time in its ISO form. */
export type PortableHashedFields = Omit<HashedFields, 'recordedAt'> & { recordedAt: string };

/** The chain's anchor: the "previous hash" of every stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * RFC 8785 canonical JSON, so the same event always encodes to the same bytes. `dataJson` and
 * `metadataJson` are the canonical encodings of data and metadata when the caller already has them
 * (an append stores exactly those texts); the envelope's keys are then joined in their sorted order.
 */
export const canonicalEncoding = (
  event: HashedFields | PortableHashedFields,
  dataJson: string | undefined = canonicalJson(event.data),
  metadataJson: string | undefined = canonicalJson(event.metadata),
): string => {
  const recordedAt = typeof event.recordedAt === 'string' ? event.recordedAt : event.recordedAt.toISOString();
  const eventId = canonicalJson(event.eventId);
  const schemaVersion = canonicalJson(event.schemaVersion);
  const streamId = canonicalJson(event.streamId);
  const streamVersion = canonicalJson(event.streamVersion);
  const type = canonicalJson(event.type);
  const parts = [dataJson, eventId, metadataJson, schemaVersion, streamId, streamVersion, type];
  // A missing field is left out of canonical JSON: the general encoder handles that rare (invalid) shape.
  if (parts.some((part) => part === undefined)) return encodeWhole(event, recordedAt);
  return `{"data":${dataJson},"eventId":${eventId},"metadata":${metadataJson},"recordedAt":${JSON.stringify(recordedAt)},"schemaVersion":${schemaVersion},"streamId":${streamId},"streamVersion":${streamVersion},"type":${type}}`;
};

const encodeWhole = (event: HashedFields | PortableHashedFields, recordedAt: string): string => {
  const encoded = canonicalJson({
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt,
  });
  if (encoded === undefined) throw new Error('event cannot be encoded canonically');
  return encoded;
};
