import type { z } from 'zod';
import { storedEventsOf } from '../core/audit-queries';
import { NotFoundError, ValidationError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import { scanGlobalOrder } from './global-scan';
import { inclusionProof, leafHash, MerkleAccumulator, verifyInclusion } from './merkle';
import type { fingerprintCheckSchema, inclusionProofSchema } from './schemas';
import type { MerkleFingerprint } from './verification-report';

/*
 * Merkle checkpoints: an auditor writes down {position, root} and later proves
 * that nothing at or before that position changed, was removed or was slipped
 * in. Leaves hash each event's content as its chain recomputes it, so a
 * rewritten `hash` column does not hide a changed payload.
 */

const atOrBeforeHead = async (store: EventStore, position: number | undefined): Promise<number> => {
  const head = await store.headPosition();
  if (position === undefined) return head;
  if (position > head) throw new ValidationError(`Position ${position} is after the newest event (${head})`, [{ path: 'position', message: `at most ${head}` }]);
  return position;
};

/** The fingerprint of everything at or before `position` (default: the newest event). */
export const fingerprintAt = async (store: EventStore, position?: number): Promise<MerkleFingerprint> => {
  const stored = storedEventsOf(store);
  const upTo = await atOrBeforeHead(stored, position);
  const merkle = new MerkleAccumulator();
  await scanGlobalOrder(stored, { upTo }, ({ event, contentHash }) => {
    merkle.push(leafHash(event.globalPosition, contentHash));
  });
  return { position: upTo, eventCount: merkle.size, root: merkle.root(), algorithm: 'rfc9162-sha256' };
};

export type FingerprintCheck = z.infer<typeof fingerprintCheckSchema>;

/** Recomputes the root at a fingerprint's position and compares. */
export const checkFingerprint = async (store: EventStore, expected: { position: number; root: string }): Promise<FingerprintCheck> => {
  const actual = await fingerprintAt(store, expected.position);
  const ok = actual.root === expected.root.toLowerCase();
  return {
    ok,
    position: expected.position,
    expectedRoot: expected.root,
    actualRoot: actual.root,
    eventCount: actual.eventCount,
    message: ok
      ? `The ${actual.eventCount} events at or before position ${expected.position} are exactly those fingerprinted`
      : `The events at or before position ${expected.position} differ from those fingerprinted: something was changed, removed or inserted`,
  };
};

export type InclusionProof = z.infer<typeof inclusionProofSchema>;

/** Proves that the event at `position` is in the tree fingerprinted at `treePosition`. */
export const inclusionProofAt = async (store: EventStore, position: number, treePosition?: number): Promise<InclusionProof> => {
  const stored = storedEventsOf(store);
  const upTo = await atOrBeforeHead(stored, treePosition);
  if (position > upTo) throw new ValidationError(`Position ${position} is after the tree's position ${upTo}`);
  const leaves: Buffer[] = [];
  let leafIndex = -1;
  let eventHash = '';
  await scanGlobalOrder(stored, { upTo }, ({ event, contentHash }) => {
    if (event.globalPosition === position) {
      leafIndex = leaves.length;
      eventHash = contentHash;
    }
    leaves.push(leafHash(event.globalPosition, contentHash));
  });
  if (leafIndex < 0) throw new NotFoundError(`No event at position ${position}`, 'event_not_found');
  const accumulator = new MerkleAccumulator();
  for (const leaf of leaves) accumulator.push(leaf);
  const root = accumulator.root();
  const path = inclusionProof(leaves, leafIndex);
  return {
    position,
    eventHash,
    leafIndex,
    treeSize: leaves.length,
    treePosition: upTo,
    root,
    path,
    verified: verifyInclusion(leaves[leafIndex]!, leafIndex, leaves.length, path, root),
  };
};
