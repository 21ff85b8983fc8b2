// MTH of any node of an RFC 6962 tree from stored tiles: the roots of whole, aligned runs of
// `tileSize` leaves (a power of two), and the leaves of the few tiles a proof must look inside.
// Every node of the tree is either made of whole tiles or lies inside one tile, so a proof at any
// size reads O(log n) tile roots and at most a couple of tiles' leaves (audit/checkpoints/trail-tiles.ts).
import { splitPoint, type MerkleHasher } from './hasher.ts';
import type { RangeHash } from './proofs.ts';

export interface TileSource {
  readonly tileSize: number;
  /** The stored root of whole tile t, if stored. */
  root(tile: number): Uint8Array | undefined;
  /** The leaf hashes of tile t, if loaded (the last tile may be partial). */
  leaves(tile: number): readonly Uint8Array[] | undefined;
}

/** MTH of leaves[from, from + n) held in memory. */
export function leavesHash(hasher: MerkleHasher, leaves: readonly Uint8Array[], from: number, n: number): Uint8Array {
  if (n === 1) {
    const leaf = leaves[from];
    if (!leaf) throw new RangeError(`no leaf ${from}`);
    return leaf;
  }
  const k = splitPoint(n);
  return hasher.hashChildren(leavesHash(hasher, leaves, from, k), leavesHash(hasher, leaves, from + k, n - k));
}

/** A RangeHash reading tile roots where a node is a whole tile, and the tile's leaves inside one. */
export function tiledRangeHash(hasher: MerkleHasher, source: TileSource): RangeHash {
  const size = source.tileSize;
  const rangeHash: RangeHash = (start, n) => {
    if (n === size && start % size === 0) {
      const root = source.root(start / size);
      if (root) return root;
    }
    if (n <= size) {
      const tile = Math.floor(start / size);
      if (Math.floor((start + n - 1) / size) !== tile) throw new RangeError(`leaves ${start}+${n} are not a node inside one tile`);
      const leaves = source.leaves(tile);
      if (!leaves) throw new RangeError(`the leaves of tile ${tile} are not loaded`);
      return leavesHash(hasher, leaves, start - tile * size, n);
    }
    const k = splitPoint(n);
    return hasher.hashChildren(rangeHash(start, k), rangeHash(start + k, n - k));
  };
  return rangeHash;
}

/**
 * The tiles whose leaves `prove(rangeHash)` will look inside, found by running it once with a
 * stand-in hash: so the caller loads exactly those before running it for real.
 */
export function tilesToLoad(
  hasher: MerkleHasher,
  tileSize: number,
  hasRoot: (tile: number) => boolean,
  prove: (rangeHash: RangeHash) => unknown,
): Set<number> {
  const needed = new Set<number>();
  const blank = hasher.emptyRoot();
  const record: RangeHash = (start, n) => {
    if (n === tileSize && start % tileSize === 0 && hasRoot(start / tileSize)) return blank;
    if (n <= tileSize) {
      needed.add(Math.floor(start / tileSize));
      return blank;
    }
    const k = splitPoint(n);
    record(start, k);
    record(start + k, n - k);
    return blank;
  };
  prove(record);
  return needed;
}
