// Merkle tree known answers: the Certificate Transparency reference vectors
// (transparency-dev/merkle testonly/constants.go and proof/verify_test.go, the
// same data as certificate-transparency-go) and RFC 6962 section 2.1.3's
// worked example tree of seven leaves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromHex, toHex, utf8 } from '../bytes.ts';
import { CompactRange } from '../merkle/compact-range.ts';
import { SHA256_MERKLE as H, SM3_MERKLE } from '../merkle/hasher.ts';
import { MerkleTree } from '../merkle/tree.ts';
import { verifyConsistency, verifyInclusion } from '../merkle/verify.ts';
import { itemAt } from './support/item-at.ts';

const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// Complete subtree hashes by level (NodeHashes in constants.go).
const NODES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];
const n = (level: number, index: number): string => itemAt(itemAt(NODES, level), index);
// (leaf index, tree size, proof) from proof/verify_test.go (which numbers leaves from 1).
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [0, 8, [n(0, 1), n(1, 1), n(2, 1)]],
  [5, 8, [n(0, 4), n(1, 3), n(2, 0)]],
  [2, 3, [n(1, 0)]],
  [1, 5, [n(0, 0), n(1, 1), n(0, 4)]],
];
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [1, 8, [n(0, 1), n(1, 1), n(2, 1)]],
  [6, 8, [n(1, 2), n(1, 3), n(2, 0)]],
  [2, 5, [n(1, 1), n(0, 4)]],
  [6, 7, [n(1, 2), n(0, 6), n(2, 0)]],
];
const tree = MerkleTree.fromLeafHashes(LEAVES.map((d) => H.hashLeaf(d)));
const root = (size: number): Uint8Array => fromHex(itemAt(ROOTS, size));
const leaf = (index: number): Uint8Array => itemAt(LEAVES, index);
/** A copy of the hashes with `mask` flipped in the first octet of hash `i`. */
const flipped = (hashes: readonly Uint8Array[], i: number, mask: number): Uint8Array[] =>
  hashes.map((hash, j) => (j === i ? Uint8Array.of(itemAt(hash, 0) ^ mask, ...hash.subarray(1)) : hash.slice()));

