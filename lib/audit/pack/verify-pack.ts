import { GENESIS_HASH } from '../../core/canonical-event';
import { checkpointStatement } from '../checkpoints/checkpoint-schemas';
import { checkKeyChain } from '../checkpoints/key-chain';
import { z } from 'zod';
import { canonical, DIGESTED_FIELDS, digestedValue, packEventSchema, packHeaderSchema, packStatement, type DigestedField, type EvidencePack, type PackEvent } from './pack-schema';
import { eventLinesDigest, partDigest, portableChainHash, portableLeafHash, portableVerifyInclusion, type PortableCrypto, type ProvenNodes } from './portable-crypto';

/*
 * Checks an evidence pack with nothing but the file: no server, no database, no network. Stops at
 * the first fault and names it: the event (position, stream, version) and the field, as
 * precisely as the file allows. The same code runs in the CLI (Node's crypto) and in the
 * offline page (a pure-JS SHA-256 and WebCrypto's Ed25519).
 */

export type PackFault = {
  /** The event's index in the file (0-based), its line in the file, position, stream and version, when the fault is in an event. */
  event: { index: number; line: number; position: number; streamId: string; streamVersion: number } | null;
  /** A path in the file: `events[3].stored.data`, `checkpoint.signature`, `segments[0].previousHash`… */
  field: string;
  message: string;
};

export type PackVerification = {
  ok: boolean;
  fault: PackFault | null;
  eventsChecked: number;
  streams: number;
  checkpoint: { position: number; eventCount: number; root: string; takenAt: string; keyId: string } | null;
  /** The first key of the chain: compare it with the key the bank publishes. */
  trustAnchorKeyId: string | null;
  publicKey: string | null;
  elapsedMs: number;
};

/** The header is line 1; event i is on line i + 2. */
const lineOf = (index: number) => index + 2;

const eventRef = (event: PackEvent, index: number): PackFault['event'] => ({
  index,
  line: lineOf(index),
  position: event.position,
  streamId: event.stored.streamId,
  streamVersion: event.stored.streamVersion,
});

const describe = (event: PackEvent) => `${event.stored.streamId} v${event.stored.streamVersion} (position ${event.position})`;

/** Which parts of an entry no longer match the digests recorded with it. */
const changedParts = (crypto: PortableCrypto, event: PackEvent): DigestedField[] =>
  DIGESTED_FIELDS.filter((field) => partDigest(crypto.sha256, canonical(digestedValue(event, field))) !== event.digests[field]);

/** JSON.parse names no place in every engine: the layout (a header line, one event a line) finds the line. */
const jsonFault = (text: string, error: Error): PackFault => {
  const lines = text.split('\n');
  const parses = (line: string) => {
    try {
      JSON.parse(line);
      return true;
    } catch {
      return false;
    }
  };
  const closing = lines.indexOf(']}', 1);
  const eventsEnd = closing === -1 ? lines.length : closing;
  let line = 0;
  if (!lines[0]!.endsWith(',"events":[') || !parses(`${lines[0]!.slice(0, -',"events":['.length)}}`)) line = 1;
  for (let index = 1; line === 0 && index < eventsEnd; index += 1) {
    const each = lines[index]!;
    if (!parses(each.replace(/,$/, '')) || each.endsWith(',') !== index < eventsEnd - 1) line = index + 1;
  }
  if (line === 0) line = closing === -1 ? lines.length : lines.slice(closing + 1).join('\n') === '' ? 0 : closing + 2;
  return {
    event: null,
    field: line === 0 ? '(file)' : line === 1 ? '(header)' : `events[${line - 2}]`,
    message: `The file is not valid JSON${line === 0 ? '' : ` (line ${line})`}: ${error.message}`,
  };
};

