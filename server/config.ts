import path from 'node:path';
import { inspect } from 'node:util';
import { z } from 'zod';

const ConfigSchema = z.object({
  HUKOU_DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  HUKOU_BLOB_DIR: z.string().optional(),
  // Blob store (docs/OPERATIONS.md, "Storage"): local files (default) or an S3-compatible bucket.
  HUKOU_BLOB_STORE: z.enum(['fs', 's3']).default('fs'),
  HUKOU_DERIVED_DIR: z.string().optional(),
  HUKOU_S3_ENDPOINT: z.string().url().optional(),
  HUKOU_S3_BUCKET: z.string().optional(),
  HUKOU_S3_REGION: z.string().default('us-east-1'),
  HUKOU_S3_ACCESS_KEY_ID: z.string().optional(),
  HUKOU_S3_SECRET_ACCESS_KEY: z.string().optional(),
  HUKOU_S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0']).default('true'),
  HUKOU_S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'empty, or path segments each ending in /')
    .default(''),
  // Unreferenced originals younger than this are a capture in flight, never swept.
  HUKOU_ORPHAN_GRACE_HOURS: z.coerce.number().positive().default(24),
  // The fixity sweep re-hashes a share of the originals each day so that all are re-hashed within this period.
  HUKOU_FIXITY_PERIOD_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Paper files of a month's decided cases are bound by this day of the next month (docs/PAPER-ARCHIVE.md).
  HUKOU_PAPER_BIND_DAY: z.coerce.number().int().min(1).max(28).default(10),
  // Spot checks (docs/SPOT-CHECKS.md): each branch completes a round at least once per period, the city too;
  // a paper verification is due this many days after it is requested.
  HUKOU_SPOT_CHECK_BRANCH_PERIOD: z.enum(['week', 'month']).default('week'),
  HUKOU_SPOT_CHECK_CITY_PERIOD: z.enum(['week', 'month']).default('month'),
  HUKOU_PAPER_VERIFY_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  // SMS (docs/SMS.md): the local inbox (default) or an SMS centre over SMPP; how many sends a text gets.
  HUKOU_SMS_GATEWAY: z.enum(['local', 'smpp']).default('local'),
  HUKOU_SMPP_URL: z
    .string()
    .regex(/^ssmpp?:\/\/[^/]+$/, 'smpp://host:port or ssmpp://host:port')
    .optional(),
  HUKOU_SMPP_SYSTEM_ID: z.string().max(15).optional(),
  HUKOU_SMPP_PASSWORD: z.string().max(8).optional(),
  HUKOU_SMPP_SOURCE_ADDR: z.string().max(20).default(''),
  HUKOU_SMPP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  HUKOU_SMS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  HUKOU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUKOU_SESSION_HOURS: z.coerce.number().positive().default(12),
  HUKOU_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  HUKOU_MAX_IMAGE_PIXELS: z.coerce.number().int().positive().default(50_000_000),
  // `keyId:base64secret,...`, current key first (server/modules/population/data-keys.ts).
  HUKOU_DATA_KEYS: z.string().optional(),
  // Key ids whose secrets derive the blind index of ID numbers, current first.
  HUKOU_DATA_INDEX_KEYS: z.string().optional(),
  // Set when a proxy in front terminates TLS, so the session cookie is sent over HTTPS only.
  HUKOU_COOKIE_SECURE: z.enum(['true', 'false', '1', '0']).default('false'),
  // Electronic seals (docs/SEALS.md): 'auto' lets the local authority issue an officer's certificate
  // and the unit's seal when first needed (embedded mode); 'manual' leaves it to the security administrator.
  HUKOU_SEAL_ENROLMENT: z.enum(['auto', 'manual']).default('auto'),
  // Who makes the decisions' signatures (docs/SEAL-SERVICE.md): keys held here, or the province's seal system.
  HUKOU_SIGNING_PROVIDER: z.enum(['built-in', 'remote']).default('built-in'),
  HUKOU_SEAL_SERVICE_URL: z.string().url().optional(),
  HUKOU_SEAL_SERVICE_TOKEN: z.string().optional(),
  HUKOU_SEAL_SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  HUKOU_SEAL_SERVICE_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  // Signed checkpoints of the audit trail (docs/SEALS.md): how often, and where the witness files go.
  HUKOU_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  HUKOU_CHECKPOINT_DIR: z.string().optional(),
  // Where the built web application is; empty serves the API alone.
  HUKOU_WEB_DIR: z.string().optional(),
  // The address the public reaches this archive at: printed in every notice's QR code.
  HUKOU_PUBLIC_URL: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//.test(url) && !/[?#]/.test(url), 'an http(s) address without query or fragment')
    .optional(),
});

/**
 * A setting that is a secret: logging, inspecting or serialising the config shows `[redacted]`;
 * only the code that needs the value calls reveal().
 */
