import { CompactRange, fromHex, MerkleTree, SM3_MERKLE } from '../../../crypto/index.ts';
import type { Db } from '../../../db/database.ts';
import type { Tx } from '../../../db/transaction.ts';
import { listEventHashes } from './checkpoint.repo.ts';

/**
 * The trail's Merkle tree (RFC 6962 shape, SM3): leaf i is the chain hash of event seq i + 1, so
 * the tree commits to every event through its link, whichever digest the link used.
 */
export const TRAIL_HASHER = SM3_MERKLE;

export const leafOf = (eventHash: string): Uint8Array => TRAIL_HASHER.hashLeaf(fromHex(eventHash));

const PAGE = 5000;

/** Calls `visit` with each event's leaf hash from seq `from + 1` to `until`, in order. */
export async function forEachLeaf(
  db: Db['kysely'] | Tx,
  from: number,
  until: number,
  visit: (seq: number, leaf: Uint8Array) => void,
): Promise<number> {
  let after = from;
  while (after < until) {
    const rows = await listEventHashes(db, after, until, PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== after + 1) throw new Error(`audit event ${after + 1} is missing`);
      visit(row.seq, leafOf(row.hash));
      after = row.seq;
    }
  }
  return after;
}

/** Extends a saved compact range to `until` events. */
export async function extendRange(db: Db['kysely'] | Tx, range: CompactRange, until: number): Promise<CompactRange> {
  await forEachLeaf(db, range.size, until, (_seq, leaf) => range.appendLeafHash(leaf));
  return range;
}

export function restoreRange(size: number, border: string): CompactRange {
  return size === 0 ? CompactRange.empty(TRAIL_HASHER) : CompactRange.restore(size, (JSON.parse(border) as string[]).map(fromHex), TRAIL_HASHER);
}

/** The whole tree up to `size` in memory, for proofs: 64 bytes per event, read once. */
export async function buildTree(db: Db['kysely'], size: number): Promise<MerkleTree> {
  const tree = new MerkleTree(TRAIL_HASHER);
  const reached = await forEachLeaf(db, 0, size, (_seq, leaf) => tree.appendLeafHash(leaf));
  if (reached !== size) throw new Error(`the trail has ${reached} events, fewer than ${size}`);
  return tree;
}
