import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { bigintToBytes, toHex } from '../bytes.ts';
import { DerError } from '../der/tags.ts';
import { toPem } from '../der/pem.ts';
import { bitString, explicit, integer, octetString, oid, sequence } from '../der/encode.ts';
import { Oid } from '../oids.ts';
import { SM2_CURVE } from '../sm2/curve.ts';
import { encodeEcPrivateKey, encodePkcs8 } from '../sm2/key-encoding.ts';
import { generateSm2KeyPair, Sm2PrivateKey, Sm2PublicKey } from '../sm2/keys.ts';
import { decodeSm2Signature, encodeSm2Signature, sm2SignatureFromRaw, sm2SignatureToRaw } from '../sm2/signature-encoding.ts';
import { sm2Sign, sm2Verify } from '../sm2/sign.ts';
import { itemAt } from './support/item-at.ts';

test('generated keys round-trip through PKCS#8 / SPKI, PEM and DER', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const fromPkcs8Pem = Sm2PrivateKey.fromPem(privateKey.toPem());
  const fromPkcs8Der = Sm2PrivateKey.fromPkcs8Der(privateKey.toPkcs8Der());
  assert.deepEqual(fromPkcs8Pem.exportScalar(), privateKey.exportScalar());
  assert.deepEqual(fromPkcs8Der.exportScalar(), privateKey.exportScalar());
  assert.ok(fromPkcs8Pem.publicKey.equals(publicKey));
  assert.ok(Sm2PublicKey.fromPem(publicKey.toPem()).equals(publicKey));
  assert.ok(Sm2PublicKey.fromSpkiDer(publicKey.toSpkiDer()).equals(publicKey));
  assert.match(privateKey.toPem(), /^-----BEGIN PRIVATE KEY-----\n/);
  assert.match(publicKey.toPem(), /^-----BEGIN PUBLIC KEY-----\n/);
  // Keys re-imported from PEM sign and verify with each other.
  const signature = sm2Sign(fromPkcs8Pem, 'payload');
  assert.ok(sm2Verify(Sm2PublicKey.fromPem(publicKey.toPem()), 'payload', signature));
});

test('key encodings carry id-ecPublicKey with the SM2 curve OID, as OpenSSL writes them', () => {
  const { publicKey } = generateSm2KeyPair();
  const spki = toHex(publicKey.toSpkiDer());
  assert.ok(spki.startsWith('3059301306072a8648ce3d020106082a811ccf5501822d03420004'), spki);
});

test('generated keys differ and stay within [1, n-2]', () => {
  const scalars = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const d = BigInt('0x' + toHex(generateSm2KeyPair().privateKey.exportScalar()));
    assert.ok(d >= 1n && d <= SM2_CURVE.n - 2n);
    scalars.add(d.toString(16));
  }
  assert.equal(scalars.size, 20);
});

test('compressed and uncompressed points name the same key', () => {
  const { publicKey } = generateSm2KeyPair();
  const y = itemAt(publicKey.point, 64);
  const compressed = Uint8Array.from([y % 2 === 0 ? 0x02 : 0x03, ...publicKey.point.subarray(1, 33)]);
  assert.ok(Sm2PublicKey.fromPoint(compressed).equals(publicKey));
});

test('SEC1 "EC PRIVATE KEY" with SM2 parameters imports; without parameters it is refused', () => {
  const { privateKey } = generateSm2KeyPair();
  const scalar = privateKey.exportScalar();
  const point = privateKey.publicKey.point;
  const sec1 = sequence(integer(1), octetString(scalar), explicit(0, oid(Oid.sm2)), explicit(1, bitString(point)));
  const imported = Sm2PrivateKey.fromPem(toPem('EC PRIVATE KEY', sec1));
  assert.deepEqual(imported.exportScalar(), scalar);
  assert.throws(() => Sm2PrivateKey.fromSec1Der(encodeEcPrivateKey(scalar, point)), DerError);
  const p256Curve = sequence(integer(1), octetString(scalar), explicit(0, oid('1.2.840.10045.3.1.7')));
  assert.throws(() => Sm2PrivateKey.fromSec1Der(p256Curve), DerError);
});

