// Z_A = SM3(ENTL_A || ID_A || a || b || xG || yG || xA || yA) and
// e = SM3(Z_A || M), GB/T 32918.2 section 5.5 and 6.1.
import { asBytes, bigintToBytes } from '../bytes.ts';
import { sm3 } from '../sm3.ts';
import { SM2_CURVE, SM2_DEFAULT_ID, type CurveParameters } from './curve.ts';

/** ENTL_A is two octets of bit length, so the ID can be at most 8191 bytes. */
export const MAX_ID_BYTES = 0xffff >> 3;

export function normalizeId(id: Uint8Array | string | undefined): Uint8Array {
  const bytes = asBytes(id ?? SM2_DEFAULT_ID);
  if (bytes.length > MAX_ID_BYTES) throw new RangeError(`SM2 ID longer than ${MAX_ID_BYTES} bytes`);
  return bytes;
}

/** @param publicPoint uncompressed point 04 || x || y */
export function computeZa(publicPoint: Uint8Array, id?: Uint8Array | string, curve: CurveParameters = SM2_CURVE): Uint8Array {
  const idBytes = normalizeId(id);
  if (publicPoint.length !== 1 + 2 * curve.size || publicPoint[0] !== 0x04) {
    throw new TypeError('public point must be uncompressed (04 || x || y)');
  }
  const bits = idBytes.length * 8;
  const field = (value: bigint): Uint8Array => bigintToBytes(value, curve.size);
  return sm3(
    Uint8Array.of(bits >> 8, bits & 0xff),
    idBytes,
    field(curve.a),
    field(curve.b),
    field(curve.gx),
    field(curve.gy),
    publicPoint.subarray(1),
  );
}

/** The value e that SM2 actually signs: SM3(Z_A || M). */
export function computeMessageDigest(za: Uint8Array, message: Uint8Array): Uint8Array {
  return sm3(za, message);
}
