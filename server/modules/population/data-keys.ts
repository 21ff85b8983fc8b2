import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataKeysConfig } from '../../config.ts';
import { isValidKeyId, KeyRing, type MasterKey, MIN_SECRET_BYTES } from './id-protection.ts';

/**
 * Loads the keys that protect personal data at rest, once at start-up. Production configures them
 * (HUKOU_DATA_KEYS, from a secret store, never beside the database). With nothing configured the
 * embedded mode generates one key into `$HUKOU_DATA_DIR/keys/data-keys` (mode 0600) so that
 * `npm ci && npm start` works, and says on every start that this is not for production: a copy of
 * the data directory then carries its own key.
 */

export const KEY_FILE_NAME = 'data-keys';
export const GENERATED_KEY_ID = 'local1';

/** A configuration the server must not start with; the message names the setting, never a secret. */
export class DataKeyConfigError extends Error {
  constructor(zh: string, en: string) {
    super(`数据密钥配置错误：${zh} / Data key configuration: ${en}`);
    this.name = 'DataKeyConfigError';
  }
}

export interface LoadedDataKeys {
  ring: KeyRing;
  source: 'configuration' | 'key-file';
  /** The key file read or written (key-file source only). */
  file?: string;
  /** True when this start created the key file. */
  generated: boolean;
}

function decodeSecret(id: string, text: string): Uint8Array {
  const compact = text.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_');
  const bytes = /^[A-Za-z0-9_-]+$/.test(compact) ? Buffer.from(compact, 'base64url') : Buffer.alloc(0);
  // Re-encoding must give the same text: a stray character the decoder skipped would otherwise
  // silently yield another key.
  if (bytes.length === 0 || bytes.toString('base64url') !== compact) {
    throw new DataKeyConfigError(`密钥 ${id} 不是有效的 base64`, `key '${id}' is not valid base64`);
  }
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new DataKeyConfigError(`密钥 ${id} 短于 ${MIN_SECRET_BYTES} 字节`, `key '${id}' is shorter than ${MIN_SECRET_BYTES} bytes`);
  }
  return new Uint8Array(bytes);
}

/** Parses `keyId:base64secret,keyId:base64secret`, the current key first. */
export function parseDataKeys(spec: string): MasterKey[] {
  const keys: MasterKey[] = [];
  for (const entry of spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon).trim();
    if (!isValidKeyId(id)) {
      throw new DataKeyConfigError(
        '每项应为 密钥标识:base64密钥，标识为 1-32 个字母、数字、_ 或 -',
        'each entry must be keyId:base64secret, the id 1-32 of A-Z a-z 0-9 _ -',
      );
    }
    if (keys.some((k) => k.id === id)) throw new DataKeyConfigError(`密钥标识 ${id} 重复`, `key id '${id}' is listed twice`);
    keys.push({ id, secret: decodeSecret(id, entry.slice(colon + 1).trim()) });
  }
  if (keys.length === 0) throw new DataKeyConfigError('HUKOU_DATA_KEYS 为空', 'HUKOU_DATA_KEYS is empty');
  return keys;
}

function buildRing(keys: MasterKey[], indexKeyIds: string[] | null, where: string): KeyRing {
  if (!indexKeyIds && keys.length > 1) {
    throw new DataKeyConfigError(
      `配置了多个密钥时须用 HUKOU_DATA_INDEX_KEYS 指明盲索引密钥（${where}）`,
      `with several keys, HUKOU_DATA_INDEX_KEYS must name the blind-index key (${where})`,
    );
  }
  for (const id of indexKeyIds ?? []) {
    if (!keys.some((k) => k.id === id)) {
      throw new DataKeyConfigError(`HUKOU_DATA_INDEX_KEYS 中的 ${id} 不在 HUKOU_DATA_KEYS 中`, `index key '${id}' is not among the keys (${where})`);
    }
  }
  return new KeyRing(keys, indexKeyIds ?? undefined);
}

