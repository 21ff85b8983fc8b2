import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { AppError } from '../errors.ts';
import type { SecretSetting } from '../config.ts';
import { assertAddress, assertDerivedKey, SHA256_HEX } from './addresses.ts';
import type { BlobStore, StoredBlob } from './blob-store.ts';
import { BlobWriterPool } from './blob-writer.ts';

export interface S3StoreSettings {
  /** An S3-compatible service (MinIO, Ceph RGW, a cloud's S3); null means AWS itself, by region. */
  endpoint: string | null;
  bucket: string;
  region: string;
  /** Null: the SDK's own credential chain (AWS_* variables, instance roles). */
  accessKeyId: string | null;
  secretAccessKey: SecretSetting | null;
  /** Bucket in the path (http://host/bucket/key) rather than in the host name: what most self-hosted services need. */
  forcePathStyle: boolean;
  /** Put before every key, e.g. `hukou/` when the bucket is shared. */
  prefix: string;
  /** Keys per listing request; S3 answers at most 1000. */
  listPageSize?: number;
}

// What S3-compatible services answer when a bucket or a disk is full (MinIO, quotas, 507).
const FULL_CODES = new Set(['XMinioStorageFull', 'XMinioAdminBucketQuotaExceeded', 'QuotaExceeded', 'InsufficientStorage']);

interface S3Failure {
  name?: string;
  Code?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

function statusOf(error: unknown): number | undefined {
  return (error as S3Failure | null)?.$metadata?.httpStatusCode;
}

const isMissing = (error: unknown) => {
  const failure = error as S3Failure | null;
  return failure?.name === 'NoSuchKey' || failure?.name === 'NotFound' || statusOf(error) === 404;
};

/**
 * A full store is STORAGE_FULL like a full disk; a store that cannot be reached or fails on its
 * side (after the SDK's own retries) is BLOB_STORE_UNAVAILABLE, so the window retries with the same
 * key. Refusals of ours (access denied, no such bucket) stay what they are: configuration errors.
 */
function asStoreError(error: unknown): unknown {
  const failure = error as S3Failure | null;
  const status = statusOf(error);
  const code = failure?.Code ?? failure?.name;
  let mapped: AppError | null = null;
  if (status === 507 || (code && FULL_CODES.has(code))) mapped = new AppError('STORAGE_FULL', { driverCode: code ?? String(status) });
  else if (status === undefined || status >= 500) mapped = new AppError('BLOB_STORE_UNAVAILABLE', { driverCode: code ?? failure?.code ?? null });
  if (!mapped) return error;
  mapped.cause = error;
  return mapped;
}

/**
 * Originals in an S3 bucket under `<prefix>originals/<sha256>`, derived images under
 * `<prefix>derived/<key>`. Hashing (SHA-256 and SM3) runs on the blob threads, as for the fs
 * store; the event loop only moves bytes. A put is durable when the service answered 200 for the
 * whole object, sent with its SHA-256 (x-amz-checksum-sha256) so a service that checks it refuses
 * bytes damaged on the way; reads are re-hashed here whatever the service says.
 */
export class S3BlobStore implements BlobStore {
  private readonly threads = new BlobWriterPool();
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly originals: string;
  private readonly derived: string;
  private readonly listPageSize: number;

  constructor(settings: S3StoreSettings) {
    const config: S3ClientConfig = {
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      // The SDK's default checksums stream the body in aws-chunked encoding, which several
      // S3-compatible services (s3rver among them) store corrupted; the SHA-256 we send is enough.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // A service that stops answering fails the request (BLOB_STORE_UNAVAILABLE) instead of holding the act open.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000, throwOnRequestTimeout: true },
    };
    if (settings.endpoint) config.endpoint = settings.endpoint;
    if (settings.accessKeyId && settings.secretAccessKey) {
      config.credentials = { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey.reveal() };
    }
    this.client = new S3Client(config);
    this.bucket = settings.bucket;
    this.originals = `${settings.prefix}originals/`;
    this.derived = `${settings.prefix}derived/`;
    this.listPageSize = settings.listPageSize ?? 1000;
  }

