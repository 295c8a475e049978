/** Why a link of the chain does not hold. */
export type BreakProblem =
  /** The stored hash is not sha256(previous stored hash, this event's content): the event or its hash was changed. */
  | 'hash_mismatch'
  /** A stream skips a version: an event was deleted (or the rest renumbered). */
  | 'missing_event'
  /** A stream repeats a version or goes back in global order: events were inserted or reordered. */
  | 'unexpected_version'
  /** Global positions skip where a legitimate history has none (SQLite): events were deleted. */
  | 'position_gap'
  /** Positions were handed out beyond the newest event (SQLite): the newest events were deleted. */
  | 'missing_tail'
  /** The commands table records an event (stream, version, position) that is no longer there. */
  | 'command_mismatch';

export type ChainBreak = {
  streamId: string | null;
  streamVersion: number | null;
  globalPosition: number | null;
  expectedHash: string | null;
  storedHash: string | null;
  problem: BreakProblem;
  message: string;
};

export type MerkleFingerprint = {
  /** Every event at or before this global position is covered. */
  position: number;
  eventCount: number;
  root: string;
  algorithm: 'rfc9162-sha256';
};

export type VerificationReport = {
  ok: boolean;
  scope: 'store' | 'stream';
  streamId: string | null;
  eventsChecked: number;
  streamsChecked: number;
  /** The newest global position checked. */
  headPosition: number;
  /** The earliest break by global position, or null. */
  firstBreak: ChainBreak | null;
  /** Every break found, earliest first (at most MAX_BREAKS). */
  breaks: ChainBreak[];
  /** Facts worth knowing that are not evidence of tampering on their own. */
  warnings: string[];
  /** For the whole store when intact: the Merkle root of everything checked, to write down. */
  fingerprint: MerkleFingerprint | null;
  checkedAt: string;
  elapsedMs: number;
};

export const MAX_BREAKS = 100;