export class SecretSetting {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return 'SecretSetting [redacted]';
  }
}

/** Where the keys protecting personal data at rest come from; null settings mean "not configured". */
export interface DataKeysConfig {
  keys: SecretSetting | null;
  indexKeyIds: string[] | null;
  /** Holds the generated key file when no keys are configured (embedded mode). */
  keyDir: string;
}

/** Where originals live; derived images (previews, thumbnails) are kept apart in the same kind of store. */
export type BlobStoreConfig =
  | { kind: 'fs'; dir: string; derivedDir: string }
  | {
      kind: 's3';
      endpoint: string | null;
      bucket: string;
      region: string;
      accessKeyId: string | null;
      secretAccessKey: SecretSetting | null;
      forcePathStyle: boolean;
      prefix: string;
    };

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface AppConfig {
  dataDir: string;
  port: number;
  host: string;
  database: DatabaseConfig;
  /** The fs store's originals directory (also set, unused, when the store is S3). */
  blobDir: string;
  blobStore: BlobStoreConfig;
  /** Unreferenced originals are swept once they are older than this. */
  orphanGraceHours: number;
  /** Every original is re-hashed by the fixity sweep within this many days. */
  fixityPeriodDays: number;
  /** The day of the month by which the paper files of the previous month's decided cases are bound. */
  paperBindDay: number;
  /** Spot check quotas (one completed round per period) and the paper verification deadline. */
  spotChecks: { branchPeriod: 'week' | 'month'; cityPeriod: 'week' | 'month'; paperVerifyDays: number };
  /** Where texts go (docs/SMS.md); smpp is null with the local gateway. */
  sms: {
    gateway: 'local' | 'smpp';
    smpp: { url: string; systemId: string; password: SecretSetting; sourceAddress: string; timeoutMs: number } | null;
    maxAttempts: number;
  };
  logLevel: z.infer<typeof ConfigSchema>['HUKOU_LOG_LEVEL'];
  sessionHours: number;
  maxUploadBytes: number;
  maxImagePixels: number;
  dataKeys: DataKeysConfig;
  cookieSecure: boolean;
  /** The built web application (web/dist); null serves the API alone. */
  webDir: string | null;
  /** Whether the local seal authority enrols officers and units when first needed. */
  sealEnrolment: 'auto' | 'manual';
  /** The province's seal system when decisions are signed remotely; null signs with the keys held here. */
  sealService: { url: string; token: SecretSetting | null; timeoutMs: number; retries: number } | null;
  /** Minutes between scheduled checkpoints of the trail: the most an unwitnessed tail can span. */
  checkpointMinutes: number;
  /** Where each checkpoint is also written, as a witness outside the database. */
  checkpointDir: string;
  /** The archive's public address (no trailing slash): a notice's QR code opens its check there. */
  publicUrl: string;
}

const isTrue = (value: string) => value === 'true' || value === '1';

function sealServiceConfig(raw: z.infer<typeof ConfigSchema>): AppConfig['sealService'] {
  if (raw.HUKOU_SIGNING_PROVIDER === 'built-in') return null;
  if (!raw.HUKOU_SEAL_SERVICE_URL) throw new Error('HUKOU_SIGNING_PROVIDER=remote needs HUKOU_SEAL_SERVICE_URL');
  return {
    url: raw.HUKOU_SEAL_SERVICE_URL,
    token: raw.HUKOU_SEAL_SERVICE_TOKEN ? new SecretSetting(raw.HUKOU_SEAL_SERVICE_TOKEN) : null,
    timeoutMs: raw.HUKOU_SEAL_SERVICE_TIMEOUT_MS,
    retries: raw.HUKOU_SEAL_SERVICE_RETRIES,
  };
}

function smsConfig(raw: z.infer<typeof ConfigSchema>): AppConfig['sms'] {
  const base = { gateway: raw.HUKOU_SMS_GATEWAY, maxAttempts: raw.HUKOU_SMS_MAX_ATTEMPTS };
  if (raw.HUKOU_SMS_GATEWAY === 'local') return { ...base, smpp: null };
  if (!raw.HUKOU_SMPP_URL || !raw.HUKOU_SMPP_SYSTEM_ID) throw new Error('HUKOU_SMS_GATEWAY=smpp needs HUKOU_SMPP_URL and HUKOU_SMPP_SYSTEM_ID');
  return {
    ...base,
    smpp: {
      url: raw.HUKOU_SMPP_URL,
      systemId: raw.HUKOU_SMPP_SYSTEM_ID,
      password: new SecretSetting(raw.HUKOU_SMPP_PASSWORD ?? ''),
      sourceAddress: raw.HUKOU_SMPP_SOURCE_ADDR,
      timeoutMs: raw.HUKOU_SMPP_TIMEOUT_MS,
    },
  };
}

