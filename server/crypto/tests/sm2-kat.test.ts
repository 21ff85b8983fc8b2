// Known-answer tests from the standards. The production code computes Z_A, e,
// key derivation and verification; the fixed-k signatures are reproduced with
// the test-only reference (production signing takes its nonce from OpenSSL).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromHex, toHex, utf8 } from '../bytes.ts';
import { SM2_CURVE } from '../sm2/curve.ts';
import { Sm2PrivateKey, Sm2PublicKey } from '../sm2/keys.ts';
import { ANNEX_A_RECOMMENDED_CURVE as V } from '../sm2/self-test.ts';
import { encodeSm2Signature, sm2SignatureFromRaw } from '../sm2/signature-encoding.ts';
import { sm2Verify } from '../sm2/sign.ts';
import { computeMessageDigest, computeZa } from '../sm2/za.ts';
import { ANNEX_A_TEST_CURVE, generator, multiply, referenceSign, referenceVerify } from './support/reference-sm2.ts';

const big = (hex: string): bigint => BigInt('0x' + hex);

// GB/T 32918.2-2016 Annex A (also draft-shen-sm2-ecdsa-02, OpenSSL sm2_internal_test.c).
const TEST_CURVE_EXAMPLE = {
  id: 'ALICE123@YAHOO.COM',
  message: 'message digest',
  d: '128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263',
  x: '0AE4C7798AA0F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A',
  y: '7C0240F88F1CD4E16352A73C17B7F16F07353E53A176D684A9FE0C6BB798E857',
  za: 'F4A38489E32B45B6F876E3AC2168CA392362DC8F23459C1D1146FC3DBFB7BC9A',
  e: 'B524F552CD82B8B028476E005C377FB19A87E6FC682D48BB5D42E3D9B9EFFE76',
  k: '6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F',
  r: '40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1',
  s: '6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7',
};

test('GB/T 32918.2 Annex A (Fp-256 test curve): P_A, Z_A, e and the fixed-k signature', () => {
  const c = ANNEX_A_TEST_CURVE;
  const ex = TEST_CURVE_EXAMPLE;
  const P = multiply(c, big(ex.d), generator(c));
  assert.deepEqual(P, { x: big(ex.x), y: big(ex.y) });
  const point = fromHex('04' + ex.x + ex.y);
  const za = computeZa(point, ex.id, c);
  assert.equal(toHex(za).toUpperCase(), ex.za);
  const e = computeMessageDigest(za, utf8(ex.message));
  assert.equal(toHex(e).toUpperCase(), ex.e);
  assert.deepEqual(referenceSign(c, big(ex.d), big(ex.e), big(ex.k)), { r: big(ex.r), s: big(ex.s) });
  assert.equal(referenceVerify(c, P, big(ex.e), big(ex.r), big(ex.s)), true);
  assert.equal(referenceVerify(c, P, big(ex.e) + 1n, big(ex.r), big(ex.s)), false);
});

test('GM/T 0003.5 / GB/T 32918.5 Annex A (recommended curve): key, Z_A with the default ID, e', () => {
  const key = Sm2PrivateKey.fromScalar(fromHex(V.privateKey));
  assert.equal(toHex(key.publicKey.point).toUpperCase(), '04' + V.publicX + V.publicY);
  // No ID given: the GM/T 0009 default 1234567812345678 must be used.
  assert.equal(toHex(key.publicKey.za()).toUpperCase(), V.za);
  assert.equal(toHex(computeZa(key.publicKey.point, '1234567812345678')).toUpperCase(), V.za);
  assert.equal(toHex(computeMessageDigest(key.publicKey.za(), utf8(V.message))).toUpperCase(), V.e);
});

test('GM/T 0003.5 Annex A: the fixed-k signature is reproduced and production verification accepts it', () => {
  const P = { x: big(V.publicX), y: big(V.publicY) };
  assert.deepEqual(referenceSign(SM2_CURVE, big(V.privateKey), big(V.e), big(V.k)), { r: big(V.r), s: big(V.s) });
  const publicKey = Sm2PublicKey.fromPoint(fromHex('04' + V.publicX + V.publicY));
  const der = encodeSm2Signature({ r: big(V.r), s: big(V.s) });
  assert.equal(sm2Verify(publicKey, V.message, der), true);
  assert.equal(sm2Verify(publicKey, V.message, der, { id: '1234567812345678' }), true);
  assert.equal(referenceVerify(SM2_CURVE, P, big(V.e), big(V.r), big(V.s)), true);
  assert.equal(sm2Verify(publicKey, V.message, sm2SignatureFromRaw(fromHex(V.r + V.s))), true);
});

