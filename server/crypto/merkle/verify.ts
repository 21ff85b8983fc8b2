// Proof verification exactly as RFC 9162 sections 2.1.3.2 (inclusion) and
// 2.1.4.2 (consistency) state it. Sizes are JS numbers, so the shifts are
// written as halvings: bitwise operators would truncate above 2^31.
import { bytesEqual } from '../bytes.ts';
import type { MerkleHasher } from './hasher.ts';

const isSafeSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const lsb = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

function wellFormed(hasher: MerkleHasher, hashes: readonly Uint8Array[]): boolean {
  return hashes.every((h) => h instanceof Uint8Array && h.length === hasher.size);
}

/** Recomputes the root from an inclusion proof, or undefined when the proof cannot be valid. */
export function rootFromInclusionProof(
  hasher: MerkleHasher,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!isSafeSize(leafIndex) || !isSafeSize(treeSize) || !wellFormed(hasher, [leafHash, ...proof])) return undefined;
  // 1. leaf_index must be inside the tree.
  if (leafIndex >= treeSize) return undefined;
  // 2.-3.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  // 4.
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (lsb(fn) || fn === sn) {
      r = hasher.hashChildren(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hasher.hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 5. A proof that is too short leaves sn above zero.
  return sn === 0 ? r : undefined;
}

export function verifyInclusion(
  hasher: MerkleHasher,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  rootHash: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(hasher, leafIndex, treeSize, leafHash, proof);
  return computed !== undefined && rootHash.length === hasher.size && bytesEqual(computed, rootHash);
}

export function verifyConsistency(
  hasher: MerkleHasher,
  firstSize: number,
  secondSize: number,
  proof: readonly Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
): boolean {
  if (!isSafeSize(firstSize) || !isSafeSize(secondSize) || firstSize > secondSize) return false;
  if (!wellFormed(hasher, [firstRoot, secondRoot, ...proof])) return false;
  // Trivial cases outside the RFC's 0 < first < second: the proof must be empty.
  if (firstSize === secondSize) return proof.length === 0 && bytesEqual(firstRoot, secondRoot);
  if (firstSize === 0) return proof.length === 0;
  // 1. An empty path proves nothing.
  if (proof.length === 0) return false;
  // 2. A first tree that is a complete subtree is its own first hash.
  const [head, ...rest] = isPowerOfTwo(firstSize) ? [firstRoot, ...proof] : proof;
  if (!head) return false;
  // 3.
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  // 4.
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr = head;
  let sr = head;
  // 6.
  for (const c of rest) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = hasher.hashChildren(c, fr);
      sr = hasher.hashChildren(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hasher.hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return bytesEqual(fr, firstRoot) && bytesEqual(sr, secondRoot) && sn === 0;
}

function isPowerOfTwo(n: number): boolean {
  let value = n;
  while (value > 1 && value % 2 === 0) value /= 2;
  return value === 1;
}
