import canonicalize from 'canonicalize';
import { z } from 'zod';

/*
 * What the checkpoint stream records, and the exact bytes each signature covers: RFC 8785
 * canonical JSON of a tagged statement, so a verifier in any language rebuilds them.
 */

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);
const isoTime = z.iso.datetime({ offset: true });
const keyId = z.string().regex(/^ed25519:[0-9a-f]{16}$/);

export const publicAuditKeySchema = z
  .object({ keyId, algorithm: z.literal('Ed25519'), publicKey: base64url.length(43).describe('Raw 32-byte Ed25519 public key, base64url (JWK x)') })
  .meta({ id: 'PublicAuditKey' });

export const keyAnnouncementSchema = z
  .object({
    ...publicAuditKeySchema.shape,
    previousKeyId: keyId.nullable().describe('The key this one replaces; null for the first key'),
    announcedAt: isoTime,
    signature: base64url.nullable().describe("The previous key's signature over this announcement; null for the first key"),
  })
  .meta({ id: 'AuditKeyAnnouncement' });

export const signedCheckpointSchema = z
  .object({
    position: z.number().int().min(0).describe('Every event at or before this global position is covered'),
    eventCount: z.number().int().min(0),
    root: hash.describe('RFC 9162 Merkle root over the events at or before the position'),
    algorithm: z.literal('rfc9162-sha256'),
    takenAt: isoTime,
    keyId,
    trigger: z.enum(['on_demand', 'schedule']),
    signature: base64url.describe('Ed25519 over the canonical checkpoint statement'),
  })
  .meta({ id: 'SignedCheckpoint' });

export type KeyAnnouncement = z.infer<typeof keyAnnouncementSchema>;
export type SignedCheckpoint = z.infer<typeof signedCheckpointSchema>;

export const KEY_ANNOUNCED = 'AuditKeyAnnounced';
export const CHECKPOINT_SIGNED = 'CheckpointSigned';

const canonical = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('statement cannot be encoded canonically');
  return text;
};

/** The bytes a checkpoint's signature covers: everything in it but the signature and the trigger. */
export const checkpointStatement = (checkpoint: Omit<SignedCheckpoint, 'signature' | 'trigger'>): string =>
  canonical({
    statement: 'chronicle.checkpoint.v1',
    position: checkpoint.position,
    eventCount: checkpoint.eventCount,
    root: checkpoint.root,
    algorithm: checkpoint.algorithm,
    takenAt: checkpoint.takenAt,
    keyId: checkpoint.keyId,
  });

/** The bytes the previous key signs to hand over to a new one. */
export const keyAnnouncementStatement = (announcement: Omit<KeyAnnouncement, 'signature'>): string =>
  canonical({
    statement: 'chronicle.audit-key.v1',
    keyId: announcement.keyId,
    algorithm: announcement.algorithm,
    publicKey: announcement.publicKey,
    previousKeyId: announcement.previousKeyId,
    announcedAt: announcement.announcedAt,
  });

export const recordedCheckpointSchema = signedCheckpointSchema
  .extend({
    streamVersion: z.number().int().min(1).describe('Its version in the checkpoint-audit stream'),
    globalPosition: z.number().int().min(1).describe('Where the checkpoint itself was recorded'),
  })
  .meta({ id: 'RecordedCheckpoint' });

export const checkpointVerificationSchema = z
  .object({
    ok: z.boolean(),
    checkpoint: recordedCheckpointSchema,
    key: keyAnnouncementSchema.nullable().describe('The announced key the checkpoint names; null if none'),
    keyChainOk: z.boolean().describe('Every key after the first is signed in by the key before it'),
    signatureOk: z.boolean(),
    rootMatches: z.boolean().describe('The store now gives the signed root at the signed position'),
    actualRoot: hash.nullable(),
    message: z.string(),
  })
  .meta({ id: 'CheckpointVerification' });

export const checkpointListSchema = z
  .object({
    signing: z.union([
      z.object({ available: z.literal(true), keyId, source: z.enum(['configured', 'demo']) }),
      z.object({ available: z.literal(false), reason: z.string() }),
    ]),
    keys: z.array(keyAnnouncementSchema).describe('Every key announced, oldest first'),
    checkpoints: z.array(recordedCheckpointSchema).describe('The newest 50, newest first'),
    total: z.number().int().min(0),
  })
  .meta({ id: 'CheckpointList' });

export const publishedAuditKeySchema = publicAuditKeySchema
  .extend({
    jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: base64url, kid: keyId, use: z.literal('sig') }),
  })
  .meta({ id: 'PublishedAuditKey' });
