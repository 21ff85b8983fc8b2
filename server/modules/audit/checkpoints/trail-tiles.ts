import { consistencyPath, fromHex, inclusionPath, leavesHash, type RangeHash, tiledRangeHash, tilesToLoad, toHex } from '../../../crypto/index.ts';
import type { Db } from '../../../db/database.ts';
import { insertTileRoots, listTileRoots, nextTileToStore } from './checkpoint.repo.ts';
import { forEachLeaf, TRAIL_HASHER } from './trail-tree.ts';

/** Leaves per tile: a proof reads at most a few tiles' worth of events. */
export const TILE_SIZE = 256;

/**
 * Stores the roots of the whole tiles among the first `size` events not stored yet: after a
 * checkpoint, outside its lock, as the events are committed and never change. Returns how many.
 */
export async function storeTrailTiles(db: Db['kysely'], size: number): Promise<number> {
  const first = await nextTileToStore(db);
  const end = Math.floor(size / TILE_SIZE);
  let stored = 0;
  let leaves: Uint8Array[] = [];
  let batch: { tile: number; root_hash: string }[] = [];
  let tile = first;
  await forEachLeaf(db, first * TILE_SIZE, end * TILE_SIZE, (_seq, leaf) => {
    leaves.push(leaf);
    if (leaves.length < TILE_SIZE) return;
    batch.push({ tile: tile++, root_hash: toHex(leavesHash(TRAIL_HASHER, leaves, 0, TILE_SIZE)) });
    leaves = [];
  });
  // Written at the end, in batches: forEachLeaf's visitor is synchronous.
  while (batch.length > 0) {
    await insertTileRoots(db, batch.slice(0, 500));
    stored += Math.min(500, batch.length);
    batch = batch.slice(500);
  }
  return stored;
}

/**
 * Proofs in the trail's tree of `size` events from its stored tiles: the tile roots below `size`,
 * and the leaves of just the tiles the proof looks inside (its event's, the partial last one, any
 * whose root is not stored yet). Proofs are the ones MerkleTree gives, byte for byte.
 */
export async function trailProver(db: Db['kysely'], size: number) {
  const roots = await listTileRoots(db, Math.floor(size / TILE_SIZE));
  const leaves = new Map<number, Uint8Array[]>();
  const source = {
    tileSize: TILE_SIZE,
    root: (tile: number) => {
      const hex = roots.get(tile);
      return hex ? fromHex(hex) : undefined;
    },
    leaves: (tile: number) => leaves.get(tile),
  };
  const prove = async (path: (rangeHash: RangeHash) => Uint8Array[]) => {
    for (const tile of tilesToLoad(TRAIL_HASHER, TILE_SIZE, (t) => roots.has(t), path)) {
      if (leaves.has(tile)) continue;
      const loaded: Uint8Array[] = [];
      await forEachLeaf(db, tile * TILE_SIZE, Math.min(size, (tile + 1) * TILE_SIZE), (_seq, leaf) => loaded.push(leaf));
      leaves.set(tile, loaded);
    }
    return path(tiledRangeHash(TRAIL_HASHER, source));
  };
  return {
    inclusion: (index: number) => prove((rangeHash) => inclusionPath(index, size, rangeHash)),
    consistency: (first: number) => prove((rangeHash) => consistencyPath(first, size, rangeHash)),
  };
}