export const verifyPackText = async (text: string, crypto: PortableCrypto, clock: () => number = () => Date.now()): Promise<PackVerification> => {
  const started = clock();
  const result = (fault: PackFault | null, pack?: EvidencePack, eventsChecked = 0): PackVerification => ({
    ok: fault === null,
    fault,
    eventsChecked,
    streams: pack ? new Set(pack.events.map((event) => event.stored.streamId)).size : 0,
    checkpoint: pack ? { position: pack.checkpoint.position, eventCount: pack.checkpoint.eventCount, root: pack.checkpoint.root, takenAt: pack.checkpoint.takenAt, keyId: pack.checkpoint.keyId } : null,
    trustAnchorKeyId: pack?.keys[0]?.keyId ?? null,
    publicKey: pack?.keys.find((key) => key.keyId === pack.checkpoint.keyId)?.publicKey ?? null,
    elapsedMs: clock() - started,
  });

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return result(jsonFault(text, error as Error));
  }
  // Validated part by part, keeping the file's own objects: a copy of a 100 000-event pack would double the memory.
  const notAPack = (issue: z.core.$ZodIssue, prefix: PropertyKey[], event: PackFault['event']) => {
    const path = [...prefix, ...issue.path].map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
    return result({ event, field: path || '(file)', message: `Not an evidence pack as written: ${path || 'the file'}: ${issue.message}` });
  };
  const headerCheck = packHeaderSchema.extend({ events: z.array(z.unknown()) }).safeParse(raw);
  if (!headerCheck.success) return notAPack(headerCheck.error.issues[0]!, [], null);
  const rawEvents = (raw as { events: unknown[] }).events;
  for (const [index, event] of rawEvents.entries()) {
    const checked = packEventSchema.safeParse(event);
    if (!checked.success) {
      const stored = (event as { stored?: PackEvent['stored']; position?: number } | null)?.stored;
      const ref = stored && typeof stored === 'object' ? eventRef(event as PackEvent, index) : null;
      return notAPack(checked.error.issues[0]!, ['events', index], ref);
    }
  }
  const pack = raw as EvidencePack;
  const { sha256 } = crypto;

  // The keys and the checkpoint: who signed, and what.
  const chain = await checkKeyChain(pack.keys, crypto.verifyEd25519);
  if (!chain.ok) return result({ event: null, field: `keys[${chain.index}].${chain.field}`, message: chain.message }, pack);
  const signer = pack.keys.find((key) => key.keyId === pack.checkpoint.keyId);
  if (!signer) return result({ event: null, field: 'checkpoint.keyId', message: `The checkpoint names key ${pack.checkpoint.keyId}, which is not among the pack's keys` }, pack);
  if (!(await crypto.verifyEd25519(signer.publicKey, checkpointStatement(pack.checkpoint), pack.checkpoint.signature))) {
    return result({ event: null, field: 'checkpoint', message: `The checkpoint (position, eventCount, root, takenAt, keyId or signature) is not what ${signer.keyId} signed` }, pack);
  }
  const { root, eventCount: treeSize } = pack.checkpoint;
  const proven: ProvenNodes = new Map();

  // Every event: its place, its chain link, its leaf in the signed tree.
  const lastHashOf = new Map<string, { version: number; hash: string }>();
  const segmentStarts = new Map(pack.segments.map((segment, index) => [`${segment.streamId}\u0000${segment.fromVersion}`, { segment, index }]));
  let previousPosition = 0;
  for (const [index, event] of pack.events.entries()) {
    const { stored } = event;
    const fault = (field: string, message: string): PackVerification =>
      result({ event: eventRef(event, index), field: `events[${index}].${field}`, message: `Event ${describe(event)}: ${message}` }, pack, index);
    const blame = (suspects: DigestedField[], fallback: { field: string; message: string }): PackVerification => {
      const changed = changedParts(crypto, event).find((field) => suspects.includes(field));
      return changed ? fault(changed, `${changed} was changed after the pack was made (it no longer matches its digest)`) : fault(fallback.field, fallback.message);
    };

    if (event.position <= previousPosition) return blame(['position'], { field: 'position', message: `positions must rise through the file; ${event.position} follows ${previousPosition}` });
    if (event.position > pack.checkpoint.position) return blame(['position'], { field: 'position', message: `is after the checkpoint's position ${pack.checkpoint.position}` });
    previousPosition = event.position;

    const running = lastHashOf.get(stored.streamId);
    let previousHash: string;
    if (running && running.version === stored.streamVersion - 1) previousHash = running.hash;
    else {
      const start = segmentStarts.get(`${stored.streamId}\u0000${stored.streamVersion}`);
      if (!start) {
        return blame(['stored.streamId', 'stored.streamVersion'], {
          field: 'stored.streamVersion',
          message: 'does not continue its stream, and no segment of the header starts there (the segments, or this event, were changed)',
        });
      }
      previousHash = start.segment.previousHash;
    }
    const contentHash = portableChainHash(sha256, previousHash, stored);
    if (contentHash !== stored.hash) {
      const contentFields: DigestedField[] = ['stored.eventId', 'stored.streamId', 'stored.streamVersion', 'stored.type', 'stored.schemaVersion', 'stored.data', 'stored.metadata', 'stored.recordedAt', 'stored.hash'];
      const inTree = portableVerifyInclusion(sha256, portableLeafHash(sha256, event.position, contentHash), event.leafIndex, treeSize, event.proof, root);
      if (inTree) return fault('stored.hash', 'the hash was changed after the pack was made: the content still hashes to the value the checkpoint signed');
      return blame(contentFields, {
        field: 'stored',
        message: 'its content does not hash to its stored hash: the event was altered in the store before this pack was made (its digests were taken from the altered event)',
      });
    }
    if (!portableVerifyInclusion(sha256, portableLeafHash(sha256, event.position, stored.hash), event.leafIndex, treeSize, event.proof, root, proven)) {
      return blame(['position', 'leafIndex', 'proof'], {
        field: 'proof',
        message: `is not in the history the checkpoint signed (root ${root.slice(0, 16)}…): the store's history up to position ${pack.checkpoint.position} differs from what was signed`,
      });
    }
    lastHashOf.set(stored.streamId, { version: stored.streamVersion, hash: stored.hash });
  }

  // The segments: where each run of a stream starts (its boundary hash, proven) and ends.
  const byStream = new Map<string, PackEvent[]>();
  for (const event of pack.events) {
    const list = byStream.get(event.stored.streamId);
    if (list) list.push(event);
    else byStream.set(event.stored.streamId, [event]);
  }
  for (const [index, segment] of pack.segments.entries()) {
    const field = (name: string) => `segments[${index}].${name}`;
    const fault = (name: string, message: string) => result({ event: null, field: field(name), message: `Segment ${segment.streamId} v${segment.fromVersion}–v${segment.toVersion}: ${message}` }, pack, pack.events.length);
    const members = (byStream.get(segment.streamId) ?? []).filter((event) => event.stored.streamVersion >= segment.fromVersion && event.stored.streamVersion <= segment.toVersion);
    if (members.length !== segment.toVersion - segment.fromVersion + 1) return fault('toVersion', `the file holds ${members.length} of its events`);
    if (members.at(-1)!.stored.hash !== segment.lastHash) return fault('lastHash', 'does not match the hash of its last event');
    if (segment.fromVersion === 1) {
      if (segment.previousHash !== GENESIS_HASH || segment.previous !== null) return fault('previousHash', 'a stream’s first event chains from the genesis hash');
    } else if (
      !segment.previous ||
      !portableVerifyInclusion(sha256, portableLeafHash(sha256, segment.previous.position, segment.previousHash), segment.previous.leafIndex, treeSize, segment.previous.proof, root, proven)
    ) {
      return fault('previousHash', 'its boundary hash (the event before it) is not proven in the signed checkpoint');
    }
  }

  // The whole file, as the server signed it: the header's content and every event's line, byte for byte (upcast form included).
  const { events, signature, ...header } = pack;
  const lines = text.split('\n');
  const eventLines = lines.slice(1, 1 + events.length).map((line) => (line.endsWith(',') ? line.slice(0, -1) : line));
  const byteFault = (index: number) =>
    result(
      { event: eventRef(events[index]!, index), field: `events[${index}]`, message: `Event ${describe(events[index]!)}: the bytes of line ${lineOf(index)} were changed where the values still read the same` },
      pack,
      events.length,
    );
  if (!(await crypto.verifyEd25519(signer.publicKey, packStatement(header, eventLinesDigest(sha256, eventLines)), signature))) {
    for (const [index, event] of events.entries()) {
      const changed = changedParts(crypto, event)[0];
      if (changed) {
        return result(
          { event: eventRef(event, index), field: `events[${index}].${changed === 'upcast' ? 'upcast' : `digests.${changed}`}`, message: `Event ${describe(event)}: ${changed === 'upcast' ? 'its upcast form' : `the digest of ${changed}`} was changed after the pack was made` },
          pack,
          events.length,
        );
      }
      if (JSON.stringify(rawEvents[index]) !== eventLines[index]) return byteFault(index);
    }
    return result({ event: null, field: '(header)', message: "The pack's header (format, createdAt, createdBy, scope, eventCount) or its signature was changed after it was made" }, pack, events.length);
  }
  // Every value and every event line holds; the rest of the bytes must too, so no change goes unnoticed.
  const { events: _events, ...rawHeader } = raw as { events: unknown[] };
  const expected = [`${JSON.stringify(rawHeader).slice(0, -1)},"events":[`, ...eventLines.map((line, index) => (index < events.length - 1 ? `${line},` : line)), ']}', ''];
  const differs = expected.findIndex((line, index) => lines[index] !== line);
  if (differs !== -1 || lines.length !== expected.length) {
    const line = differs === -1 ? expected.length + 1 : differs + 1;
    const index = line - 2;
    if (index >= 0 && index < events.length) return byteFault(index);
    return result({ event: null, field: '(header)', message: `The file's bytes were changed at line ${line}, where the values still read the same` }, pack, events.length);
  }
  return result(null, pack, events.length);
};

