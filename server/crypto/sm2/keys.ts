// SM2 key pairs. Each key wraps a node:crypto KeyObject that is always created
// from our own canonical DER (id-ecPublicKey + sm2 curve): imported that way,
// OpenSSL types the key as SM2, which is what makes the native signing path in
// sign.ts produce SM2 rather than ECDSA (the self-test there guards this).
import { createECDH, createPrivateKey, createPublicKey, ECDH, randomBytes, type KeyObject } from 'node:crypto';
import { bigintToBytes, bytesEqual, bytesToBigint, toHex } from '../bytes.ts';
import { fromPem, toPem } from '../der/pem.ts';
import { DerError } from '../der/tags.ts';
import { SM2_CURVE } from './curve.ts';
import { decodeEcPrivateKey, decodePkcs8, decodeSpki, encodePkcs8, encodeSpki } from './key-encoding.ts';
import { computeZa, normalizeId } from './za.ts';

const POINT_LENGTH = 1 + 2 * SM2_CURVE.size;

/** Validates a point on the SM2 curve and returns it uncompressed (04 || x || y). */
function uncompressedPoint(point: Uint8Array): Uint8Array {
  const plausible =
    (point.length === POINT_LENGTH && point[0] === 0x04) || (point.length === SM2_CURVE.size + 1 && (point[0] === 0x02 || point[0] === 0x03));
  if (!plausible) throw new DerError('SM2 public key must be a compressed or uncompressed point');
  try {
    // OpenSSL decodes the point, which includes the on-curve check.
    return new Uint8Array(ECDH.convertKey(point, 'SM2', undefined, undefined, 'uncompressed') as Buffer);
  } catch {
    throw new DerError('SM2 public key is not a point on the SM2 curve');
  }
}

/**
 * Creating a node:crypto KeyObject costs about 160 us (OpenSSL 3 decoders), a
 * third of an SM2 verification. An archive sees the same few public keys over and
 * over, so instances are shared per point; they are immutable, which makes
 * sharing safe (the point getter hands out copies).
 */
const PUBLIC_KEY_CACHE_LIMIT = 10_000;
const publicKeyCache = new Map<string, Sm2PublicKey>();

export class Sm2PublicKey {
  private readonly zaCache = new Map<string, Uint8Array>();
  readonly #point: Uint8Array;

  private constructor(
    point: Uint8Array,
    readonly keyObject: KeyObject,
  ) {
    this.#point = point;
  }

  static fromPoint(point: Uint8Array): Sm2PublicKey {
    const cacheKey = point.length === POINT_LENGTH ? toHex(point) : undefined;
    const cached = cacheKey ? publicKeyCache.get(cacheKey) : undefined;
    if (cached) return cached;
    const normalized = uncompressedPoint(point);
    const keyObject = createPublicKey({ key: Buffer.from(encodeSpki(normalized)), format: 'der', type: 'spki' });
    const key = new Sm2PublicKey(normalized, keyObject);
    if (publicKeyCache.size >= PUBLIC_KEY_CACHE_LIMIT) publicKeyCache.delete(publicKeyCache.keys().next().value as string);
    publicKeyCache.set(toHex(normalized), key);
    return key;
  }

  static fromSpkiDer(der: Uint8Array): Sm2PublicKey {
    return Sm2PublicKey.fromPoint(decodeSpki(der));
  }

  static fromPem(pem: string): Sm2PublicKey {
    return Sm2PublicKey.fromSpkiDer(fromPem(pem, ['PUBLIC KEY']).der);
  }

  /** Uncompressed point 04 || x || y (a copy). */
  get point(): Uint8Array {
    return this.#point.slice();
  }

