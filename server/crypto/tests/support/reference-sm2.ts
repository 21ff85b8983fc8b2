// Test-only SM2 written straight from GB/T 32918.2 with affine BigInt
// arithmetic over any short Weierstrass curve: slow and obviously correct. It
// reproduces the standard's fixed-k examples (including the Fp-256 test curve,
// which OpenSSL cannot use) and cross-checks the native production path.
import { createHash } from 'node:crypto';
import type { CurveParameters } from '../../sm2/curve.ts';

export type Point = { readonly x: bigint; readonly y: bigint } | null;

const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

function inverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('not invertible');
  return mod(oldS, m);
}

export function isOnCurve(c: CurveParameters, P: Point): boolean {
  if (P === null) return true;
  return mod(P.y * P.y - (P.x * P.x * P.x + c.a * P.x + c.b), c.p) === 0n;
}

export function add(c: CurveParameters, P: Point, Q: Point): Point {
  if (P === null) return Q;
  if (Q === null) return P;
  if (P.x === Q.x && mod(P.y + Q.y, c.p) === 0n) return null;
  const lambda =
    P.x === Q.x && P.y === Q.y ? mod((3n * P.x * P.x + c.a) * inverse(2n * P.y, c.p), c.p) : mod((Q.y - P.y) * inverse(Q.x - P.x, c.p), c.p);
  const x = mod(lambda * lambda - P.x - Q.x, c.p);
  return { x, y: mod(lambda * (P.x - x) - P.y, c.p) };
}

export function multiply(c: CurveParameters, k: bigint, P: Point): Point {
  let result: Point = null;
  let addend = P;
  for (let n = k; n > 0n; n >>= 1n) {
    if (n & 1n) result = add(c, result, addend);
    addend = add(c, addend, addend);
  }
  return result;
}

export const generator = (c: CurveParameters): Point => ({ x: c.gx, y: c.gy });

const field = (c: CurveParameters, v: bigint): Buffer => Buffer.from(v.toString(16).padStart(c.size * 2, '0'), 'hex');

/** Z_A assembled independently of the production code. */
export function referenceZa(c: CurveParameters, id: Uint8Array, P: NonNullable<Point>): Uint8Array {
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  const parts = [entl, Buffer.from(id), field(c, c.a), field(c, c.b), field(c, c.gx), field(c, c.gy), field(c, P.x), field(c, P.y)];
  return new Uint8Array(createHash('sm3').update(Buffer.concat(parts)).digest());
}

export function referenceDigest(c: CurveParameters, id: Uint8Array, P: NonNullable<Point>, message: Uint8Array): bigint {
  const za = referenceZa(c, id, P);
  return BigInt('0x' + createHash('sm3').update(za).update(message).digest('hex'));
}

/** GB/T 32918.2 6.1 with a caller-chosen k; undefined when k must be rejected (r = 0, r + k = n or s = 0). */
export function referenceSign(c: CurveParameters, d: bigint, e: bigint, k: bigint): { r: bigint; s: bigint } | undefined {
  const kG = multiply(c, k, generator(c));
  if (kG === null) return undefined;
  const r = mod(e + kG.x, c.n);
  if (r === 0n || r + k === c.n) return undefined;
  const s = mod(inverse(1n + d, c.n) * (k - r * d), c.n);
  return s === 0n ? undefined : { r, s };
}

/** GB/T 32918.2 7.1. */
export function referenceVerify(c: CurveParameters, P: Point, e: bigint, r: bigint, s: bigint): boolean {
  if (r < 1n || r >= c.n || s < 1n || s >= c.n) return false;
  const t = mod(r + s, c.n);
  if (t === 0n) return false;
  const point = add(c, multiply(c, s, generator(c)), multiply(c, t, P));
  if (point === null) return false;
  return mod(e + point.x, c.n) === r;
}

/** GB/T 32918.2 Annex A test curve Fp-256 (not for production use). */
export const ANNEX_A_TEST_CURVE: CurveParameters = {
  name: 'GB/T 32918.2 Annex A Fp-256 test curve',
  p: 0x8542d69e4c044f18e8b92435bf6ff7de457283915c45517d722edb8b08f1dfc3n,
  a: 0x787968b4fa32c3fd2417842e73bbfeff2f3c848b6831d7e0ec65228b3937e498n,
  b: 0x63e4c6d3b23b0c849cf84241484bfe48f61d59a5b16ba06e6e12d1da27c5249an,
  gx: 0x421debd61b62eab6746434ebc3cc315e32220b3badd50bdc4c4e6c147fedd43dn,
  gy: 0x0680512bcbb42c07d47349d2153b70c4e5d7fdfcbfa36ea1a85841b9e46e09a2n,
  n: 0x8542d69e4c044f18e8b92435bf6ff7dd297720630485628d5ae74ee7c32e79b7n,
  size: 32,
};
