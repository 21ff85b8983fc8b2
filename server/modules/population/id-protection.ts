import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { AppError } from '../../errors.ts';
import { normalizeCitizenId } from './citizen-id.ts';

/**
 * Personal data at rest: SM4-CBC encrypt-then-MAC with HMAC-SM3, and a keyed blind index for exact
 * search (docs/CRYPTO.md, "Citizen ID numbers at rest"). Node 20's OpenSSL offers SM4 only in
 * unauthenticated modes, hence the separate MAC, checked in constant time before anything is
 * decrypted.
 *
 * A protected value is text: `e1.<keyId>.<base64url(iv || ciphertext || tag)>`, so each value
 * names the key that wrote it and old values stay readable after the current key changes.
 * tag = HMAC-SM3(macKey, 0x01 || len(keyId) || keyId || len(context) || context || iv || ciphertext).
 * The context (e.g. which column of which case) is authenticated but not stored: a value copied
 * into another row or column no longer opens.
 */

export const PROTECTED_PREFIX = 'e1.';
const FORMAT_VERSION = 0x01;
const IV_BYTES = 16;
const BLOCK_BYTES = 16;
const TAG_BYTES = 32;
const INDEX_BYTES = 16;
export const MIN_SECRET_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
// A canonical base64url body: no padding, and the last character carries no stray low bits
// (checked by re-encoding), so one stored value has exactly one spelling.
const BODY = /^[A-Za-z0-9_-]+$/;

// HKDF-SM3 (RFC 5869 with SM3; node:crypto supports it, checked against a hand-built HMAC in the
// tests). One master secret per key id; each purpose gets its own derived key.
const HKDF_SALT = Buffer.from('hukou/data-keys/v1', 'utf8');
const INFO_ENCRYPTION = 'sm4-cbc encryption';
const INFO_MAC = 'hmac-sm3 authentication';
const INFO_INDEX = 'hmac-sm3 blind index';
const INDEX_DOMAIN = Buffer.from('citizen-id/v1\0', 'utf8');

export type ProtectedValueProblem = 'format' | 'unknown_key' | 'integrity';

/**
 * A stored value that cannot be opened: malformed, written under a key this ring lacks, or altered
 * (its MAC does not verify). The HTTP layer answers 500 without details; `reason` is for the log.
 */
export class ProtectedValueError extends AppError {
  readonly reason: ProtectedValueProblem;
  readonly keyId?: string;

  constructor(reason: ProtectedValueProblem, keyId?: string) {
    const what =
      reason === 'format'
        ? 'is not a protected value'
        : reason === 'unknown_key'
          ? `names key '${keyId}', which is not configured`
          : `failed its integrity check under key '${keyId}'`;
    super('PROTECTED_DATA_INVALID', undefined, `Stored personal data ${what}`);
    this.name = 'ProtectedValueError';
    this.reason = reason;
    this.keyId = keyId;
  }
}

/** A master secret as configured: the id written into every value it protects. */
export interface MasterKey {
  id: string;
  secret: Uint8Array;
}

interface ValueKeys {
  encryption: KeyObject;
  mac: KeyObject;
}

function derive(secret: Uint8Array, info: string, length: number): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sm3', secret, HKDF_SALT, info, length)));
}

export function isValidKeyId(id: string): boolean {
  return KEY_ID.test(id);
}

/** True for text in the protected format (not a check that it opens). */
export function isProtectedValue(stored: string): boolean {
  return stored.startsWith(PROTECTED_PREFIX);
}

/** The key id a protected value names, or undefined when the text is not in the format. */
export function protectedValueKeyId(stored: string): string | undefined {
  if (!isProtectedValue(stored)) return undefined;
  const end = stored.indexOf('.', PROTECTED_PREFIX.length);
  return end < 0 ? undefined : stored.slice(PROTECTED_PREFIX.length, end);
}

/** The key id a blind-index value was computed under. */
export function blindIndexKeyId(index: string): string | undefined {
  const end = index.indexOf('.');
  return end < 0 ? undefined : index.slice(0, end);
}

function macInput(keyId: string, context: string, iv: Uint8Array, ciphertext: Uint8Array): Buffer[] {
  const id = Buffer.from(keyId, 'utf8');
  const ctx = Buffer.from(context, 'utf8');
  const ctxLength = Buffer.alloc(4);
  ctxLength.writeUInt32BE(ctx.length);
  return [Buffer.from([FORMAT_VERSION, id.length]), id, ctxLength, ctx, Buffer.from(iv), Buffer.from(ciphertext)];
}

