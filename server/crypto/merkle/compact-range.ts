// Compact range [0, size): the roots of the perfect subtrees along the right
// border, largest first (one per set bit of size). Appending needs only these
// O(log n) hashes, so a log can grow and publish tree heads without keeping or
// rebuilding the whole tree; the root equals MTH over all leaves (RFC 6962).
import { assertTreeSize, SHA256_MERKLE, type MerkleHasher } from './hasher.ts';

function popcount(n: number): number {
  let count = 0;
  for (let value = n; value > 0; value = Math.floor(value / 2)) count += value % 2;
  return count;
}

export class CompactRange {
  private constructor(
    readonly hasher: MerkleHasher,
    private currentSize: number,
    private readonly border: Uint8Array[],
  ) {}

  static empty(hasher: MerkleHasher = SHA256_MERKLE): CompactRange {
    return new CompactRange(hasher, 0, []);
  }

  /** Restores a saved state; the hash count must match the size's set bits. */
  static restore(size: number, hashes: readonly Uint8Array[], hasher: MerkleHasher = SHA256_MERKLE): CompactRange {
    assertTreeSize(size);
    if (hashes.length !== popcount(size)) throw new RangeError(`a compact range of size ${size} has ${popcount(size)} hashes`);
    if (hashes.some((h) => h.length !== hasher.size)) throw new RangeError('hash has the wrong length');
    return new CompactRange(
      hasher,
      size,
      hashes.map((h) => h.slice()),
    );
  }

  get size(): number {
    return this.currentSize;
  }

  /** The border hashes, largest subtree first: what to persist alongside size. */
  hashes(): Uint8Array[] {
    return this.border.map((h) => h.slice());
  }

  append(data: Uint8Array): void {
    this.appendLeafHash(this.hasher.hashLeaf(data));
  }

  appendLeafHash(leafHash: Uint8Array): void {
    if (leafHash.length !== this.hasher.size) throw new RangeError('leaf hash has the wrong length');
    let node = leafHash;
    // Each trailing 1 bit of the old size is a subtree of equal height to merge with.
    for (let s = this.currentSize; s % 2 === 1; s = Math.floor(s / 2)) {
      node = this.hasher.hashChildren(this.border.pop() as Uint8Array, node);
    }
    this.border.push(node);
    this.currentSize++;
  }

  root(): Uint8Array {
    // Folded from the smallest subtree up: each larger one is the left child.
    let acc: Uint8Array | undefined;
    for (const hash of [...this.border].reverse()) acc = acc ? this.hasher.hashChildren(hash, acc) : hash;
    return acc ?? this.hasher.emptyRoot();
  }
}
