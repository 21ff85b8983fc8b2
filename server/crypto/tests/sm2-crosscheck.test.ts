// Property tests: the native production path agrees with two independent
// implementations (the test-only reference and sm-crypto-v2) on random
// messages, IDs and keys, in both directions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import { bytesToBigint, fromHex, toHex } from '../bytes.ts';
import { SM2_CURVE } from '../sm2/curve.ts';
import { Sm2PrivateKey, generateSm2KeyPair } from '../sm2/keys.ts';
import { decodeSm2Signature, encodeSm2Signature } from '../sm2/signature-encoding.ts';
import { sm2Sign, sm2Verify } from '../sm2/sign.ts';
import { computeMessageDigest } from '../sm2/za.ts';
import { referenceDigest, referenceSign, referenceVerify } from './support/reference-sm2.ts';

const RUNS = { numRuns: 25 };
const message = fc.uint8Array({ maxLength: 200 });
// sm-crypto-v2 takes the ID as a string; printable ASCII keeps encodings identical.
const asciiId = fc.string({ unit: fc.constantFrom(...'abcXYZ0123456789@.-_'.split('')), maxLength: 40 });
const scalar = fc.bigInt({ min: 1n, max: SM2_CURVE.n - 2n });

const pointOf = (key: Sm2PrivateKey) => ({
  x: bytesToBigint(key.publicKey.point.subarray(1, 33)),
  y: bytesToBigint(key.publicKey.point.subarray(33)),
});

test('our signatures verify under the reference implementation, and tampering is caught by both', () => {
  fc.assert(
    fc.property(scalar, message, fc.uint8Array({ maxLength: 64 }), (d, msg, id) => {
      const key = Sm2PrivateKey.fromScalar(d);
      const signature = sm2Sign(key, msg, { id });
      const { r, s } = decodeSm2Signature(signature);
      const e = referenceDigest(SM2_CURVE, id, pointOf(key), msg);
      assert.equal(bytesToBigint(computeMessageDigest(key.publicKey.za(id), msg)), e);
      assert.ok(referenceVerify(SM2_CURVE, pointOf(key), e, r, s));
      assert.ok(!referenceVerify(SM2_CURVE, pointOf(key), e ^ 1n, r, s));
      assert.ok(sm2Verify(key.publicKey, msg, signature, { id }));
      assert.ok(!sm2Verify(key.publicKey, Uint8Array.from([...msg, 0]), signature, { id }));
    }),
    RUNS,
  );
});

test('reference signatures with random nonces verify under our implementation', () => {
  fc.assert(
    fc.property(scalar, scalar, message, (d, k, msg) => {
      const key = Sm2PrivateKey.fromScalar(d);
      const e = referenceDigest(SM2_CURVE, new TextEncoder().encode('1234567812345678'), pointOf(key), msg);
      const signature = referenceSign(SM2_CURVE, d, e, k);
      fc.pre(signature !== undefined);
      const der = encodeSm2Signature(signature);
      assert.ok(sm2Verify(key.publicKey, msg, der));
      assert.ok(!sm2Verify(key.publicKey, msg, der, { id: 'another-id' }));
    }),
    RUNS,
  );
});

test("sm-crypto-v2 and our implementation verify each other's signatures", () => {
  fc.assert(
    fc.property(message, asciiId, (msg, id) => {
      const { privateKey, publicKey } = generateSm2KeyPair();
      const privateHex = toHex(privateKey.exportScalar());
      const publicHex = toHex(publicKey.point);
      const options = { hash: true, der: true, userId: id };

      const ours = sm2Sign(privateKey, msg, { id });
      assert.ok(smCrypto.doVerifySignature(msg, toHex(ours), publicHex, options));

      const theirs = fromHex(smCrypto.doSignature(msg, privateHex, { ...options, publicKey: publicHex }));
      assert.ok(sm2Verify(publicKey, msg, theirs, { id }));
      assert.ok(!sm2Verify(publicKey, msg, theirs, { id: id + 'x' }));
    }),
    RUNS,
  );
});

test('sm-crypto-v2 derives the same public key from our private keys', () => {
  fc.assert(
    fc.property(scalar, (d) => {
      const key = Sm2PrivateKey.fromScalar(d);
      const derived = smCrypto.getPublicKeyFromPrivateKey(toHex(key.exportScalar()));
      assert.equal(derived.toLowerCase(), toHex(key.publicKey.point));
    }),
    RUNS,
  );
});
