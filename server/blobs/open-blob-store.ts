import type { BlobStoreConfig } from '../config.ts';
import type { BlobStore } from './blob-store.ts';
import { FsBlobStore } from './fs-store.ts';

/**
 * The configured blob store. The S3 client is loaded only when configured, so the default (local
 * files) starts without it; an S3 store is checked before the server starts, so a wrong bucket,
 * endpoint or key stops the start instead of the first capture.
 */
export async function openBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  if (config.kind === 'fs') return new FsBlobStore(config.dir, config.derivedDir);
  const { S3BlobStore } = await import('./s3-store.ts');
  const store = new S3BlobStore(config);
  try {
    await store.check();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