test('leaf, node and empty-tree hashes use RFC 6962 domain separation', () => {
  assert.equal(toHex(H.emptyRoot()), ROOTS[0]);
  assert.equal(toHex(H.hashLeaf(new Uint8Array(0))), ROOTS[1]);
  assert.equal(toHex(H.hashChildren(fromHex(n(0, 0)), fromHex(n(0, 1)))), n(1, 0));
  assert.equal(toHex(SM3_MERKLE.emptyRoot()), '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  assert.notEqual(toHex(SM3_MERKLE.hashLeaf(new Uint8Array(0))), toHex(SM3_MERKLE.emptyRoot()));
});

test('tree heads for every size 0..8 match the reference, from the full tree and the compact range', () => {
  const compact = CompactRange.empty();
  for (let size = 0; size <= 8; size++) {
    assert.equal(toHex(tree.root(size)), ROOTS[size], `full tree, size ${size}`);
    assert.equal(toHex(compact.root()), ROOTS[size], `compact range, size ${size}`);
    if (size < 8) compact.append(leaf(size));
  }
});

test('compact ranges hold exactly the reference right-border hashes (CompactTrees)', () => {
  const expected = [
    [],
    [n(0, 0)],
    [n(1, 0)],
    [n(1, 0), n(0, 2)],
    [n(2, 0)],
    [n(2, 0), n(0, 4)],
    [n(2, 0), n(1, 2)],
    [n(2, 0), n(1, 2), n(0, 6)],
    [n(3, 0)],
  ];
  const compact = CompactRange.empty();
  for (let size = 0; size <= 8; size++) {
    assert.deepEqual(compact.hashes().map(toHex), expected[size], `size ${size}`);
    if (size < 8) compact.append(leaf(size));
  }
});

test('inclusion proofs: generated equal to the reference, verified, and every corruption refused', () => {
  for (const [index, size, proofHex] of INCLUSION) {
    const proof = proofHex.map(fromHex);
    const leafHash = H.hashLeaf(leaf(index));
    assert.deepEqual(tree.inclusionProof(index, size).map(toHex), proofHex);
    assert.ok(verifyInclusion(H, index, size, leafHash, proof, root(size)));
    const bad: [number, number, Uint8Array, Uint8Array[], Uint8Array][] = [
      [index - 1, size, leafHash, proof, root(size)],
      [index + 1, size, leafHash, proof, root(size)],
      [index ^ 2, size, leafHash, proof, root(size)],
      [index, size * 2, leafHash, proof, root(size)],
      [index, Math.floor(size / 2), leafHash, proof, root(size)],
      [index, size, utf8('WrongLeaf'), proof, root(size)],
      [index, size, leafHash, proof, root(0)],
      [index, size, leafHash, [...proof, new Uint8Array(0)], root(size)],
      [index, size, leafHash, [...proof, root(size)], root(size)],
      [index, size, leafHash, [root(size), ...proof], root(size)],
      ...proof.map((_, i): [number, number, Uint8Array, Uint8Array[], Uint8Array] => [index, size, leafHash, flipped(proof, i, 8), root(size)]),
      ...(proof.length ? [[index, size, leafHash, proof.slice(0, -1), root(size)] as [number, number, Uint8Array, Uint8Array[], Uint8Array]] : []),
    ];
    for (const [i, s, l, p, r] of bad) assert.ok(!verifyInclusion(H, i, s, l, p, r), `index ${i} size ${s}`);
  }
});

test('consistency proofs: generated equal to the reference, verified, and every corruption refused', () => {
  for (const [first, second, proofHex] of CONSISTENCY) {
    const proof = proofHex.map(fromHex);
    assert.deepEqual(tree.consistencyProof(first, second).map(toHex), proofHex);
    assert.ok(verifyConsistency(H, first, second, proof, root(first), root(second)));
    if (proof.length === 0) continue;
    const bad: [number, number, Uint8Array[], Uint8Array, Uint8Array][] = [
      [first - 1, second, proof, root(first), root(second)],
      [first + 1, second, proof, root(first), root(second)],
      [first ^ 2, second, proof, root(first), root(second)],
      [first, second * 2, proof, root(first), root(second)],
      [first, Math.floor(second / 2), proof, root(first), root(second)],
      [first, second, proof, root(second), root(first)],
      [first, second, [], root(first), root(second)],
      [first, second, [...proof, root(first)], root(first), root(second)],
      [first, second, [root(second), ...proof], root(first), root(second)],
      [first, second, [itemAt(proof, 0), ...proof], root(first), root(second)],
      [first, second, proof.slice(0, -1), root(first), root(second)],
      ...proof.map((_, i): [number, number, Uint8Array[], Uint8Array, Uint8Array] => [
        first,
        second,
        flipped(proof, i, 16),
        root(first),
        root(second),
      ]),
    ];
    for (const [a, b, p, r1, r2] of bad) assert.ok(!verifyConsistency(H, a, b, p, r1, r2), `${a} -> ${b}`);
  }
});

test('trivial consistency cases follow RFC 9162: empty proofs only where nothing needs proving', () => {
  const some = root(3);
  assert.ok(verifyConsistency(H, 0, 0, [], some, some));
  assert.ok(verifyConsistency(H, 0, 5, [], root(0), root(5)));
  assert.ok(!verifyConsistency(H, 1, 1, [], root(1), root(2)));
  assert.ok(!verifyConsistency(H, 2, 1, [], root(2), root(1)));
  assert.ok(!verifyConsistency(H, 1, 2, [], root(1), root(2)));
  assert.ok(!verifyConsistency(H, 1, 1, [root(0)], root(1), root(1)));
});

test('RFC 6962 2.1.3 example tree of seven leaves: the audit paths and consistency proofs it lists', () => {
  const d = Array.from({ length: 7 }, (_, i) => utf8(`d${i}`));
  const [a, b, c, dd, e, f, j] = d.map((x) => H.hashLeaf(x));
  assert.ok(a && b && c && dd && e && f && j);
  const g = H.hashChildren(a, b);
  const h = H.hashChildren(c, dd);
  const i = H.hashChildren(e, f);
  const k = H.hashChildren(g, h);
  const l = H.hashChildren(i, j);
  const seven = new MerkleTree();
  d.forEach((x) => seven.append(x));
  const hex = (xs: Uint8Array[]) => xs.map(toHex);
  assert.equal(toHex(seven.root()), toHex(H.hashChildren(k, l)));
  assert.deepEqual(hex(seven.inclusionProof(0)), hex([b, h, l]));
  assert.deepEqual(hex(seven.inclusionProof(3)), hex([c, g, l]));
  assert.deepEqual(hex(seven.inclusionProof(4)), hex([f, j, k]));
  assert.deepEqual(hex(seven.inclusionProof(6)), hex([i, k]));
  assert.deepEqual(hex(seven.consistencyProof(3, 7)), hex([c, dd, g, l]));
  assert.deepEqual(hex(seven.consistencyProof(4, 7)), hex([l]));
  assert.deepEqual(hex(seven.consistencyProof(6, 7)), hex([i, j, k]));
  for (const m of [3, 4, 6]) assert.ok(verifyConsistency(H, m, 7, seven.consistencyProof(m, 7), seven.root(m), seven.root()));
});
