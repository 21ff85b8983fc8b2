// Interoperability with the openssl command line (3.0), both directions:
// `openssl dgst -sm3 -sign/-verify -sigopt distid:...`, and key files.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { toHex } from '../bytes.ts';
import { generateSm2KeyPair, Sm2PrivateKey, Sm2PublicKey } from '../sm2/keys.ts';
import { sm2Sign, sm2Verify } from '../sm2/sign.ts';
import { OpensslWorkspace } from './support/openssl.ts';

const ws = new OpensslWorkspace();
after(() => ws.dispose());

const DEFAULT_ID = 'distid:1234567812345678';
const message = new TextEncoder().encode('户政业务电子档案 / hukou archive record 0001\n');
ws.write('msg.bin', message);

function opensslVerify(publicPem: string, signature: Uint8Array, sigopt?: string): boolean {
  ws.write('pub.pem', publicPem);
  ws.write('sig.der', signature);
  const args = ['dgst', '-sm3', '-verify', 'pub.pem', ...(sigopt ? ['-sigopt', sigopt] : []), '-signature', 'sig.der', 'msg.bin'];
  return ws.attempt(...args).ok;
}

function opensslSign(privatePem: string, sigopt?: string): Uint8Array {
  ws.write('key.pem', privatePem);
  ws.run('dgst', '-sm3', '-sign', 'key.pem', ...(sigopt ? ['-sigopt', sigopt] : []), '-out', 'sig.out', 'msg.bin');
  return ws.read('sig.out');
}

test('openssl verifies our signatures with distid 1234567812345678, and rejects them with an empty ID', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const signature = sm2Sign(privateKey, message);
  assert.equal(opensslVerify(publicKey.toPem(), signature, DEFAULT_ID), true);
  // openssl's own default (no distid) is the empty ID, which GM/T 0009 does not use.
  assert.equal(opensslVerify(publicKey.toPem(), signature), false);
});

test('we verify signatures made by openssl with distid 1234567812345678', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  for (let i = 0; i < 3; i++) {
    const signature = opensslSign(privateKey.toPem(), DEFAULT_ID);
    assert.equal(sm2Verify(publicKey, message, signature), true);
    assert.equal(sm2Verify(publicKey, message.subarray(1), signature), false);
  }
});

test('a custom distinguishing ID interoperates both ways', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const id = 'ALICE123@YAHOO.COM';
  assert.equal(opensslVerify(publicKey.toPem(), sm2Sign(privateKey, message, { id }), `distid:${id}`), true);
  assert.equal(opensslVerify(publicKey.toPem(), sm2Sign(privateKey, message, { id }), DEFAULT_ID), false);
  const theirs = opensslSign(privateKey.toPem(), `distid:${id}`);
  assert.equal(sm2Verify(publicKey, message, theirs, { id }), true);
  assert.equal(sm2Verify(publicKey, message, theirs), false);
});

test('openssl-generated SM2 keys (PKCS#8 and SEC1, PEM and DER) import and match', () => {
  ws.run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'gen.pem');
  ws.run('pkey', '-in', 'gen.pem', '-pubout', '-out', 'gen.pub.pem');
  ws.run('pkcs8', '-topk8', '-nocrypt', '-in', 'gen.pem', '-outform', 'DER', '-out', 'gen.der');
  // openssl 3.0 `pkey -outform DER` writes the traditional SEC1 form for EC keys.
  ws.run('pkey', '-in', 'gen.pem', '-outform', 'DER', '-out', 'gen.sec1.der');
  ws.run('pkey', '-in', 'gen.pem', '-pubout', '-outform', 'DER', '-out', 'gen.pub.der');
  ws.run('ec', '-in', 'gen.pem', '-out', 'gen.sec1.pem');
  const text = (name: string) => new TextDecoder().decode(ws.read(name));
  const fromPkcs8 = Sm2PrivateKey.fromPem(text('gen.pem'));
  const fromSec1 = Sm2PrivateKey.fromPem(text('gen.sec1.pem'));
  assert.match(text('gen.sec1.pem'), /BEGIN (SM2|EC) PRIVATE KEY/);
  assert.deepEqual(fromSec1.exportScalar(), fromPkcs8.exportScalar());
  assert.deepEqual(Sm2PrivateKey.fromPkcs8Der(ws.read('gen.der')).exportScalar(), fromPkcs8.exportScalar());
  assert.deepEqual(Sm2PrivateKey.fromSec1Der(ws.read('gen.sec1.der')).exportScalar(), fromPkcs8.exportScalar());
  assert.ok(Sm2PublicKey.fromPem(text('gen.pub.pem')).equals(fromPkcs8.publicKey));
  assert.ok(Sm2PublicKey.fromSpkiDer(ws.read('gen.pub.der')).equals(fromPkcs8.publicKey));
  // And a signature by openssl with that key verifies with the imported public key.
  const signature = opensslSign(text('gen.pem'), DEFAULT_ID);
  assert.ok(sm2Verify(Sm2PublicKey.fromPem(text('gen.pub.pem')), message, signature));
});

test('openssl reads the keys we export (PEM and DER) as SM2 keys with the same values', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  ws.write('ours.pem', privateKey.toPem());
  ws.write('ours.der', privateKey.toPkcs8Der());
  ws.write('ours.pub.der', publicKey.toSpkiDer());
  const text = ws.run('pkey', '-in', 'ours.pem', '-text', '-noout');
  assert.match(text, /ASN1 OID: SM2/);
  const compact = text.replace(/[\s:]/g, '');
  assert.ok(compact.includes(toHex(privateKey.exportScalar()).replace(/^00/, '')), 'private scalar');
  assert.ok(compact.includes(toHex(publicKey.point)), 'public point');
  assert.match(ws.run('pkey', '-inform', 'DER', '-in', 'ours.der', '-text', '-noout'), /ASN1 OID: SM2/);
  assert.match(ws.run('pkey', '-pubin', '-inform', 'DER', '-in', 'ours.pub.der', '-text', '-noout'), /ASN1 OID: SM2/);
});
