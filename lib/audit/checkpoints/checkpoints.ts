import { randomUUID } from 'node:crypto';
import { storedEventsOf } from '../../core/audit-queries';
import { ConcurrencyError, NotFoundError, RuleViolation, UnavailableError } from '../../core/errors';
import type { EventStore } from '../../core/event-store';
import { fingerprintAt } from '../fingerprints';
import {
  CHECKPOINT_SIGNED,
  checkpointStatement,
  KEY_ANNOUNCED,
  keyAnnouncementSchema,
  keyAnnouncementStatement,
  signedCheckpointSchema,
  type KeyAnnouncement,
  type SignedCheckpoint,
} from './checkpoint-schemas';
import { checkKeyChain } from './key-chain';
import { publicPart, verifySignature, type AuditSigningKey } from './signing-key';
import type { SigningKeys } from './signing-key-config';

/*
 * Signed checkpoints: the Merkle root at a position, signed by the server's audit key and
 * recorded in the `checkpoint-audit` stream beside the announcements of the keys that sign them.
 * A checkpoint written down or handed over proves, with only the public key, that the events at
 * or before its position are exactly those the server had then.
 */

export const CHECKPOINT_STREAM = 'checkpoint-audit';

export type RecordedCheckpoint = SignedCheckpoint & { streamVersion: number; globalPosition: number };
export type CheckpointLog = { version: number; keys: KeyAnnouncement[]; checkpoints: RecordedCheckpoint[] };

/** Everything the checkpoint stream holds, validated (a malformed entry is an error, not skipped). */
export const readCheckpointLog = async (store: EventStore): Promise<CheckpointLog> => {
  const events = await storedEventsOf(store).readStream(CHECKPOINT_STREAM);
  const log: CheckpointLog = { version: events.at(-1)?.streamVersion ?? 0, keys: [], checkpoints: [] };
  for (const event of events) {
    if (event.type === KEY_ANNOUNCED) log.keys.push(keyAnnouncementSchema.parse(event.data));
    else if (event.type === CHECKPOINT_SIGNED) {
      log.checkpoints.push({ ...signedCheckpointSchema.parse(event.data), streamVersion: event.streamVersion, globalPosition: event.globalPosition });
    }
  }
  return log;
};

const announce = (key: AuditSigningKey, previous: KeyAnnouncement | undefined, signer: AuditSigningKey | null, at: string): KeyAnnouncement => {
  const unsigned = { ...publicPart(key), previousKeyId: previous?.keyId ?? null, announcedAt: at };
  return { ...unsigned, signature: signer ? signer.sign(keyAnnouncementStatement(unsigned)) : null };
};

/** The announcement the current key needs before it may sign, if any; rotating needs the key being replaced. */
const announcementFor = (keys: Extract<SigningKeys, { available: true }>, log: CheckpointLog, at: string): KeyAnnouncement | null => {
  const current = log.keys.at(-1);
  if (current?.keyId === keys.current.keyId) return null;
  if (!current) return announce(keys.current, undefined, null, at);
  if (keys.previous?.keyId !== current.keyId) {
    throw new RuleViolation(
      'key_rotation_unsigned',
      `The checkpoint stream's key is ${current.keyId}; to rotate to ${keys.current.keyId}, set CHRONICLE_AUDIT_PREVIOUS_SIGNING_KEY to ${current.keyId}'s private key so it can sign the hand-over`,
    );
  }
  return announce(keys.current, current, keys.previous, at);
};

/**
 * A signer that signed position p must never sign a history that differs at or before p: that
 * would launder a tamper. So before signing, the newest checkpoint must still hold.
 */
const refuseIfContradicted = async (store: EventStore, log: CheckpointLog): Promise<void> => {
  const last = log.checkpoints.at(-1);
  if (!last) return;
  const now = await fingerprintAt(store, Math.min(last.position, await store.headPosition()));
  if (now.root !== last.root || now.position !== last.position) {
    throw new RuleViolation(
      'history_contradicts_checkpoint',
      `The events at or before position ${last.position} no longer give the root checkpoint ${last.streamVersion} signed: the history was altered, and no new checkpoint will be signed over it. Run chronicle verify to find where.`,
    );
  }
};

