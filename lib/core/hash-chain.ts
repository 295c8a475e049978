import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

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

/** The chain's anchor: the "previous hash" of every stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** RFC 8785 canonical JSON, so the same event always encodes to the same bytes. */
export const canonicalEncoding = (event: HashedFields): string => {
  const encoded = canonicalize({
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  });
  if (encoded === undefined) throw new Error('event cannot be encoded canonically');
  return encoded;
};

export const chainHash = (previousHash: string | null, event: HashedFields): string =>
  createHash('sha256')
    .update(previousHash ?? GENESIS_HASH)
    .update('\n')
    .update(canonicalEncoding(event))
    .digest('hex');