test('production verification refuses every alteration of the Annex A signature', () => {
  const publicKey = Sm2PublicKey.fromPoint(fromHex('04' + V.publicX + V.publicY));
  const n = SM2_CURVE.n;
  const [r, s] = [big(V.r), big(V.s)];
  const der = encodeSm2Signature({ r, s });
  assert.equal(sm2Verify(publicKey, 'message digesT', der), false, 'other message');
  assert.equal(sm2Verify(publicKey, V.message, der, { id: '' }), false, 'empty ID (what crypto.sign uses)');
  assert.equal(sm2Verify(publicKey, V.message, der, { id: '1234567812345679' }), false, 'other ID');
  assert.equal(sm2Verify(publicKey, V.message, encodeSm2Signature({ r: r + 1n, s })), false, 'r + 1');
  assert.equal(sm2Verify(publicKey, V.message, encodeSm2Signature({ r, s: s + 1n })), false, 's + 1');
  assert.equal(sm2Verify(publicKey, V.message, encodeSm2Signature({ r: s, s: r })), false, 'r and s swapped');
  assert.equal(sm2Verify(publicKey, V.message, encodeSm2Signature({ r, s: n - s })), false, 'n - s');
  assert.equal(sm2Verify(publicKey, V.message, fromHex(V.r + V.s)), false, 'raw r||s is not DER');
  assert.equal(sm2Verify(publicKey, V.message, Uint8Array.from([...der, 0])), false, 'trailing byte');
  const other = Sm2PrivateKey.fromScalar(2n).publicKey;
  assert.equal(sm2Verify(other, V.message, der), false, 'other key');
});

// OpenSSL test/recipes/30-test_evp_data/evppkey_sm2.txt: verification of e (digest) values.
const OPENSSL_SM2_KEY1 = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQg0JFWczAXva2An9m7
2MaT9gIwWTFptvlKrxyO4TjMmbWhRANCAAQ5OirZ4n5DrKqrhaGdO4VZHhRAYVcX
Wt3Te/d/8Mr57Tf886i09VwDhSMmH8pmNq/mp6+ioUgqYG9cs6GLLioe
-----END PRIVATE KEY-----`;

test('OpenSSL evppkey_sm2.txt vectors: its PEM key imports and its digest signatures verify', () => {
  const key = Sm2PrivateKey.fromPem(OPENSSL_SM2_KEY1);
  const x = BigInt('0x' + toHex(key.publicKey.point.subarray(1, 33)));
  const y = BigInt('0x' + toHex(key.publicKey.point.subarray(33)));
  const vectors: [e: string, r: string, s: string][] = [
    [
      'D7AD397F6FFA5D4F7F11E7217F241607DC30618C236D2C09C1B9EA8FDADEE2E8',
      'AB1DB64DE7C40EDBDE6651C9B8EBDB804673DB836E5D5C7FE15DCF9ED2725037',
      'EBA714451FF69B0BB930B379E192E7CD5FA6E3C41C7FBD8303B799AB54A54621',
    ],
    [
      'B1139602C6ECC9E15E2F3F9C635A1AFE737058BC15387479C1EA0D0B3D90E9E5',
      'E6E0414EBD3A656C35602AF14AB20287DBF30D57AF75C49A188ED4B42391F224',
      '2F54F277C606F4605E1CE9514947FFDDF94C67A539804A4ED17F852288BDBE2E',
    ],
  ];
  for (const [e, r, s] of vectors) {
    assert.equal(referenceVerify(SM2_CURVE, { x, y }, big(e), big(r), big(s)), true);
    assert.equal(referenceVerify(SM2_CURVE, { x, y }, big(e) ^ 1n, big(r), big(s)), false);
  }
});
