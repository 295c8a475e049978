import canonicalize from 'canonicalize';

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

/** RFC 8785 canonical JSON, so the same event always encodes to the same bytes. */
export const canonicalEncoding = (event: HashedFields | PortableHashedFields): string => {
  const encoded = canonicalize({
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: typeof event.recordedAt === 'string' ? event.recordedAt : event.recordedAt.toISOString(),
  });
  if (encoded === undefined) throw new Error('event cannot be encoded canonically');
  return encoded;
};

