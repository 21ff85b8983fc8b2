import type { BlobStore, StoredBlob } from '../../blobs/blob-store.ts';
import type { Db } from '../../db/database.ts';
import { recordedBlobs } from './archive-check.repo.ts';

export type BlobProblemKind = 'blob_missing' | 'blob_sha256' | 'blob_sm3' | 'blob_size';

/** How a stored original differs from its record; null when it is intact. Shared by `hukou verify` and the fixity sweep. */
export function blobProblem(
  record: { sha256: string; sm3: string; size: number },
  found: StoredBlob | null,
): { kind: BlobProblemKind; message: string } | null {
  if (!found) return { kind: 'blob_missing', message: 'the file is missing' };
  if (found.sha256 !== record.sha256) return { kind: 'blob_sha256', message: 'SHA-256 of the file does not match its address' };
  if (found.sm3 !== record.sm3) return { kind: 'blob_sm3', message: 'SM3 of the file does not match the record' };
  if (found.size !== record.size) return { kind: 'blob_size', message: 'size does not match the record' };
  return null;
}

const BATCH = 500;

/**
 * The stored originals that have no `blobs` row, with their modification time, in the store's
 * listing order. Rows are looked up a batch of addresses at a time.
 */
export async function* unrecordedBlobs(db: Db, blobs: BlobStore): AsyncIterable<{ sha256: string; modifiedAt: Date }> {
  let batch: { sha256: string; modifiedAt: Date }[] = [];
  const drain = async function* () {
    const recorded = await recordedBlobs(
      db.kysely,
      batch.map((entry) => entry.sha256),
    );
    const unrecorded = batch.filter((entry) => !recorded.has(entry.sha256));
    batch = [];
    yield* unrecorded;
  };
  for await (const entry of blobs.list()) {
    batch.push(entry);
    if (batch.length >= BATCH) yield* drain();
  }
  yield* drain();
}