function tagOf(key: KeyObject, parts: Buffer[]): Buffer {
  const hmac = createHmac('sm3', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

/**
 * The keys of one deployment, derived once at start-up from the configured master secrets. The
 * first value key writes; the others only read. Blind-index keys are listed apart: the first
 * computes index values, the others are still matched by searches while an index rotation runs.
 * Key material is held in KeyObjects and never serialised or printed.
 */
export class KeyRing {
  readonly currentKeyId: string;
  readonly currentIndexKeyId: string;
  readonly keyIds: readonly string[];
  readonly indexKeyIds: readonly string[];
  readonly #valueKeys = new Map<string, ValueKeys>();
  readonly #indexKeys = new Map<string, KeyObject>();

  /**
   * @param keys master secrets, the current one first
   * @param indexKeyIds ids (from keys) whose secrets derive blind-index keys, the current one
   *   first; defaults to the single key when there is only one
   */
  constructor(keys: readonly MasterKey[], indexKeyIds?: readonly string[]) {
    const [current] = keys;
    if (!current) throw new RangeError('A key ring needs at least one key');
    const secrets = new Map<string, Uint8Array>();
    for (const key of keys) {
      if (!isValidKeyId(key.id)) throw new RangeError(`Key id '${key.id}' must be 1-32 characters A-Z a-z 0-9 _ -`);
      if (secrets.has(key.id)) throw new RangeError(`Key id '${key.id}' is listed twice`);
      if (key.secret.length < MIN_SECRET_BYTES) throw new RangeError(`Key '${key.id}' is shorter than ${MIN_SECRET_BYTES} bytes`);
      secrets.set(key.id, key.secret);
      this.#valueKeys.set(key.id, { encryption: derive(key.secret, INFO_ENCRYPTION, 16), mac: derive(key.secret, INFO_MAC, 32) });
    }
    // With several keys the index key cannot be guessed: picking the wrong one makes every search
    // silently find nothing, so it must be named.
    const indexIds = indexKeyIds && indexKeyIds.length > 0 ? [...indexKeyIds] : keys.length === 1 ? [current.id] : null;
    const [currentIndex] = indexIds ?? [];
    if (!indexIds || !currentIndex) throw new RangeError('With more than one key, name the blind-index key(s) explicitly');
    for (const id of indexIds) {
      const secret = secrets.get(id);
      if (!secret) throw new RangeError(`Blind-index key '${id}' is not among the configured keys`);
      if (this.#indexKeys.has(id)) throw new RangeError(`Blind-index key '${id}' is listed twice`);
      this.#indexKeys.set(id, derive(secret, INFO_INDEX, 32));
    }
    this.currentKeyId = current.id;
    this.currentIndexKeyId = currentIndex;
    this.keyIds = keys.map((k) => k.id);
    this.indexKeyIds = indexIds;
  }

  /** Encrypts under the current key with a fresh random IV. */
  protect(plaintext: string, context: string): string {
    const keyId = this.currentKeyId;
    const keys = this.#valueKeys.get(keyId)!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('sm4-cbc', keys.encryption, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = tagOf(keys.mac, macInput(keyId, context, iv, ciphertext));
    return `${PROTECTED_PREFIX}${keyId}.${Buffer.concat([iv, ciphertext, tag]).toString('base64url')}`;
  }

  /** Verifies the MAC (constant time), then decrypts; throws ProtectedValueError otherwise. */
  open(stored: string, context: string): string {
    const keyId = protectedValueKeyId(stored);
    if (keyId === undefined || !isValidKeyId(keyId)) throw new ProtectedValueError('format');
    const body = stored.slice(PROTECTED_PREFIX.length + keyId.length + 1);
    if (!BODY.test(body)) throw new ProtectedValueError('format', keyId);
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.toString('base64url') !== body) throw new ProtectedValueError('format', keyId);
    const ciphertextLength = bytes.length - IV_BYTES - TAG_BYTES;
    if (ciphertextLength < BLOCK_BYTES || ciphertextLength % BLOCK_BYTES !== 0) throw new ProtectedValueError('format', keyId);
    const keys = this.#valueKeys.get(keyId);
    if (!keys) throw new ProtectedValueError('unknown_key', keyId);
    const iv = bytes.subarray(0, IV_BYTES);
    const ciphertext = bytes.subarray(IV_BYTES, IV_BYTES + ciphertextLength);
    const tag = bytes.subarray(IV_BYTES + ciphertextLength);
    if (!timingSafeEqual(tag, tagOf(keys.mac, macInput(keyId, context, iv, ciphertext)))) {
      throw new ProtectedValueError('integrity', keyId);
    }
    const decipher = createDecipheriv('sm4-cbc', keys.encryption, iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  }

  /** The blind index of a citizen ID number under the current index key: `<keyId>.<base64url>`. */
  blindIndex(idNumber: string): string {
    return this.#indexUnder(this.currentIndexKeyId, idNumber);
  }

  /**
   * The index values a search must match: one per configured index key, the current first. Only
   * while an index rotation is running is there more than one.
   */
  blindIndexCandidates(idNumber: string): string[] {
    return this.indexKeyIds.map((id) => this.#indexUnder(id, idNumber));
  }

  /** Whether this ring can recompute index values written under the given index key id. */
  hasIndexKey(keyId: string): boolean {
    return this.#indexKeys.has(keyId);
  }

  hasValueKey(keyId: string): boolean {
    return this.#valueKeys.has(keyId);
  }

  /** The index value under a given index key; for checking stored index values. */
  blindIndexUnder(keyId: string, idNumber: string): string {
    if (!this.#indexKeys.has(keyId)) throw new ProtectedValueError('unknown_key', keyId);
    return this.#indexUnder(keyId, idNumber);
  }

  #indexUnder(keyId: string, idNumber: string): string {
    const mac = createHmac('sm3', this.#indexKeys.get(keyId)!).update(INDEX_DOMAIN).update(normalizeCitizenId(idNumber), 'utf8').digest();
    // 128 bits of HMAC-SM3 (RFC 2104 allows truncation to half the output): collisions are out of
    // reach at any archive size, and the index stays small.
    return `${keyId}.${mac.subarray(0, INDEX_BYTES).toString('base64url')}`;
  }

  /** What a log or JSON dump may show: key ids, never key material. */
  toJSON(): { currentKeyId: string; keyIds: readonly string[]; indexKeyIds: readonly string[] } {
    return { currentKeyId: this.currentKeyId, keyIds: this.keyIds, indexKeyIds: this.indexKeyIds };
  }

  [inspect.custom](): string {
    return `KeyRing ${JSON.stringify(this.toJSON())}`;
  }
}
