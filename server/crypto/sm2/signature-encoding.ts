// SM2 signature value: SEQUENCE { r INTEGER, s INTEGER } (GB/T 35276 / GM/T 0009),
// plus the 64-byte r || s form some devices emit.
import { bigintToBytes, bytesToBigint } from '../bytes.ts';
import { integer, sequence } from '../der/encode.ts';
import { DerReader } from '../der/reader.ts';
import { DerError } from '../der/tags.ts';
import { SM2_CURVE } from './curve.ts';

export interface Sm2SignatureValue {
  readonly r: bigint;
  readonly s: bigint;
}

function assertInRange({ r, s }: Sm2SignatureValue): void {
  const n = SM2_CURVE.n;
  if (r < 1n || r >= n || s < 1n || s >= n) throw new DerError('SM2 signature r or s outside [1, n-1]');
}

export function encodeSm2Signature(value: Sm2SignatureValue): Uint8Array {
  assertInRange(value);
  return sequence(integer(value.r), integer(value.s));
}

/** Strict decoding: canonical DER, nothing trailing, r and s in [1, n-1]. */
export function decodeSm2Signature(der: Uint8Array): Sm2SignatureValue {
  const reader = DerReader.fromBytes(der, 'SM2Signature');
  const value = { r: reader.integer('r'), s: reader.integer('s') };
  reader.end();
  assertInRange(value);
  return value;
}

export function sm2SignatureToRaw(der: Uint8Array): Uint8Array {
  const { r, s } = decodeSm2Signature(der);
  const raw = new Uint8Array(64);
  raw.set(bigintToBytes(r, 32), 0);
  raw.set(bigintToBytes(s, 32), 32);
  return raw;
}

export function sm2SignatureFromRaw(raw: Uint8Array): Uint8Array {
  if (raw.length !== 64) throw new DerError('raw SM2 signature must be 64 bytes (r || s)');
  return encodeSm2Signature({ r: bytesToBigint(raw.subarray(0, 32)), s: bytesToBigint(raw.subarray(32)) });
}
