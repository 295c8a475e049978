import { storedEventsOf } from '../../core/audit-queries';
import type { RecordedEvent } from '../../core/envelope';
import type { EventStore } from '../../core/event-store';
import { GENESIS_HASH } from '../../core/hash-chain';
import type { UpcasterRegistry } from '../../core/upcasting';
import { ValidationError } from '../../core/errors';
import type { KeyAnnouncement, SignedCheckpoint } from '../checkpoints/checkpoint-schemas';
import type { AuditSigningKey } from '../checkpoints/signing-key';
import { scanGlobalOrder } from '../global-scan';
import { leafHash, MerkleTree } from '../merkle';
import { nodeCrypto } from './node-crypto';
import { canonical, DIGESTED_FIELDS, digestedValue, PACK_FORMAT, packStatement, type EvidencePack, type PackEvent, type PackScope, type PackSegment } from './pack-schema';
import { eventLinesDigest, partDigest } from './portable-crypto';

/** More than this in one pack is refused: narrow the scope (the pack is built in memory). */
export const MAX_PACK_EVENTS = 200_000;

export type PackInput = {
  scope: PackScope;
  checkpoint: SignedCheckpoint;
  /** The key chain up to and including the checkpoint's key. */
  keys: KeyAnnouncement[];
  signer: AuditSigningKey;
  createdBy: string;
  now: Date;
};

const selects = (scope: PackScope) => {
  const streams = scope.streams ? new Set(scope.streams) : null;
  const from = scope.from ? new Date(scope.from).getTime() : -Infinity;
  const to = scope.to ? new Date(scope.to).getTime() : Infinity;
  return (event: RecordedEvent) => (!streams || streams.has(event.streamId)) && event.recordedAt.getTime() >= from && event.recordedAt.getTime() < to;
};

type Open = { segment: PackSegment; previousLeaf: number | null; lastVersion: number };

const sha = nodeCrypto.sha256;

export const withDigests = (entry: Omit<PackEvent, 'digests'>): PackEvent => ({
  ...entry,
  digests: Object.fromEntries(DIGESTED_FIELDS.map((field) => [field, partDigest(sha, canonical(digestedValue(entry, field)))])) as PackEvent['digests'],
});

/** What the pack signature covers of the events: their lines exactly as packLines writes them. */
export const eventsDigest = (events: readonly PackEvent[]): string => eventLinesDigest(sha, events.map((event) => JSON.stringify(event)));

/**
 * One pass over the global order up to the checkpoint: the tree's leaves (each event's stored
 * hash at its position, as the checkpoint signed them), the events in scope with their upcast
 * form, and for each stream's run of events the hash it chains from, itself proven in the tree.
 */
export const buildEvidencePack = async (store: EventStore & { upcasters: UpcasterRegistry }, input: PackInput): Promise<EvidencePack> => {
  if (input.checkpoint.keyId !== input.signer.keyId) throw new Error('the pack is signed by the key that signed its checkpoint');
  const inScope = selects(input.scope);
  const leaves: Buffer[] = [];
  const lastLeafOf = new Map<string, number>();
  const selected: Array<{ event: RecordedEvent; leafIndex: number }> = [];
  const open = new Map<string, Open>();
  const segments: Open[] = [];
  await scanGlobalOrder(storedEventsOf(store), { upTo: input.checkpoint.position }, ({ event, previous }) => {
    const leafIndex = leaves.length;
    leaves.push(leafHash(event.globalPosition, event.hash));
    if (inScope(event)) {
      if (selected.length >= MAX_PACK_EVENTS) throw new ValidationError(`More than ${MAX_PACK_EVENTS} events are in scope: narrow the streams or the time window`);
      selected.push({ event, leafIndex });
      const running = open.get(event.streamId);
      if (running && running.lastVersion === event.streamVersion - 1) {
        running.lastVersion = event.streamVersion;
        running.segment.toVersion = event.streamVersion;
        running.segment.lastHash = event.hash;
      } else {
        const first = previous.version === 0;
        const started: Open = {
          segment: {
            streamId: event.streamId,
            fromVersion: event.streamVersion,
            toVersion: event.streamVersion,
            previousHash: first ? GENESIS_HASH : previous.storedHash!,
            previous: first ? null : { position: previous.position, leafIndex: lastLeafOf.get(event.streamId)!, proof: [] },
            lastHash: event.hash,
          },
          previousLeaf: first ? null : lastLeafOf.get(event.streamId)!,
          lastVersion: event.streamVersion,
        };
        open.set(event.streamId, started);
        segments.push(started);
      }
    }
    lastLeafOf.set(event.streamId, leafIndex);
  });
  // When the store no longer holds what the checkpoint signed, the pack is still made: its proofs will not verify, which is the evidence.
  const tree = new MerkleTree(leaves);
  const events = selected.map(({ event, leafIndex }) => {
    const upcast = store.upcasters.upcast(event);
    return withDigests({
      position: event.globalPosition,
      leafIndex,
      proof: tree.proof(leafIndex),
      stored: {
        eventId: event.eventId,
        streamId: event.streamId,
        streamVersion: event.streamVersion,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
        recordedAt: event.recordedAt.toISOString(),
        hash: event.hash,
      },
      upcast: { type: upcast.type, schemaVersion: upcast.schemaVersion, data: upcast.data },
    });
  });
  for (const { segment, previousLeaf } of segments) if (segment.previous && previousLeaf !== null) segment.previous.proof = tree.proof(previousLeaf);
  const header = {
    format: PACK_FORMAT,
    createdAt: input.now.toISOString(),
    createdBy: input.createdBy,
    scope: input.scope,
    keys: input.keys,
    checkpoint: input.checkpoint,
    segments: segments.map(({ segment }) => segment),
    eventCount: events.length,
  } as const;
  return { ...header, signature: input.signer.sign(packStatement(header, eventsDigest(events))), events };
};

/** The file: the header on the first line, then one event a line. */
export function* packLines(pack: EvidencePack): Generator<string> {
  const { events, ...header } = pack;
  const head = JSON.stringify(header);
  yield `${head.slice(0, -1)},"events":[\n`;
  for (const [index, event] of events.entries()) yield `${JSON.stringify(event)}${index < events.length - 1 ? ',' : ''}\n`;
  yield ']}\n';
}

export const packText = (pack: EvidencePack): string => [...packLines(pack)].join('');