  /** Fails fast at start when the bucket cannot be reached or read with the configured credentials. */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      const status = statusOf(error);
      throw new Error(`the S3 bucket ${this.bucket} cannot be used${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  private keyOf(sha256: string): string {
    assertAddress(sha256);
    return `${this.originals}${sha256}`;
  }

  /**
   * Always sent, even when the object exists: the new modification time restarts the orphan
   * sweep's grace period for bytes whose row is about to be committed.
   */
  async put(bytes: Buffer): Promise<StoredBlob> {
    const hashed = await this.threads.hash(bytes, true);
    const stored = { sha256: hashed.sha256, sm3: hashed.sm3 ?? '', size: hashed.size };
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(stored.sha256),
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: 'application/octet-stream',
          ChecksumSHA256: Buffer.from(stored.sha256, 'hex').toString('base64'),
        }),
      );
    } catch (error) {
      throw asStoreError(error);
    }
    return stored;
  }

  async get(sha256: string): Promise<Buffer> {
    const bytes = await this.fetch(this.keyOf(sha256));
    if (!bytes || (await this.threads.hash(bytes, false)).sha256 !== sha256) throw new AppError('BLOB_INTEGRITY_FAILED', { sha256 });
    return bytes;
  }

  async digest(sha256: string): Promise<StoredBlob | null> {
    const bytes = await this.fetch(this.keyOf(sha256));
    if (!bytes) return null;
    const hashed = await this.threads.hash(bytes, true);
    return { sha256: hashed.sha256, sm3: hashed.sm3 ?? '', size: hashed.size };
  }

  /** Listed in pages with a marker (the last key), which every S3-compatible service supports. */
  async *list(): AsyncIterable<{ sha256: string; modifiedAt: Date }> {
    let marker: string | undefined;
    for (;;) {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsCommand({ Bucket: this.bucket, Prefix: this.originals, Marker: marker, MaxKeys: this.listPageSize }),
        );
      } catch (error) {
        throw asStoreError(error);
      }
      const contents = page.Contents ?? [];
      for (const object of contents) {
        const name = object.Key?.slice(this.originals.length) ?? '';
        if (SHA256_HEX.test(name) && object.LastModified) yield { sha256: name, modifiedAt: object.LastModified };
      }
      marker = contents.at(-1)?.Key;
      if (!page.IsTruncated || !marker) return;
    }
  }

  async remove(sha256: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
    } catch (error) {
      throw asStoreError(error);
    }
  }

  /**
   * Looks at the object's modification time right before deleting it. S3 offers no portable
   * conditional delete, so a put landing between the two requests is lost here; the orphan sweep
   * then finds the row on its next look and puts the bytes back.
   */
  async removeIfOlderThan(sha256: string, cutoff: Date): Promise<boolean> {
    const key = this.keyOf(sha256);
    let modified: Date | undefined;
    try {
      modified = (await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))).LastModified;
    } catch (error) {
      if (isMissing(error)) return true;
      throw asStoreError(error);
    }
    if (modified && modified >= cutoff) return false;
    await this.remove(sha256);
    return true;
  }

  async putDerived(key: string, bytes: Buffer): Promise<void> {
    assertDerivedKey(key);
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: `${this.derived}${key}`, Body: bytes, ContentLength: bytes.length }));
    } catch (error) {
      throw asStoreError(error);
    }
  }

  async getDerived(key: string): Promise<Buffer | null> {
    assertDerivedKey(key);
    return this.fetch(`${this.derived}${key}`);
  }

  async close(): Promise<void> {
    this.client.destroy();
    await this.threads.close();
  }

  /** The object's bytes, or null when there is no such object. */
  private async fetch(key: string): Promise<Buffer | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!answer.Body) return null;
      const bytes = await answer.Body.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (isMissing(error)) return null;
      throw asStoreError(error);
    }
  }
}
