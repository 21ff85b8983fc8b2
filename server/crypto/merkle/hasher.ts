// RFC 6962 / RFC 9162 section 2.1 hashing with domain separation:
// leaf = H(0x00 || data), node = H(0x01 || left || right), empty tree = H("").
// The digest is a parameter so the audit trail can use SM3 as well as SHA-256.
import { createHash } from 'node:crypto';

export type MerkleDigest = 'sha256' | 'sm3';

export interface MerkleHasher {
  readonly digest: MerkleDigest;
  /** Hash length in bytes. */
  readonly size: number;
  emptyRoot(): Uint8Array;
  hashLeaf(data: Uint8Array): Uint8Array;
  hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array;
}

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export function createMerkleHasher(digest: MerkleDigest): MerkleHasher {
  const hash = (...parts: Uint8Array[]): Uint8Array => {
    const h = createHash(digest);
    for (const part of parts) h.update(part);
    return new Uint8Array(h.digest());
  };
  const empty = hash();
  return {
    digest,
    size: empty.length,
    emptyRoot: () => empty.slice(),
    hashLeaf: (data) => hash(LEAF_PREFIX, data),
    hashChildren: (left, right) => hash(NODE_PREFIX, left, right),
  };
}

export const SHA256_MERKLE = createMerkleHasher('sha256');
export const SM3_MERKLE = createMerkleHasher('sm3');

/** Largest power of two strictly smaller than n (n >= 2): RFC 6962's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function assertTreeSize(size: number, what = 'tree size'): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`${what} must be a non-negative safe integer`);
}