  toSpkiDer(): Uint8Array {
    return encodeSpki(this.#point);
  }

  toPem(): string {
    return toPem('PUBLIC KEY', this.toSpkiDer());
  }

  /** Z_A for this key (a copy); cached because a verifier checks many signatures per key. */
  za(id?: Uint8Array | string): Uint8Array {
    const idBytes = normalizeId(id);
    const cacheKey = toHex(idBytes);
    let za = this.zaCache.get(cacheKey);
    if (!za) {
      za = computeZa(this.#point, idBytes);
      if (this.zaCache.size > 16) this.zaCache.clear();
      this.zaCache.set(cacheKey, za);
    }
    return za.slice();
  }

  equals(other: Sm2PublicKey): boolean {
    return bytesEqual(this.#point, other.#point);
  }
}

export class Sm2PrivateKey {
  private constructor(
    private readonly scalar: Uint8Array,
    readonly publicKey: Sm2PublicKey,
    readonly keyObject: KeyObject,
  ) {}

  /** @param scalar the private key d, 1 <= d <= n-2 (GB/T 32918.1 6.1) */
  static fromScalar(scalar: Uint8Array | bigint, expectedPoint?: Uint8Array): Sm2PrivateKey {
    const d = typeof scalar === 'bigint' ? scalar : bytesToBigint(scalar);
    if (d < 1n || d > SM2_CURVE.n - 2n) throw new DerError('SM2 private key outside [1, n-2]');
    const dBytes = bigintToBytes(d, SM2_CURVE.size);
    const ecdh = createECDH('SM2');
    ecdh.setPrivateKey(Buffer.from(dBytes));
    const point = new Uint8Array(ecdh.getPublicKey());
    if (expectedPoint && !bytesEqual(uncompressedPoint(expectedPoint), point)) {
      throw new DerError('embedded public key does not match the private key');
    }
    const publicKey = Sm2PublicKey.fromPoint(point);
    const keyObject = createPrivateKey({ key: Buffer.from(encodePkcs8(dBytes, point)), format: 'der', type: 'pkcs8' });
    return new Sm2PrivateKey(dBytes, publicKey, keyObject);
  }

  static generate(): Sm2PrivateKey {
    // Rejection sampling keeps d uniform in [1, n-2].
    for (;;) {
      const d = bytesToBigint(randomBytes(SM2_CURVE.size));
      if (d >= 1n && d <= SM2_CURVE.n - 2n) return Sm2PrivateKey.fromScalar(d);
    }
  }

  static fromPkcs8Der(der: Uint8Array): Sm2PrivateKey {
    const { scalar, point } = decodePkcs8(der);
    return Sm2PrivateKey.fromScalar(scalar, point);
  }

  /** SEC1 ECPrivateKey (RFC 5915), which must name the SM2 curve. */
  static fromSec1Der(der: Uint8Array): Sm2PrivateKey {
    const { scalar, point } = decodeEcPrivateKey(der, true);
    return Sm2PrivateKey.fromScalar(scalar, point);
  }

  /** PKCS#8 "PRIVATE KEY", or SEC1 as "EC PRIVATE KEY" / "SM2 PRIVATE KEY" (OpenSSL 3 `ec` output). */
  static fromPem(pem: string): Sm2PrivateKey {
    const block = fromPem(pem, ['PRIVATE KEY', 'EC PRIVATE KEY', 'SM2 PRIVATE KEY']);
    return block.label === 'PRIVATE KEY' ? Sm2PrivateKey.fromPkcs8Der(block.der) : Sm2PrivateKey.fromSec1Der(block.der);
  }

  toPkcs8Der(): Uint8Array {
    return encodePkcs8(this.scalar, this.publicKey.point);
  }

  toPem(): string {
    return toPem('PRIVATE KEY', this.toPkcs8Der());
  }

  /** The raw 32-byte scalar d; handle with the same care as the PEM. */
  exportScalar(): Uint8Array {
    return this.scalar.slice();
  }
}

export interface Sm2KeyPair {
  readonly privateKey: Sm2PrivateKey;
  readonly publicKey: Sm2PublicKey;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const privateKey = Sm2PrivateKey.generate();
  return { privateKey, publicKey: privateKey.publicKey };
}
