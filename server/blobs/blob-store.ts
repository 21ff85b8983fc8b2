/** Content-addressed, immutable storage of originals. The address is the SHA-256 of the bytes. */
export interface StoredBlob {
  sha256: string;
  sm3: string;
  size: number;
}

export interface BlobStore {
  /**
   * Durable before it resolves: the caller commits metadata only after this. A full disk throws
   * STORAGE_FULL. Putting bytes that are already stored makes them count as just written for the
   * orphan sweep's grace period, so the sweep cannot take them while their row is being committed.
   */
  put(bytes: Buffer): Promise<StoredBlob>;
  /** Reads and checks the bytes against their address, off the event loop; throws BLOB_INTEGRITY_FAILED on mismatch. */
  get(sha256: string): Promise<Buffer>;
  /** What the stored file hashes to now (SHA-256, SM3, size), computed off the event loop; null when it is missing. */
  digest(sha256: string): Promise<StoredBlob | null>;
  /** Every stored original's address with its last modification time (for orphan detection). */
  list(): AsyncIterable<{ sha256: string; modifiedAt: Date }>;
  /** Removes an original; only the orphan sweep calls it, for blobs no row points to, after the grace period. */
  remove(sha256: string): Promise<void>;
  /**
   * Removes an original unless it was written (or put again) at or after `cutoff`; true when it was
   * removed or was not there. The orphan sweep's way to remove: a capture that puts the same bytes
   * while the sweep runs renews them, and they stay.
   */
  removeIfOlderThan(sha256: string, cutoff: Date): Promise<boolean>;
  /** Derived images (previews, thumbnails): regenerable, kept apart from originals, never verified or swept as orphans. */
  putDerived(key: string, bytes: Buffer): Promise<void>; // key like `${sha256}.${page}.preview.jpg`, [a-z0-9.-] only
  getDerived(key: string): Promise<Buffer | null>;
  /**
   * Removes what interrupted writes left behind, older than the given instant (the fs store's temp
   * files after a crash); a store whose writes are atomic has nothing to remove. Returns the count.
   */
  removeIncomplete?(olderThan: Date): Promise<number>;
  /** Stops background threads and connections; requests still in flight fail. */
  close(): Promise<void>;
}
