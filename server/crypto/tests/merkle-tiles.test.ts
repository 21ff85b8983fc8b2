// Proofs from stored tiles (merkle/tiles.ts) are the in-memory tree's, byte for byte, at every size,
// with some tile roots missing, and look only inside the tiles they say they need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SM3_MERKLE } from '../merkle/hasher.ts';
import { consistencyPath, inclusionPath, type RangeHash } from '../merkle/proofs.ts';
import { leavesHash, tiledRangeHash, tilesToLoad } from '../merkle/tiles.ts';
import { MerkleTree } from '../merkle/tree.ts';

const TILE = 4;
const hasher = SM3_MERKLE;
const leaves = Array.from({ length: 45 }, (_, i) => hasher.hashLeaf(Uint8Array.of(i, i >> 8)));
const tree = MerkleTree.fromLeafHashes(leaves, hasher);
const hex = (list: Uint8Array[]) => list.map((h) => Buffer.from(h).toString('hex'));

/** Runs a proof over tiles of a tree of n leaves, whole tiles stored except every third, loading only what it asks for. */
function fromTiles(n: number, prove: (rangeHash: RangeHash) => Uint8Array[]): { proof: Uint8Array[]; loaded: number } {
  const stored = new Map<number, Uint8Array>();
  for (let t = 0; (t + 1) * TILE <= n; t++) if (t % 3 !== 1) stored.set(t, leavesHash(hasher, leaves, t * TILE, TILE));
  const wanted = tilesToLoad(hasher, TILE, (t) => stored.has(t), prove);
  const loaded = new Map([...wanted].map((t) => [t, leaves.slice(t * TILE, Math.min(n, (t + 1) * TILE))]));
  const proof = prove(tiledRangeHash(hasher, { tileSize: TILE, root: (t) => stored.get(t), leaves: (t) => loaded.get(t) }));
  return { proof, loaded: loaded.size };
}

test('inclusion proofs from tiles equal the in-memory tree’s at every size and index', () => {
  for (let n = 1; n <= leaves.length; n++) {
    for (let m = 0; m < n; m++) {
      const { proof } = fromTiles(n, (rangeHash) => inclusionPath(m, n, rangeHash));
      assert.deepEqual(hex(proof), hex(tree.inclusionProof(m, n)), `leaf ${m} of ${n}`);
    }
  }
});

test('consistency proofs from tiles equal the in-memory tree’s for every pair of sizes', () => {
  for (let n = 1; n <= leaves.length; n++) {
    for (let m = 0; m <= n; m++) {
      const { proof } = fromTiles(n, (rangeHash) => consistencyPath(m, n, rangeHash));
      assert.deepEqual(hex(proof), hex(tree.consistencyProof(m, n)), `${m} to ${n}`);
    }
  }
});

test('a proof looks inside few tiles: its leaf’s, the partial last one, and the ones whose root is missing', () => {
  const n = 44; // 11 whole tiles; roots of tiles 1, 4, 7, 10 are missing
  const { loaded } = fromTiles(n, (rangeHash) => inclusionPath(0, n, rangeHash));
  assert.ok(loaded <= 1 + 4, `loaded ${loaded} tiles`);
  const none = fromTiles(n, () => []);
  assert.equal(none.loaded, 0);
  assert.throws(() => tiledRangeHash(hasher, { tileSize: TILE, root: () => undefined, leaves: () => undefined })(0, 8), /not loaded/);
});
