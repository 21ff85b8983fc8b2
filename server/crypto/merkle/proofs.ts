// RFC 6962 section 2.1.1 and 2.1.2 proofs, written once over any way of getting MTH(D[start:start+n]):
// the in-memory tree (tree.ts) and the trail's stored tiles (audit/checkpoints/trail-tiles.ts).
// Every range asked for is a node of the RFC tree of the given size.
import { splitPoint } from './hasher.ts';

/** MTH of the leaves [start, start + n), n >= 1. */
export type RangeHash = (start: number, n: number) => Uint8Array;

/** PATH(m, D[n]): the audit path of leaf m in the tree of n leaves, 0 <= m < n. */
export function inclusionPath(m: number, n: number, rangeHash: RangeHash): Uint8Array[] {
  const out: Uint8Array[] = [];
  const path = (index: number, start: number, size: number): void => {
    if (size === 1) return;
    const k = splitPoint(size);
    if (index < k) {
      path(index, start, k);
      out.push(rangeHash(start + k, size - k));
    } else {
      path(index - k, start + k, size - k);
      out.push(rangeHash(start, k));
    }
  };
  path(m, 0, n);
  return out;
}

/** PROOF(m, D[n]): that the tree of m leaves is a prefix of the tree of n, 0 <= m <= n. */
export function consistencyPath(m: number, n: number, rangeHash: RangeHash): Uint8Array[] {
  const out: Uint8Array[] = [];
  const subproof = (first: number, start: number, size: number, isWholeOldTree: boolean): void => {
    if (first === size) {
      if (!isWholeOldTree) out.push(rangeHash(start, size));
      return;
    }
    const k = splitPoint(size);
    if (first <= k) {
      subproof(first, start, k, isWholeOldTree);
      out.push(rangeHash(start + k, size - k));
    } else {
      subproof(first - k, start + k, size - k, false);
      out.push(rangeHash(start, k));
    }
  };
  if (m > 0 && m < n) subproof(m, 0, n, true);
  return out;
}