export type TakeCheckpointOptions = { actor: string; trigger: SignedCheckpoint['trigger']; now?: () => Date };

/**
 * Signs the root of everything up to the newest event and records it (announcing a new key first
 * when the key changed). A concurrent checkpoint makes this one retry once on the new stream head.
 */
export const takeCheckpoint = async (store: EventStore, keys: SigningKeys, options: TakeCheckpointOptions): Promise<RecordedCheckpoint> => {
  if (!keys.available) throw new UnavailableError(keys.reason);
  for (let attempt = 0; ; attempt += 1) {
    const log = await readCheckpointLog(store);
    const takenAt = (options.now?.() ?? new Date()).toISOString();
    const announcement = announcementFor(keys, log, takenAt);
    const fingerprint = await fingerprintAt(store);
    await refuseIfContradicted(store, log);
    const unsigned = { position: fingerprint.position, eventCount: fingerprint.eventCount, root: fingerprint.root, algorithm: fingerprint.algorithm, takenAt, keyId: keys.current.keyId };
    const checkpoint: SignedCheckpoint = { ...unsigned, trigger: options.trigger, signature: keys.current.sign(checkpointStatement(unsigned)) };
    const correlationId = randomUUID();
    const metadata = { actor: options.actor, correlationId, causationId: null, commandId: null };
    const events = [
      ...(announcement ? [{ type: KEY_ANNOUNCED, data: announcement, schemaVersion: 1, metadata }] : []),
      { type: CHECKPOINT_SIGNED, data: checkpoint, schemaVersion: 1, metadata },
    ];
    try {
      const result = await store.appendToStream(CHECKPOINT_STREAM, events, { expectedVersion: log.version });
      return { ...checkpoint, streamVersion: result.nextExpectedVersion, globalPosition: result.lastGlobalPosition };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 1) throw error;
    }
  }
};

export type CheckpointVerification = {
  ok: boolean;
  checkpoint: RecordedCheckpoint;
  key: KeyAnnouncement | null;
  keyChainOk: boolean;
  signatureOk: boolean;
  rootMatches: boolean;
  actualRoot: string | null;
  message: string;
};

const verifyWithNode = (publicKey: string, message: string, signature: string) => Promise.resolve(verifySignature(publicKey, message, signature));

/** A recorded checkpoint (by its version in the stream; default the newest): its key's chain, its signature, and its root against the store now. */
export const verifyCheckpoint = async (store: EventStore, streamVersion?: number): Promise<CheckpointVerification> => {
  const log = await readCheckpointLog(store);
  const checkpoint = streamVersion === undefined ? log.checkpoints.at(-1) : log.checkpoints.find((entry) => entry.streamVersion === streamVersion);
  if (!checkpoint) {
    throw new NotFoundError(streamVersion === undefined ? 'No checkpoint has been taken yet' : `No checkpoint at version ${streamVersion} of ${CHECKPOINT_STREAM}`, 'checkpoint_not_found');
  }
  const chain = await checkKeyChain(log.keys, verifyWithNode);
  const key = log.keys.find((entry) => entry.keyId === checkpoint.keyId) ?? null;
  const signatureOk = key !== null && verifySignature(key.publicKey, checkpointStatement(checkpoint), checkpoint.signature);
  const head = await store.headPosition();
  const actualRoot = checkpoint.position <= head ? (await fingerprintAt(store, checkpoint.position)).root : null;
  const rootMatches = actualRoot === checkpoint.root;
  const ok = chain.ok && signatureOk && rootMatches;
  const message = !chain.ok
    ? `The key chain is broken: ${chain.message}`
    : !signatureOk
      ? key
        ? `The signature does not match the checkpoint: it was altered after ${key.keyId} signed it`
        : `The checkpoint names key ${checkpoint.keyId}, which was never announced`
      : !rootMatches
        ? `The events at or before position ${checkpoint.position} differ from those ${checkpoint.keyId} signed: something was changed, removed or inserted`
        : `Signed by ${checkpoint.keyId} at ${checkpoint.takenAt}: the ${checkpoint.eventCount} events at or before position ${checkpoint.position} are exactly those signed`;
  return { ok, checkpoint, key, keyChainOk: chain.ok, signatureOk, rootMatches, actualRoot, message };
};
