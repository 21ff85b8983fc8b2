/** Content-addressed, immutable storage of originals. The address is the SHA-256 of the bytes. */
export interface StoredBlob {
  sha256: string;
  sm3: string;
  size: number;
}

export interface BlobStore {
  /** Durable before it resolves: the caller commits metadata only after this. */
  put(bytes: Buffer): Promise<StoredBlob>;
  /** Reads and checks the bytes against their address; throws BLOB_INTEGRITY_FAILED on mismatch. */
  get(sha256: string): Promise<Buffer>;
  /** Reads without failing on a mismatch, for sweeps that report every bad blob. */
  readRaw(sha256: string): Promise<Buffer | null>;
  /** Stops background writers; writes still in flight fail. */
  close(): Promise<void>;
}
