import { createHash } from 'node:crypto';

/*
 * A Merkle tree over event hashes in global order, as RFC 9162 (Certificate
 * Transparency) defines it: leaves and nodes are domain-separated, and a tree
 * of n leaves splits at the largest power of two below n. Each leaf binds an
 * event's position to its hash, so moving an event changes the root too.
 */

const sha256 = (...parts: Array<Buffer | string>): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = (position: number, eventHash: string): Buffer => sha256(LEAF, `${position}:${eventHash}`);
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(NODE, left, right);
export const EMPTY_ROOT = sha256('').toString('hex');

/** The root of a growing list of leaves in O(log n) memory: a stack of perfect subtrees, like a binary counter. */
export class MerkleAccumulator {
  private readonly stack: Array<{ size: number; hash: Buffer }> = [];
  private count = 0;

  push(leaf: Buffer): void {
    let entry = { size: 1, hash: leaf };
    while (this.stack.length > 0 && this.stack.at(-1)!.size === entry.size) {
      const left = this.stack.pop()!;
      entry = { size: left.size * 2, hash: nodeHash(left.hash, entry.hash) };
    }
    this.stack.push(entry);
    this.count += 1;
  }

  get size(): number {
    return this.count;
  }

  /** Folding the stack from the right is RFC 9162's split at the largest power of two. */
  root(): string {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let hash = this.stack.at(-1)!.hash;
    for (let index = this.stack.length - 2; index >= 0; index -= 1) hash = nodeHash(this.stack[index]!.hash, hash);
    return hash.toString('hex');
  }
}

export const merkleRoot = (leaves: readonly Buffer[]): string => {
  const accumulator = new MerkleAccumulator();
  for (const leaf of leaves) accumulator.push(leaf);
  return accumulator.root();
};

const largestPowerOfTwoBelow = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const subtreeRoot = (leaves: readonly Buffer[]): Buffer => {
  if (leaves.length === 1) return leaves[0]!;
  const k = largestPowerOfTwoBelow(leaves.length);
  return nodeHash(subtreeRoot(leaves.slice(0, k)), subtreeRoot(leaves.slice(k)));
};

/** The audit path of leaf `index`: the sibling hashes from the leaf up (RFC 9162 §2.1.3.1). */
export const inclusionProof = (leaves: readonly Buffer[], index: number): string[] => {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
  const path = (slice: readonly Buffer[], at: number): Buffer[] => {
    if (slice.length <= 1) return [];
    const k = largestPowerOfTwoBelow(slice.length);
    return at < k
      ? [...path(slice.slice(0, k), at), subtreeRoot(slice.slice(k))]
      : [...path(slice.slice(k), at - k), subtreeRoot(slice.slice(0, k))];
  };
  return path(leaves, index).map((hash) => hash.toString('hex'));
};

/** Checks an audit path without the tree (RFC 9162 §2.1.3.2). */
export const verifyInclusion = (leaf: Buffer, index: number, size: number, proof: readonly string[], root: string): boolean => {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let hash = leaf;
  for (const sibling of proof.map((hex) => Buffer.from(hex, 'hex'))) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      hash = nodeHash(sibling, hash);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      hash = nodeHash(hash, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && hash.toString('hex') === root;
};

/**
 * Every level of the tree at once, for many proofs from one tree (an evidence pack): O(n) to
 * build, O(log n) a proof. Building levels pairwise and carrying an odd last node up unchanged
 * gives RFC 9162's tree, so its paths equal `inclusionProof`'s.
 */
export class MerkleTree {
  private readonly levels: Buffer[][];

  constructor(leaves: readonly Buffer[]) {
    this.levels = [[...leaves]];
    while (this.levels.at(-1)!.length > 1) {
      const below = this.levels.at(-1)!;
      const above: Buffer[] = [];
      for (let index = 0; index < below.length; index += 2) above.push(index + 1 < below.length ? nodeHash(below[index]!, below[index + 1]!) : below[index]!);
      this.levels.push(above);
    }
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  root(): string {
    return this.size === 0 ? EMPTY_ROOT : this.levels.at(-1)![0]!.toString('hex');
  }

  proof(index: number): string[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new RangeError(`leaf ${index} is not in a tree of ${this.size}`);
    const path: string[] = [];
    let at = index;
    for (const level of this.levels.slice(0, -1)) {
      const sibling = at ^ 1;
      if (sibling < level.length) path.push(level[sibling]!.toString('hex'));
      at >>= 1;
    }
    return path;
  }
}
