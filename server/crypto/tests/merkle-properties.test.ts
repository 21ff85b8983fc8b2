// Property tests over random tree sizes: proofs from the tree verify against a
// naive RFC 6962 MTH, compact ranges agree with full recomputation, and
// forged proofs (wrong index, wrong size, swapped siblings, truncated or
// extended paths, altered hashes) are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bytesEqual, toHex } from '../bytes.ts';
import { CompactRange } from '../merkle/compact-range.ts';
import { createMerkleHasher, splitPoint, type MerkleHasher } from '../merkle/hasher.ts';
import { signTreeHead, verifyTreeHead } from '../merkle/tree-head.ts';
import { MerkleTree } from '../merkle/tree.ts';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from '../merkle/verify.ts';
import { generateSm2KeyPair } from '../sm2/keys.ts';
import { itemAt } from './support/item-at.ts';

const RUNS = { numRuns: 60 };
const hashers = fc.constantFrom(createMerkleHasher('sha256'), createMerkleHasher('sm3'));

/** MTH straight from RFC 6962 2.1, recursing over the leaf hashes. */
function naiveRoot(hasher: MerkleHasher, leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length <= 1) return leaves[0] ?? hasher.emptyRoot();
  const k = splitPoint(leaves.length);
  return hasher.hashChildren(naiveRoot(hasher, leaves.slice(0, k)), naiveRoot(hasher, leaves.slice(k)));
}

/** Each proof with two different neighbouring hashes swapped, with the first one's position. */
function* neighbourSwaps(proof: readonly Uint8Array[]): Generator<[number, Uint8Array[]]> {
  for (const [i, hash] of proof.entries()) {
    const next = proof[i + 1];
    if (!next || bytesEqual(hash, next)) continue;
    const swapped = [...proof];
    [swapped[i], swapped[i + 1]] = [next, hash];
    yield [i, swapped];
  }
}

function leavesFor(hasher: MerkleHasher, size: number, seed: number): Uint8Array[] {
  return Array.from({ length: size }, (_, i) => hasher.hashLeaf(Uint8Array.of(seed & 0xff, i & 0xff, (i >> 8) & 0xff)));
}

const sized = fc.record({ hasher: hashers, size: fc.integer({ min: 1, max: 300 }), seed: fc.nat() });

test('roots of every prefix equal the naive MTH, and the compact range agrees after each append', () => {
  fc.assert(
    fc.property(sized, ({ hasher, size, seed }) => {
      const leaves = leavesFor(hasher, size, seed);
      const tree = MerkleTree.fromLeafHashes(leaves, hasher);
      const compact = CompactRange.empty(hasher);
      for (let n = 0; n <= size; n++) {
        const expected = naiveRoot(hasher, leaves.slice(0, n));
        if (n === size || n % 17 === 0) assert.ok(bytesEqual(tree.root(n), expected), `tree root ${n}`);
        assert.ok(bytesEqual(compact.root(), expected), `compact root ${n}`);
        if (n < size) compact.appendLeafHash(itemAt(leaves, n));
      }
      const restored = CompactRange.restore(compact.size, compact.hashes(), hasher);
      assert.deepEqual(restored.root(), compact.root());
    }),
    { numRuns: 30 },
  );
});

test('inclusion proofs verify for random leaves and sizes; forged ones are refused', () => {
  fc.assert(
    fc.property(sized, fc.nat(), fc.nat(), ({ hasher, size, seed }, rawIndex, rawSize) => {
      const leaves = leavesFor(hasher, size, seed);
      const tree = MerkleTree.fromLeafHashes(leaves, hasher);
      const treeSize = 1 + (rawSize % size);
      const index = rawIndex % treeSize;
      const root = naiveRoot(hasher, leaves.slice(0, treeSize));
      const proof = tree.inclusionProof(index, treeSize);
      const leaf = itemAt(leaves, index);
      assert.ok(verifyInclusion(hasher, index, treeSize, leaf, proof, root));

      const refused = (i: number, s: number, p: Uint8Array[], otherLeaf = leaf) => !verifyInclusion(hasher, i, s, otherLeaf, p, root);
      if (treeSize > 1) {
        assert.ok(refused(index, treeSize, proof, itemAt(leaves, (index + 1) % treeSize)), 'another leaf');
        for (const wrongIndex of [index - 1, index + 1, index ^ 1]) {
          if (wrongIndex >= 0 && wrongIndex !== index) assert.ok(refused(wrongIndex, treeSize, proof), `index ${wrongIndex}`);
        }
      }
      // A size is only meaningful with its own (signed) root: pair each wrong size with its real root.
      for (const wrongSize of [treeSize - 1, treeSize + 1]) {
        if (wrongSize <= index || wrongSize > size) continue;
        const wrongRoot = naiveRoot(hasher, leaves.slice(0, wrongSize));
        assert.ok(!verifyInclusion(hasher, index, wrongSize, leaf, proof, wrongRoot), `size ${wrongSize}`);
      }
      // Doubling the size always changes the path length, so even the right root is refused.
      assert.ok(refused(index, treeSize * 2, proof), 'size * 2');
      assert.ok(rootFromInclusionProof(hasher, index, treeSize * 2, leaf, proof) === undefined);
      if (proof.length > 0) {
        assert.ok(refused(index, treeSize, proof.slice(0, -1)), 'truncated');
        assert.ok(refused(index, treeSize, [...proof, itemAt(proof, proof.length - 1)]), 'extended');
        const alteredHash = rawIndex % proof.length;
        const alteredOctet = rawSize % hasher.size;
        const altered = proof.map((p, i) => {
          const copy = p.slice();
          if (i === alteredHash) copy[alteredOctet] = itemAt(copy, alteredOctet) ^ 0x40;
          return copy;
        });
        assert.ok(refused(index, treeSize, altered), 'altered hash');
      }
      for (const [i, swapped] of neighbourSwaps(proof)) assert.ok(refused(index, treeSize, swapped), `swapped siblings ${i}`);
    }),
    RUNS,
  );
});

