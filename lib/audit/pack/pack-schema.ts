import canonicalize from 'canonicalize';
import { z } from 'zod';
import { keyAnnouncementSchema, signedCheckpointSchema } from '../checkpoints/checkpoint-schemas';

/*
 * The evidence pack: one JSON file an auditor hands over. The first line is the header (scope,
 * keys, the signed checkpoint, the chain segments, the pack's signature); then one event a line,
 * so a fault is easy to find by eye as well as by the verifiers. Both verifiers and the exporter
 * read this one definition. Nothing here depends on Node: the browser verifier bundles it.
 */

export const PACK_FORMAT = 'chronicle-evidence-pack/v1';

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const digest = z.string().regex(/^[0-9a-f]{24}$/);

/** The parts of an event entry that carry a digest, in the order the verifier names them. */
export const DIGESTED_FIELDS = [
  'position',
  'leafIndex',
  'proof',
  'stored.eventId',
  'stored.streamId',
  'stored.streamVersion',
  'stored.type',
  'stored.schemaVersion',
  'stored.data',
  'stored.metadata',
  'stored.recordedAt',
  'stored.hash',
  'upcast',
] as const;
export type DigestedField = (typeof DIGESTED_FIELDS)[number];

export const storedEventSchema = z.strictObject({
  eventId: z.string(),
  streamId: z.string(),
  streamVersion: z.number().int().min(1),
  type: z.string(),
  schemaVersion: z.number().int().min(1),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  recordedAt: z.iso.datetime({ offset: true }),
  hash,
});

export const packEventSchema = z.strictObject({
  position: z.number().int().min(1).describe('Global position: the Merkle leaf binds it'),
  leafIndex: z.number().int().min(0),
  proof: z.array(hash).describe('RFC 9162 audit path to the checkpoint root'),
  stored: storedEventSchema.describe('As stored: what the hash chain covers'),
  upcast: z.strictObject({ type: z.string(), schemaVersion: z.number().int().min(1), data: z.unknown() }).describe('As the application reads it today'),
  digests: z.strictObject(Object.fromEntries(DIGESTED_FIELDS.map((field) => [field, digest])) as Record<DigestedField, typeof digest>),
});

export const segmentSchema = z.strictObject({
  streamId: z.string(),
  fromVersion: z.number().int().min(1),
  toVersion: z.number().int().min(1),
  /** The hash the segment's first event chains from: the genesis hash, or the stream's event before it, proven below. */
  previousHash: hash,
  previous: z.strictObject({ position: z.number().int().min(1), leafIndex: z.number().int().min(0), proof: z.array(hash) }).nullable(),
  lastHash: hash,
});

export const packScopeSchema = z.strictObject({
  streams: z.array(z.string()).nullable(),
  from: z.iso.datetime({ offset: true }).nullable(),
  to: z.iso.datetime({ offset: true }).nullable(),
});

export const packHeaderSchema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
  scope: packScopeSchema,
  keys: z.array(keyAnnouncementSchema).min(1),
  checkpoint: signedCheckpointSchema,
  segments: z.array(segmentSchema),
  eventCount: z.number().int().min(0),
  signature: z.string().regex(/^[A-Za-z0-9_-]+$/).describe("The checkpoint key's Ed25519 signature over the pack statement"),
});

export const evidencePackSchema = packHeaderSchema.extend({ events: z.array(packEventSchema) });

export type PackEvent = z.infer<typeof packEventSchema>;
export type PackSegment = z.infer<typeof segmentSchema>;
export type PackScope = z.infer<typeof packScopeSchema>;
export type EvidencePack = z.infer<typeof evidencePackSchema>;

export const canonical = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be encoded canonically');
  return text;
};

/** The value a digest covers, by its field name. */
export const digestedValue = (event: Omit<PackEvent, 'digests'>, field: DigestedField): unknown =>
  field.startsWith('stored.') ? event.stored[field.slice('stored.'.length) as keyof PackEvent['stored']] : event[field as 'position' | 'leafIndex' | 'proof' | 'upcast'];

/** The bytes the pack's signature covers: the header's content and a digest of every event entry. */
export const packStatement = (header: Omit<EvidencePack, 'events' | 'signature'>, eventsDigest: string): string =>
  canonical({
    statement: 'chronicle.evidence-pack.v1',
    format: header.format,
    createdAt: header.createdAt,
    createdBy: header.createdBy,
    scope: header.scope,
    keys: header.keys,
    checkpoint: header.checkpoint,
    segments: header.segments,
    eventCount: header.eventCount,
    events: eventsDigest,
  });