/** The key file: `NAME=value` lines for the same two settings as the environment, `#` comments. */
export function parseKeyFile(text: string): { keys: string | null; indexKeyIds: string[] | null } {
  let keys: string | null = null;
  let indexKeyIds: string[] | null = null;
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const name = eq < 0 ? line : line.slice(0, eq).trim();
    const value = eq < 0 ? '' : line.slice(eq + 1).trim();
    if (name === 'HUKOU_DATA_KEYS') keys = value;
    else if (name === 'HUKOU_DATA_INDEX_KEYS')
      indexKeyIds = value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
    else throw new DataKeyConfigError(`密钥文件中有未知设置 ${name}`, `unknown setting '${name}' in the key file`);
  }
  return { keys, indexKeyIds };
}

function keyFileText(secret: Uint8Array, at: Date): string {
  return [
    '# 户政业务电子档案系统：保护静态公民身份号码的数据密钥（嵌入式模式自动生成）。',
    `# Keys protecting citizen ID numbers at rest, generated ${at.toISOString()} for the embedded mode.`,
    '# 生产环境须通过配置 HUKOU_DATA_KEYS 提供密钥，并与数据库及其备份分开保管。',
    '# In production configure HUKOU_DATA_KEYS instead, kept apart from the database and its backups.',
    '# Losing this file makes every protected value unreadable. Rotation: docs/CRYPTO.md.',
    `HUKOU_DATA_KEYS=${GENERATED_KEY_ID}:${Buffer.from(secret).toString('base64')}`,
    '',
  ].join('\n');
}

/**
 * Creates the key file atomically: written and synced under a temporary name, then hard-linked
 * into place, which fails if another process created it first (that file then wins).
 */
function generateKeyFile(dir: string, file: string, now: Date): boolean {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${KEY_FILE_NAME}.${process.pid}.${randomBytes(4).toString('hex')}`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, keyFileText(randomBytes(32), now));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
    syncDirectory(dir);
  }
}

function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const PRODUCTION_WARNING =
  '生产环境须通过配置 HUKOU_DATA_KEYS 提供密钥，并与数据库分开保管 / ' +
  'in production the key must come from configuration (HUKOU_DATA_KEYS) and be kept apart from the database';

/**
 * The key ring for this process. `warn` receives operator warnings (no key material ever).
 */
export function loadDataKeys(config: DataKeysConfig, warn: (message: string) => void = console.warn, now: Date = new Date()): LoadedDataKeys {
  const file = path.join(config.keyDir, KEY_FILE_NAME);
  if (config.keys) {
    const ring = buildRing(parseDataKeys(config.keys.reveal()), config.indexKeyIds, 'HUKOU_DATA_KEYS');
    if (fs.existsSync(file))
      warn(`警告：已配置 HUKOU_DATA_KEYS，忽略密钥文件 ${file} / WARNING: HUKOU_DATA_KEYS is set; the key file ${file} is ignored`);
    return { ring, source: 'configuration', generated: false };
  }
  const generated = !fs.existsSync(file) && generateKeyFile(config.keyDir, file, now);
  const stat = fs.statSync(file);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    warn(`警告：密钥文件 ${file} 可被其他用户读取，应为 0600 / WARNING: the key file ${file} is readable by others; it should be mode 0600`);
  }
  const settings = parseKeyFile(fs.readFileSync(file, 'utf8'));
  if (!settings.keys) throw new DataKeyConfigError(`密钥文件 ${file} 中没有 HUKOU_DATA_KEYS`, `the key file ${file} has no HUKOU_DATA_KEYS`);
  const ring = buildRing(parseDataKeys(settings.keys), config.indexKeyIds ?? settings.indexKeyIds, file);
  warn(
    generated
      ? `警告：未配置数据密钥，已生成密钥文件 ${file} / WARNING: no data keys configured; generated the key file ${file}. ${PRODUCTION_WARNING}`
      : `警告：数据密钥取自密钥文件 ${file} / WARNING: data keys come from the key file ${file}. ${PRODUCTION_WARNING}`,
  );
  return { ring, source: 'key-file', file, generated };
}
