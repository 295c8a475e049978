import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, inclusionProof, leafHash, MerkleAccumulator, merkleRoot, nodeHash, verifyInclusion } from './merkle';

const leaves = (n: number) => Array.from({ length: n }, (_, index) => leafHash(index + 1, createHash('sha256').update(`event ${index}`).digest('hex')));

/** RFC 9162's definition, written recursively: the accumulator must agree with it. */
const reference = (items: Buffer[]): Buffer => {
  if (items.length === 1) return items[0]!;
  let k = 1;
  while (k * 2 < items.length) k *= 2;
  return nodeHash(reference(items.slice(0, k)), reference(items.slice(k)));
};

describe('Merkle tree over event hashes', () => {
  it('the empty tree has the hash of nothing as its root', () => {
    expect(merkleRoot([])).toBe(EMPTY_ROOT);
    expect(EMPTY_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('computes the RFC 9162 root for every size from 1 to 70', () => {
    for (let n = 1; n <= 70; n += 1) expect(merkleRoot(leaves(n)), `size ${n}`).toBe(reference(leaves(n)).toString('hex'));
  });

  it('separates leaves from nodes, so a node cannot pass for a leaf', () => {
    const [a, b] = leaves(2);
    expect(merkleRoot([a!, b!])).not.toBe(createHash('sha256').update(Buffer.concat([a!, b!])).digest('hex'));
  });

  it('binds the position: the same hash at another position is another leaf', () => {
    expect(leafHash(1, 'ab').equals(leafHash(2, 'ab'))).toBe(false);
  });

  it('changes the root when any leaf changes, is removed, is inserted or two swap', () => {
    const base = leaves(13);
    const root = merkleRoot(base);
    const changed = [...base];
    changed[5] = leafHash(6, 'forged');
    expect(merkleRoot(changed)).not.toBe(root);
    expect(merkleRoot(base.filter((_, index) => index !== 12))).not.toBe(root);
    expect(merkleRoot([...base.slice(0, 4), leafHash(99, 'x'), ...base.slice(4)])).not.toBe(root);
    const swapped = [...base];
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect(merkleRoot(swapped)).not.toBe(root);
  });

  it('keeps a root once written down: appending leaves does not change the prefix root', () => {
    const accumulator = new MerkleAccumulator();
    const all = leaves(40);
    all.slice(0, 25).forEach((leaf) => accumulator.push(leaf));
    const checkpoint = accumulator.root();
    all.slice(25).forEach((leaf) => accumulator.push(leaf));
    expect(merkleRoot(all.slice(0, 25))).toBe(checkpoint);
    expect(accumulator.root()).not.toBe(checkpoint);
  });

  it('proves inclusion of every leaf in trees of many sizes, and refuses a wrong proof', () => {
    for (const n of [1, 2, 3, 7, 8, 9, 31]) {
      const items = leaves(n);
      const root = merkleRoot(items);
      for (let index = 0; index < n; index += 1) {
        const proof = inclusionProof(items, index);
        expect(verifyInclusion(items[index]!, index, n, proof, root), `leaf ${index} of ${n}`).toBe(true);
        if (n > 1) {
          expect(verifyInclusion(items[(index + 1) % n]!, index, n, proof, root)).toBe(false);
          expect(verifyInclusion(items[index]!, index, n, proof.slice(1), root)).toBe(false);
        }
      }
    }
  });
});

describe('MerkleTree (all levels, for many proofs)', () => {
  it('gives the same root and the same audit paths as RFC 9162’s recursive definition, sizes 1 to 70', async () => {
    const { MerkleTree } = await import('./merkle');
    for (let n = 1; n <= 70; n += 1) {
      const items = leaves(n);
      const tree = new MerkleTree(items);
      expect(tree.root(), `size ${n}`).toBe(merkleRoot(items));
      for (let index = 0; index < n; index += 1) expect(tree.proof(index), `size ${n} leaf ${index}`).toEqual(inclusionProof(items, index));
    }
  });
});

describe('portable inclusion proofs', () => {
  it('agree with Node’s verifier, with and without remembering proven nodes, and refuse a wrong sibling', async () => {
    const { MerkleTree } = await import('./merkle');
    const { portableVerifyInclusion } = await import('./pack/portable-crypto');
    const { nodeCrypto } = await import('./pack/node-crypto');
    for (const n of [1, 2, 3, 5, 8, 13, 33]) {
      const items = leaves(n);
      const tree = new MerkleTree(items);
      const proven = new Map<number, Uint8Array>();
      for (let index = 0; index < n; index += 1) {
        const path = tree.proof(index);
        expect(portableVerifyInclusion(nodeCrypto.sha256, items[index]!, index, n, path, tree.root()), `size ${n} leaf ${index}`).toBe(true);
        expect(portableVerifyInclusion(nodeCrypto.sha256, items[index]!, index, n, path, tree.root(), proven)).toBe(true);
        const forged = leafHash(999, 'forged');
        expect(portableVerifyInclusion(nodeCrypto.sha256, forged, index, n, path, tree.root(), proven), `forged leaf ${index} of ${n}`).toBe(false);
        if (path.length > 0) expect(portableVerifyInclusion(nodeCrypto.sha256, items[index]!, index, n, ['0'.repeat(64), ...path.slice(1)], tree.root())).toBe(false);
      }
    }
  });
});
