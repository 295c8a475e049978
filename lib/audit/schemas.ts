import { z } from 'zod';

/*
 * What the audit answers, as zod schemas: the types beside each function are inferred from them,
 * and the API document and the route tests read the same schemas, so they cannot drift apart.
 */

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const isoTime = z.iso.datetime({ offset: true });
const count = z.number().int().min(0);

export const breakProblemSchema = z.enum([
  /** The stored hash is not sha256(previous stored hash, this event's content): the event or its hash was changed. */
  'hash_mismatch',
  /** A stream skips a version: an event was deleted (or the rest renumbered). */
  'missing_event',
  /** A stream repeats a version or goes back in global order: events were inserted or reordered. */
  'unexpected_version',
  /** Global positions skip where a legitimate history has none (SQLite): events were deleted. */
  'position_gap',
  /** Positions were handed out beyond the newest event (SQLite): the newest events were deleted. */
  'missing_tail',
  /** The commands table records an event (stream, version, position) that is no longer there. */
  'command_mismatch',
]);

export const chainBreakSchema = z
  .object({
    streamId: z.string().nullable(),
    streamVersion: z.number().int().nullable(),
    globalPosition: z.number().int().nullable(),
    expectedHash: hash.nullable(),
    storedHash: hash.nullable(),
    problem: breakProblemSchema,
    message: z.string(),
  })
  .meta({ id: 'ChainBreak' });

export const merkleFingerprintSchema = z
  .object({
    position: count.describe('Every event at or before this global position is covered'),
    eventCount: count,
    root: hash,
    algorithm: z.literal('rfc9162-sha256'),
  })
  .meta({ id: 'MerkleFingerprint' });

export const verificationReportSchema = z
  .object({
    ok: z.boolean(),
    scope: z.enum(['store', 'stream']),
    streamId: z.string().nullable(),
    eventsChecked: count,
    streamsChecked: count,
    headPosition: count.describe('The newest global position checked'),
    firstBreak: chainBreakSchema.nullable().describe('The earliest break by global position, or null'),
    breaks: z.array(chainBreakSchema).describe('Every break found, earliest first (at most 100)'),
    warnings: z.array(z.string()).describe('Facts worth knowing that are not evidence of tampering on their own'),
    fingerprint: merkleFingerprintSchema.nullable().describe('For the whole store when intact: the Merkle root of everything checked, to write down'),
    checkedAt: isoTime,
    elapsedMs: z.number().min(0),
  })
  .meta({ id: 'VerificationReport' });

export const fingerprintCheckSchema = z
  .object({ ok: z.boolean(), position: count, expectedRoot: z.string(), actualRoot: hash, eventCount: count, message: z.string() })
  .meta({ id: 'FingerprintCheck' });

export const inclusionProofSchema = z
  .object({
    position: count,
    eventHash: hash,
    leafIndex: count,
    treeSize: count,
    treePosition: count,
    root: hash,
    path: z.array(hash),
    verified: z.boolean(),
  })
  .meta({ id: 'InclusionProof' });

/** One line of the audit trail: an event as stored, with its metadata's audit fields lifted out. */
export const trailRowSchema = z
  .object({
    globalPosition: z.number().int().min(1),
    recordedAt: isoTime,
    streamId: z.string(),
    streamVersion: z.number().int().min(1),
    type: z.string(),
    schemaVersion: z.number().int().min(1),
    actor: z.string(),
    correlationId: z.string(),
    causationId: z.string().nullable(),
    commandId: z.string().nullable(),
    eventId: z.string(),
    hash: z.string(),
    data: z.unknown(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TrailRow' });

export const trailPageSchema = z
  .object({
    rows: z.array(trailRowSchema),
    nextCursor: z.number().int().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'TrailPage' });

export const bankTotalsAtSchema = z
  .object({
    at: isoTime.describe('Everything recorded at or before this moment is counted, nothing after'),
    position: count.describe('The newest global position counted (0 when nothing was)'),
    eventsFolded: count,
    accountsByStatus: z.object({ open: count, closed: count }),
    totalsByCurrency: z.array(z.object({ currency: z.string(), balance: z.number().int(), accounts: count })),
  })
  .meta({ id: 'BankTotalsAt' });

export const accountStateAtSchema = z
  .object({
    accountId: z.string(),
    streamId: z.string(),
    asOf: z.union([z.object({ at: isoTime }), z.object({ version: count })]).describe('What was asked: a moment or a version'),
    version: count.describe("The account's version at that point (0: not yet opened)"),
    head: count,
    recordedAt: isoTime.nullable().describe('When the event that made this version was recorded; null at version 0'),
    opened: z.boolean(),
    state: z.record(z.string(), z.unknown()).describe("The account's state, as its decider folds it"),
    message: z.string(),
  })
  .meta({ id: 'AccountStateAt' });
