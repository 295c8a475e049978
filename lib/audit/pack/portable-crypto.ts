import { canonicalEncoding, GENESIS_HASH, type PortableHashedFields } from '../../core/canonical-event';

/*
 * The hashing an offline verifier needs, over a SHA-256 it is given (Node's, or a pure-JS one in
 * a browser, where WebCrypto's digest is asynchronous and too slow one event at a time), so
 * the verifier runs the same code in both. Byte for byte as lib/core/hash-chain.ts and merkle.ts.
 */

/** SHA-256 over the parts in order, as if concatenated. */
export type Sha256 = (...parts: Uint8Array[]) => Uint8Array;

export type PortableCrypto = {
  sha256: Sha256;
  /** Ed25519: the raw public key (base64url), the message, the signature (base64url). */
  verifyEd25519: (publicKey: string, message: string, signature: string) => Promise<boolean>;
};

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export const toHex = (bytes: Uint8Array): string => {
  let text = '';
  for (const byte of bytes) text += HEX[byte];
  return text;
};

const NIBBLE = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit += 1) NIBBLE['0123456789abcdef'.charCodeAt(digit)] = digit;

/** Lower-case hex to bytes (the schema has checked the digits). */
export const fromHex = (hex: string): Uint8Array => {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = (NIBBLE[hex.charCodeAt(index * 2)]! << 4) | NIBBLE[hex.charCodeAt(index * 2 + 1)]!;
  return bytes;
};

export const sha256Hex = (sha256: Sha256, text: string): string => toHex(sha256(encoder.encode(text)));

export const portableChainHash = (sha256: Sha256, previousHash: string | null, event: PortableHashedFields): string =>
  sha256Hex(sha256, `${previousHash ?? GENESIS_HASH}\n${canonicalEncoding(event)}`);

const LEAF = new Uint8Array([0]);
const NODE = new Uint8Array([1]);

export const portableLeafHash = (sha256: Sha256, position: number, eventHash: string): Uint8Array =>
  sha256(LEAF, encoder.encode(`${position}:${eventHash}`));

/**
 * Nodes of one tree already proven to lead to its root, by level and index. A later proof that
 * reaches a proven node with the same hash is proven there (its leaf hashes up into a node of the
 * signed tree); with another hash it is false. A pack of n events then costs about 2n hashes, not
 * n log n. What this skips of a proof's upper path is still covered by the pack's signature.
 */
export type ProvenNodes = Map<number, Uint8Array>;

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
};

/** RFC 9162 §2.1.3.2, as lib/audit/merkle.ts's verifyInclusion; `proven` (for one tree) remembers what it proved. */
export const portableVerifyInclusion = (
  sha256: Sha256,
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly string[],
  root: string,
  proven?: ProvenNodes,
): boolean => {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let level = 0;
  let hash = leaf;
  const visited: Array<[number, Uint8Array]> = [];
  const settle = (ok: boolean) => {
    if (ok && proven) for (const [key, value] of visited) proven.set(key, value);
    return ok;
  };
  for (const hex of proof) {
    if (sn === 0) return false;
    const key = level * 2 ** 32 + fn;
    const known = proven?.get(key);
    if (known) return sameBytes(known, hash) && settle(true);
    visited.push([key, hash]);
    const sibling = fromHex(hex);
    if (fn % 2 === 1 || fn === sn) {
      hash = sha256(NODE, sibling, hash);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
        level += 1;
      }
    } else {
      hash = sha256(NODE, hash, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    level += 1;
  }
  return settle(sn === 0 && toHex(hash) === root);
};

/** What the pack's signature covers of its events: sha256 over the hex sha256 of each event's line as written (without its comma). */
export const eventLinesDigest = (sha256: Sha256, lines: readonly string[]): string => {
  let joined = '';
  for (const line of lines) joined += sha256Hex(sha256, line);
  return sha256Hex(sha256, joined);
};

/** The first 96 bits of an entry part's sha256: enough to say which part changed. */
export const partDigest = (sha256: Sha256, canonicalValue: string): string => sha256Hex(sha256, canonicalValue).slice(0, 24);