function blobStoreConfig(raw: z.infer<typeof ConfigSchema>, dataDir: string, blobDir: string): BlobStoreConfig {
  if (raw.HUKOU_BLOB_STORE === 'fs') {
    return { kind: 'fs', dir: blobDir, derivedDir: path.resolve(raw.HUKOU_DERIVED_DIR ?? path.join(dataDir, 'derived')) };
  }
  if (!raw.HUKOU_S3_BUCKET) throw new Error('HUKOU_BLOB_STORE=s3 needs HUKOU_S3_BUCKET');
  if (Boolean(raw.HUKOU_S3_ACCESS_KEY_ID) !== Boolean(raw.HUKOU_S3_SECRET_ACCESS_KEY)) {
    throw new Error('HUKOU_S3_ACCESS_KEY_ID and HUKOU_S3_SECRET_ACCESS_KEY go together (or neither, for the SDK credential chain)');
  }
  return {
    kind: 's3',
    endpoint: raw.HUKOU_S3_ENDPOINT ?? null,
    bucket: raw.HUKOU_S3_BUCKET,
    region: raw.HUKOU_S3_REGION,
    accessKeyId: raw.HUKOU_S3_ACCESS_KEY_ID ?? null,
    secretAccessKey: raw.HUKOU_S3_SECRET_ACCESS_KEY ? new SecretSetting(raw.HUKOU_S3_SECRET_ACCESS_KEY) : null,
    forcePathStyle: isTrue(raw.HUKOU_S3_FORCE_PATH_STYLE),
    prefix: raw.HUKOU_S3_PREFIX,
  };
}

/** Reads the environment; every default is the embedded mode (SQLite + local files under ./data). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = ConfigSchema.parse(env);
  const dataDir = path.resolve(raw.HUKOU_DATA_DIR);
  const url = raw.DATABASE_URL;
  const database: DatabaseConfig =
    url && /^postgres(ql)?:\/\//.test(url)
      ? { kind: 'postgres', url }
      : { kind: 'sqlite', file: url ? url.replace(/^sqlite:/, '') : path.join(dataDir, 'hukou.sqlite') };
  const blobDir = path.resolve(raw.HUKOU_BLOB_DIR ?? path.join(dataDir, 'blobs'));
  return {
    dataDir,
    port: raw.PORT,
    host: raw.HOST,
    database,
    blobDir,
    blobStore: blobStoreConfig(raw, dataDir, blobDir),
    orphanGraceHours: raw.HUKOU_ORPHAN_GRACE_HOURS,
    fixityPeriodDays: raw.HUKOU_FIXITY_PERIOD_DAYS,
    logLevel: raw.HUKOU_LOG_LEVEL,
    sessionHours: raw.HUKOU_SESSION_HOURS,
    maxUploadBytes: raw.HUKOU_MAX_UPLOAD_BYTES,
    maxImagePixels: raw.HUKOU_MAX_IMAGE_PIXELS,
    dataKeys: {
      keys: raw.HUKOU_DATA_KEYS?.trim() ? new SecretSetting(raw.HUKOU_DATA_KEYS.trim()) : null,
      indexKeyIds: raw.HUKOU_DATA_INDEX_KEYS?.trim() ? raw.HUKOU_DATA_INDEX_KEYS.split(',').map((id) => id.trim()) : null,
      keyDir: path.join(dataDir, 'keys'),
    },
    cookieSecure: raw.HUKOU_COOKIE_SECURE === 'true' || raw.HUKOU_COOKIE_SECURE === '1',
    webDir: raw.HUKOU_WEB_DIR === '' ? null : path.resolve(raw.HUKOU_WEB_DIR ?? 'web/dist'),
    sealEnrolment: raw.HUKOU_SEAL_ENROLMENT,
    sealService: sealServiceConfig(raw),
    checkpointMinutes: raw.HUKOU_CHECKPOINT_MINUTES,
    paperBindDay: raw.HUKOU_PAPER_BIND_DAY,
    spotChecks: {
      branchPeriod: raw.HUKOU_SPOT_CHECK_BRANCH_PERIOD,
      cityPeriod: raw.HUKOU_SPOT_CHECK_CITY_PERIOD,
      paperVerifyDays: raw.HUKOU_PAPER_VERIFY_DAYS,
    },
    sms: smsConfig(raw),
    checkpointDir: path.resolve(raw.HUKOU_CHECKPOINT_DIR ?? path.join(dataDir, 'checkpoints')),
    // Embedded mode answers on this machine; a bureau's deployment sets the address citizens can reach.
    publicUrl: (raw.HUKOU_PUBLIC_URL ?? `http://${raw.HOST === '0.0.0.0' || raw.HOST === '::' ? 'localhost' : raw.HOST}:${raw.PORT}`).replace(
      /\/+$/,
      '',
    ),
  };
}