test('consistency proofs verify between random sizes; forged ones are refused', () => {
  fc.assert(
    fc.property(sized, fc.nat(), fc.nat(), ({ hasher, size, seed }, a, b) => {
      const leaves = leavesFor(hasher, size, seed);
      const tree = MerkleTree.fromLeafHashes(leaves, hasher);
      const second = 1 + (b % size);
      const first = a % (second + 1);
      const [root1, root2] = [naiveRoot(hasher, leaves.slice(0, first)), naiveRoot(hasher, leaves.slice(0, second))];
      const proof = tree.consistencyProof(first, second);
      assert.ok(verifyConsistency(hasher, first, second, proof, root1, root2));
      if (first === 0 || first === second) return;
      const refused = (m: number, n: number, p: Uint8Array[], r1 = root1, r2 = root2) => !verifyConsistency(hasher, m, n, p, r1, r2);
      for (const m of [first - 1, first + 1]) {
        if (m > 0 && m < second) {
          const rm = naiveRoot(hasher, leaves.slice(0, m));
          assert.ok(refused(m, second, proof, rm), `first size ${m}`);
        }
      }
      for (const wrongSecond of [second - 1, second + 1]) {
        if (wrongSecond <= first || wrongSecond > size) continue;
        assert.ok(refused(first, wrongSecond, proof, root1, naiveRoot(hasher, leaves.slice(0, wrongSecond))), `second size ${wrongSecond}`);
      }
      assert.ok(refused(first, second, proof, root2, root1), 'swapped roots');
      assert.ok(refused(first, second, proof.slice(0, -1)), 'truncated');
      assert.ok(refused(first, second, [...proof, root2]), 'extended');
      for (const [i, swapped] of neighbourSwaps(proof)) assert.ok(refused(first, second, swapped), `swapped ${i}`);
    }),
    RUNS,
  );
});

test('signed tree heads verify and any change to size, root or time is refused', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const tree = MerkleTree.fromLeafHashes(leavesFor(createMerkleHasher('sha256'), 10, 1));
  const head = signTreeHead({ treeSize: 10, rootHash: tree.root(), timestamp: Date.UTC(2030, 0, 1) }, privateKey);
  assert.ok(verifyTreeHead(head, publicKey));
  assert.ok(!verifyTreeHead({ ...head, treeSize: 11 }, publicKey));
  assert.ok(!verifyTreeHead({ ...head, rootHash: tree.root(9) }, publicKey));
  assert.ok(!verifyTreeHead({ ...head, timestamp: head.timestamp + 1 }, publicKey));
  assert.ok(!verifyTreeHead(head, generateSm2KeyPair().publicKey));
  assert.equal(toHex(head.rootHash), toHex(tree.root()));
});

test('restoring a compact range checks its shape', () => {
  const hasher = createMerkleHasher('sha256');
  const compact = CompactRange.empty(hasher);
  for (let i = 0; i < 5; i++) compact.append(Uint8Array.of(i));
  assert.equal(compact.hashes().length, 2);
  assert.throws(() => CompactRange.restore(5, compact.hashes().slice(1), hasher), RangeError);
  assert.throws(() => CompactRange.restore(6, compact.hashes(), hasher).root() && CompactRange.restore(7, compact.hashes(), hasher), RangeError);
  const resumed = CompactRange.restore(5, compact.hashes(), hasher);
  resumed.append(Uint8Array.of(5));
  compact.append(Uint8Array.of(5));
  assert.deepEqual(resumed.root(), compact.root());
});
