// In-memory Merkle tree (RFC 6962 section 2.1) that keeps the hash of every
// complete subtree, so appending is amortised O(1) and roots and proofs for any
// earlier size cost O(log n) subtree look-ups.
import { assertTreeSize, splitPoint, type MerkleHasher, SHA256_MERKLE } from './hasher.ts';
import { consistencyPath, inclusionPath } from './proofs.ts';

export class MerkleTree {
  /** levels[h][i] = hash of the complete subtree of 2^h leaves starting at leaf i * 2^h; levels[0] holds the leaves. */
  private readonly levels: [leaves: Uint8Array[], ...parents: Uint8Array[][]] = [[]];

  constructor(readonly hasher: MerkleHasher = SHA256_MERKLE) {}

  static fromLeafHashes(leafHashes: readonly Uint8Array[], hasher: MerkleHasher = SHA256_MERKLE): MerkleTree {
    const tree = new MerkleTree(hasher);
    for (const leafHash of leafHashes) tree.appendLeafHash(leafHash);
    return tree;
  }

  get size(): number {
    return this.levels[0].length;
  }

  /** Appends raw entry data (hashed as a leaf); returns its index. */
  append(data: Uint8Array): number {
    return this.appendLeafHash(this.hasher.hashLeaf(data));
  }

  appendLeafHash(leafHash: Uint8Array): number {
    if (leafHash.length !== this.hasher.size) throw new RangeError('leaf hash has the wrong length');
    const index = this.size;
    this.levels[0].push(leafHash);
    // Each completed pair yields the parent one level up; `node` is the right
    // child just stored at `level`, its left sibling sits just before it.
    let node = leafHash;
    for (let level = 0, i = index; i % 2 === 1; level++, i = Math.floor(i / 2)) {
      const left = this.levels[level]?.[i - 1];
      if (!left) throw new Error(`Merkle tree has no subtree ${i - 1} at level ${level}`);
      node = this.hasher.hashChildren(left, node);
      let parents = this.levels[level + 1];
      if (!parents) {
        parents = [];
        this.levels.push(parents);
      }
      parents.push(node);
    }
    return index;
  }

  leafHash(index: number): Uint8Array {
    // Any index that is not a whole number in [0, size) finds no leaf.
    const hash = this.levels[0][index];
    if (!hash) throw new RangeError(`leaf index ${index} outside tree of size ${this.size}`);
    return hash;
  }

  /** MTH(D[0:size]) for the current or any earlier size. */
  root(size: number = this.size): Uint8Array {
    this.assertSize(size);
    return size === 0 ? this.hasher.emptyRoot() : this.rangeHash(0, size);
  }

  /** RFC 6962 2.1.1 PATH(m, D[n]): sibling hashes from the leaf upwards. */
  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    this.assertSize(size);
    this.assertIndex(index, size);
    return inclusionPath(index, size, (start, n) => this.rangeHash(start, n));
  }

  /** RFC 6962 2.1.2 PROOF(m, D[n]) between tree sizes first <= second. */
  consistencyProof(first: number, second: number = this.size): Uint8Array[] {
    this.assertSize(second);
    assertTreeSize(first, 'first size');
    if (first > second) throw new RangeError('first size is larger than second size');
    return consistencyPath(first, second, (start, n) => this.rangeHash(start, n));
  }

  /** MTH(D[start:start+n]), n >= 1, using stored complete subtrees where aligned. */
  private rangeHash(start: number, n: number): Uint8Array {
    if (n <= 2 ** 30 && (n & (n - 1)) === 0 && start % n === 0) {
      const level = Math.log2(n);
      const stored = this.levels[level]?.[start / n];
      if (stored) return stored;
    }
    const k = splitPoint(n);
    return this.hasher.hashChildren(this.rangeHash(start, k), this.rangeHash(start + k, n - k));
  }

  private assertSize(size: number): void {
    assertTreeSize(size);
    if (size > this.size) throw new RangeError(`tree has only ${this.size} leaves`);
  }

  private assertIndex(index: number, size: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf index ${index} outside tree of size ${size}`);
  }
}
