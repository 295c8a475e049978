import { auditQueriesOf, storedEventsOf, type AuditQueries, type CommandMismatch } from '../core/audit-queries';
import type { RecordedEvent } from '../core/envelope';
import { NotFoundError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import { chainHash } from '../core/hash-chain';
import { scanGlobalOrder, SCAN_BATCH } from './global-scan';
import { leafHash, MerkleAccumulator } from './merkle';
import { MAX_BREAKS, type ChainBreak, type VerificationReport } from './verification-report';

export type { BreakProblem, ChainBreak, MerkleFingerprint, VerificationReport } from './verification-report';

export type VerifyOptions = { streamId?: string; onProgress?: (checked: number) => void };

/**
 * Recomputes the hash chain of one stream or of the whole store and reports
 * every broken link, earliest first. Beyond each stream's own chain (which
 * cannot see a stream's last event or a whole stream vanish) it checks the
 * global positions and the commands table, which records where each command's
 * events landed.
 */
export const verifyChain = async (store: EventStore, options: VerifyOptions = {}): Promise<VerificationReport> => {
  const started = performance.now();
  const stored = storedEventsOf(store);
  const audit = auditQueriesOf(store);
  const result = options.streamId === undefined ? await verifyStore(stored, audit, options) : await verifyStream(stored, audit, options.streamId, options);
  const breaks = result.breaks.sort(options.streamId === undefined ? byPosition : byVersion).slice(0, MAX_BREAKS);
  return {
    ok: breaks.length === 0,
    scope: options.streamId === undefined ? 'store' : 'stream',
    streamId: options.streamId ?? null,
    eventsChecked: result.eventsChecked,
    streamsChecked: result.streamsChecked,
    headPosition: result.headPosition,
    firstBreak: breaks[0] ?? null,
    breaks,
    warnings: result.warnings,
    fingerprint: breaks.length === 0 ? result.fingerprint : null,
    checkedAt: new Date().toISOString(),
    elapsedMs: Math.round(performance.now() - started),
  };
};

type Findings = Pick<VerificationReport, 'eventsChecked' | 'streamsChecked' | 'headPosition' | 'breaks' | 'warnings' | 'fingerprint'>;

/** At one position the break read from the chain itself says most. */
const PRIORITY: Record<ChainBreak['problem'], number> = {
  hash_mismatch: 0,
  missing_event: 1,
  unexpected_version: 2,
  command_mismatch: 3,
  position_gap: 4,
  missing_tail: 5,
};

const byPosition = (a: ChainBreak, b: ChainBreak): number =>
  (a.globalPosition ?? Infinity) - (b.globalPosition ?? Infinity) || PRIORITY[a.problem] - PRIORITY[b.problem];

/** Within one stream, the first version that does not hold comes first. */
const byVersion = (a: ChainBreak, b: ChainBreak): number =>
  (a.streamVersion ?? Infinity) - (b.streamVersion ?? Infinity) || PRIORITY[a.problem] - PRIORITY[b.problem];

const linkBreak = (event: RecordedEvent, expectedHash: string): ChainBreak => ({
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  globalPosition: event.globalPosition,
  expectedHash,
  storedHash: event.hash,
  problem: 'hash_mismatch',
  message: `${event.streamId} version ${event.streamVersion} (position ${event.globalPosition}): the stored hash does not match the event's content and its predecessor's hash`,
});

const missingBreak = (event: RecordedEvent, missingVersion: number, position: number): ChainBreak => ({
  streamId: event.streamId,
  streamVersion: missingVersion,
  globalPosition: position,
  expectedHash: null,
  storedHash: null,
  problem: 'missing_event',
  message:
    missingVersion === event.streamVersion - 1
      ? `${event.streamId} has no version ${missingVersion}: version ${event.streamVersion} follows version ${missingVersion - 1}`
      : `${event.streamId} has no versions ${missingVersion}–${event.streamVersion - 1}: version ${event.streamVersion} follows version ${missingVersion - 1}`,
});

const unexpectedBreak = (event: RecordedEvent, head: number): ChainBreak => ({
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  globalPosition: event.globalPosition,
  expectedHash: null,
  storedHash: event.hash,
  problem: 'unexpected_version',
  message: `${event.streamId} version ${event.streamVersion} at position ${event.globalPosition} comes after version ${head}: events were inserted or reordered`,
});

const commandBreak = (mismatch: CommandMismatch): ChainBreak => ({
  streamId: mismatch.streamId,
  streamVersion: mismatch.version,
  globalPosition: mismatch.position,
  expectedHash: null,
  storedHash: null,
  problem: 'command_mismatch',
  message: mismatch.found
    ? `command ${mismatch.commandId} wrote ${mismatch.streamId} version ${mismatch.version} at position ${mismatch.position}, where ${mismatch.found.streamId} version ${mismatch.found.streamVersion} now is`
    : `command ${mismatch.commandId} wrote ${mismatch.streamId} version ${mismatch.version} at position ${mismatch.position}, which is gone`,
});

/** Checks one link: the stored hash against the predecessor's stored hash and the event's content. */
const checkLink = (event: RecordedEvent, previousVersion: number, previousHash: string | null, breaks: ChainBreak[]): void => {
  if (event.streamVersion <= previousVersion) {
    breaks.push(unexpectedBreak(event, previousVersion));
    return;
  }
  if (event.streamVersion > previousVersion + 1) {
    breaks.push(missingBreak(event, previousVersion + 1, event.globalPosition));
    return;
  }
  const expected = chainHash(previousHash, event);
  if (expected !== event.hash) breaks.push(linkBreak(event, expected));
};

const verifyStore = async (store: EventStore, audit: AuditQueries | null, options: VerifyOptions): Promise<Findings> => {
  const breaks: ChainBreak[] = [];
  const gaps: Array<{ from: number; to: number; explained: boolean }> = [];
  const facts = audit ? await audit.integrityFacts() : null;
  const merkle = new MerkleAccumulator();
  let lastPosition = 0;
  const scan = await scanGlobalOrder(store, { onProgress: options.onProgress }, ({ event, previous, contentHash }) => {
    if (event.globalPosition !== lastPosition + 1) gaps.push({ from: lastPosition + 1, to: event.globalPosition - 1, explained: false });
    lastPosition = event.globalPosition;
    merkle.push(leafHash(event.globalPosition, contentHash));
    const before = breaks.length;
    checkLink(event, previous.version, previous.storedHash, breaks);
    const found = breaks[before];
    // A hole in a stream usually is a hole in the global order too: name the stream at the position that was emptied.
    if (found?.problem === 'missing_event') {
      const gap = gaps.find((candidate) => !candidate.explained && candidate.from > previous.position && candidate.to < event.globalPosition);
      if (gap) {
        gap.explained = true;
        found.globalPosition = gap.from;
      }
    }
    return breaks.length < MAX_BREAKS;
  });

  const mismatches = audit ? await audit.commandMismatches({ limit: MAX_BREAKS }) : [];
  for (const mismatch of mismatches) {
    breaks.push(commandBreak(mismatch));
    const gap = gaps.find((candidate) => candidate.from <= mismatch.position && mismatch.position <= candidate.to);
    if (gap) gap.explained = true;
  }

  const warnings: string[] = [];
  const unexplained = gaps.filter((gap) => !gap.explained);
  if (facts?.densePositions) {
    for (const gap of unexplained) {
      breaks.push({
        streamId: null,
        streamVersion: null,
        globalPosition: gap.from,
        expectedHash: null,
        storedHash: null,
        problem: 'position_gap',
        message: gap.from === gap.to ? `position ${gap.from} is missing: an event was deleted` : `positions ${gap.from}–${gap.to} are missing: events were deleted`,
      });
    }
    if (facts.sequenceHead !== null && facts.sequenceHead > lastPosition && breaks.length < MAX_BREAKS) {
      const explained = mismatches.some((mismatch) => mismatch.position > lastPosition);
      if (!explained) {
        breaks.push({
          streamId: null,
          streamVersion: null,
          globalPosition: lastPosition + 1,
          expectedHash: null,
          storedHash: null,
          problem: 'missing_tail',
          message: `positions up to ${facts.sequenceHead} were handed out but the newest event is at ${lastPosition}: the newest events were deleted`,
        });
      }
    }
  } else if (unexplained.length > 0) {
    const missing = unexplained.reduce((sum, gap) => sum + gap.to - gap.from + 1, 0);
    warnings.push(
      `${missing} global position${missing === 1 ? ' is' : 's are'} unused (first ${unexplained[0]!.from}). PostgreSQL skips sequence values when an append rolls back, so this alone is no evidence; compare a Merkle fingerprint to prove nothing was removed.`,
    );
  }
  if (!audit) warnings.push('This store offers no audit queries: global positions and the commands table were not checked.');

  return {
    eventsChecked: scan.eventsChecked,
    streamsChecked: scan.streams.size,
    headPosition: lastPosition,
    breaks,
    warnings,
    fingerprint: { position: lastPosition, eventCount: merkle.size, root: merkle.root(), algorithm: 'rfc9162-sha256' },
  };
};

const verifyStream = async (store: EventStore, audit: AuditQueries | null, streamId: string, options: VerifyOptions): Promise<Findings> => {
  const breaks: ChainBreak[] = [];
  let version = 0;
  let hash: string | null = null;
  let position = 0;
  let checked = 0;
  for (;;) {
    const batch = await store.readStream(streamId, { fromVersion: version + 1, limit: SCAN_BATCH });
    for (const event of batch) {
      checkLink(event, version, hash, breaks);
      if (event.globalPosition <= position) breaks.push(unexpectedBreak(event, version));
      version = event.streamVersion;
      hash = event.hash;
      position = event.globalPosition;
      checked += 1;
    }
    options.onProgress?.(checked);
    // Reading by version from the last one seen steps over a hole instead of stopping at it.
    if (batch.length < SCAN_BATCH) break;
  }
  const mismatches = audit ? await audit.commandMismatches({ streamId, limit: MAX_BREAKS }) : [];
  if (checked === 0 && mismatches.length === 0) throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
  breaks.push(...mismatches.map(commandBreak));
  return { eventsChecked: checked, streamsChecked: 1, headPosition: position, breaks, warnings: [], fingerprint: null };
};