test('private keys outside [1, n-2] are refused', () => {
  for (const d of [0n, SM2_CURVE.n - 1n, SM2_CURVE.n, SM2_CURVE.n + 5n]) {
    assert.throws(() => Sm2PrivateKey.fromScalar(d), DerError, d.toString(16));
  }
  assert.doesNotThrow(() => Sm2PrivateKey.fromScalar(SM2_CURVE.n - 2n));
  assert.doesNotThrow(() => Sm2PrivateKey.fromScalar(1n));
});

test('a PKCS#8 key whose embedded public key does not match its scalar is refused', () => {
  const a = generateSm2KeyPair().privateKey;
  const b = generateSm2KeyPair().privateKey;
  const mismatched = encodePkcs8(a.exportScalar(), b.publicKey.point);
  assert.throws(() => Sm2PrivateKey.fromPkcs8Der(mismatched), DerError);
});

test('non-SM2 keys and points off the curve are refused', () => {
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const p256Private = p256.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const p256Public = p256.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  assert.throws(() => Sm2PrivateKey.fromPem(p256Private), DerError);
  assert.throws(() => Sm2PublicKey.fromPem(p256Public), DerError);
  const { publicKey } = generateSm2KeyPair();
  const offCurve = publicKey.point.slice();
  offCurve[64] = itemAt(offCurve, 64) ^ 1;
  assert.throws(() => Sm2PublicKey.fromPoint(offCurve), DerError);
  assert.throws(() => Sm2PublicKey.fromPoint(Uint8Array.of(0)), DerError);
  assert.throws(() => Sm2PrivateKey.fromPem(toPem('CERTIFICATE', new Uint8Array(3))), DerError);
});

test('signature DER and raw r||s conversions are exact inverses; bad encodings are refused', () => {
  const { privateKey } = generateSm2KeyPair();
  const der = sm2Sign(privateKey, 'x');
  assert.deepEqual(sm2SignatureFromRaw(sm2SignatureToRaw(der)), der);
  const { r, s } = decodeSm2Signature(der);
  assert.deepEqual(encodeSm2Signature({ r, s }), der);
  const n = SM2_CURVE.n;
  assert.throws(() => encodeSm2Signature({ r: 0n, s }), DerError);
  assert.throws(() => sm2SignatureFromRaw(Uint8Array.from([...bigintToBytes(n, 32), ...bigintToBytes(s, 32)])), DerError);
  assert.throws(() => decodeSm2Signature(Uint8Array.from([...der, 0])), DerError);
  assert.throws(() => sm2SignatureFromRaw(new Uint8Array(63)), DerError);
});

test('the distinguishing ID is part of what is signed', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const signature = sm2Sign(privateKey, 'document', { id: 'ALICE123@YAHOO.COM' });
  assert.ok(sm2Verify(publicKey, 'document', signature, { id: 'ALICE123@YAHOO.COM' }));
  assert.ok(!sm2Verify(publicKey, 'document', signature));
  assert.ok(!sm2Verify(publicKey, 'document', signature, { id: new Uint8Array(0) }));
  assert.throws(() => sm2Sign(privateKey, 'x', { id: new Uint8Array(8192) }), RangeError);
});

test('shared public key instances cannot be altered through what they hand out', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const point = publicKey.point;
  point[10] = itemAt(point, 10) ^ 0xff;
  const za = publicKey.za();
  za[0] = itemAt(za, 0) ^ 0xff;
  const again = Sm2PublicKey.fromPoint(privateKey.publicKey.point);
  assert.ok(again.equals(publicKey));
  assert.notDeepEqual(publicKey.point, point);
  assert.ok(sm2Verify(again, 'm', sm2Sign(privateKey, 'm')));
});
