/** Content-addressed, immutable storage of originals. The address is the SHA-256 of the bytes. */
export interface StoredBlob {
  sha256: string;
  sm3: string;
  size: number;
}

export interface BlobStore {
  /** Durable before it resolves: the caller commits metadata only after this. A full disk throws STORAGE_FULL. */
  put(bytes: Buffer): Promise<StoredBlob>;
  /** Reads and checks the bytes against their address, off the event loop; throws BLOB_INTEGRITY_FAILED on mismatch. */
  get(sha256: string): Promise<Buffer>;
  /** What the stored file hashes to now (SHA-256, SM3, size), computed off the event loop; null when it is missing. */
  digest(sha256: string): Promise<StoredBlob | null>;
  /** Stops background threads; requests still in flight fail. */
  close(): Promise<void>;
}
