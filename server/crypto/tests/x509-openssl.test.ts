// openssl (3.0) accepts our certificates and CRLs. OpenSSL 3.0 signs and checks
// certificate signatures with an EMPTY SM2 ID and only lets `verify` set one
// (-vfyopt distid:...) for the target certificate, so:
//  - certificates signed with the GM/T 0015 default ID are checked link by link;
//  - a chain issued with signatureId '' is checked in one `openssl verify`
//    call, with and without CRLs.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Sm2PrivateKey } from '../sm2/keys.ts';
import { certificateToPem, parseCertificate, verifyCertificateSignature } from '../x509/certificate.ts';
import { crlToPem } from '../x509/crl.ts';
import { issueCrl } from '../x509/crl-issue.ts';
import { OpensslWorkspace } from './support/openssl.ts';
import { createTestPki } from './support/pki.ts';

const ws = new OpensslWorkspace();
after(() => ws.dispose());

// openssl judges validity against the real clock, so these certificates span it.
const now = Date.now();
const window = { notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 365 * 86_400_000) };

function writeChain(prefix: string, signatureId?: string) {
  const pki = createTestPki(signatureId, window);
  const leaf = pki.issue('张三', window);
  ws.write(`${prefix}root.pem`, certificateToPem(pki.root.certificate));
  ws.write(`${prefix}inter.pem`, certificateToPem(pki.intermediate.certificate));
  ws.write(`${prefix}leaf.pem`, certificateToPem(leaf.certificate));
  return { pki, leaf };
}

test('openssl x509 -text parses root, intermediate and leaf', () => {
  writeChain('std-');
  const root = ws.run('x509', '-in', 'std-root.pem', '-text', '-noout');
  assert.match(root, /Signature Algorithm: SM2-with-SM3/);
  assert.match(root, /ASN1 OID: SM2/);
  assert.match(root, /CA:TRUE, pathlen:1/);
  assert.match(root, /Certificate Sign, CRL Sign/);
  assert.match(ws.run('x509', '-in', 'std-inter.pem', '-text', '-noout'), /CA:TRUE, pathlen:0/);
  const leafText = ws.run('x509', '-in', 'std-leaf.pem', '-text', '-noout');
  assert.match(leafText, /CA:FALSE/);
  assert.match(leafText, /Digital Signature, Non Repudiation/);
  assert.match(leafText, /Issuer: C = CN, CN = Test Issuing CA/);
});

test('openssl verifies each default-ID certificate signature with -vfyopt distid:1234567812345678', () => {
  const distid = ['-vfyopt', 'distid:1234567812345678'];
  assert.ok(ws.attempt('verify', ...distid, '-CAfile', 'std-root.pem', 'std-inter.pem').ok);
  assert.ok(ws.attempt('verify', ...distid, '-partial_chain', '-CAfile', 'std-inter.pem', 'std-leaf.pem').ok);
  // Without the ID openssl 3.0 uses an empty one, which these signatures are not made with.
  const plain = ws.attempt('verify', '-partial_chain', '-CAfile', 'std-inter.pem', 'std-leaf.pem');
  assert.ok(!plain.ok);
  assert.match(plain.output, /certificate signature failure/);
});

test('openssl verify -CAfile root.pem -untrusted inter.pem leaf.pem accepts an OpenSSL-compatible chain', () => {
  writeChain('compat-', '');
  const result = ws.attempt('verify', '-CAfile', 'compat-root.pem', '-untrusted', 'compat-inter.pem', 'compat-leaf.pem');
  assert.ok(result.ok, result.output);
  assert.match(result.output, /compat-leaf.pem: OK/);
});

test('openssl crl -text parses our CRLs and -crl_check rejects a revoked leaf', () => {
  const { pki, leaf } = writeChain('crl-', '');
  const signatureId = '';
  const interIssuer = { certificate: pki.intermediate.certificate, privateKey: pki.intermediate.keys.privateKey, signatureId };
  const rootIssuer = { certificate: pki.root.certificate, privateKey: pki.root.keys.privateKey, signatureId };
  const thisUpdate = new Date(now - 3_600_000);
  const nextUpdate = new Date(now + 7 * 86_400_000);
  const revoking = issueCrl(
    {
      thisUpdate,
      nextUpdate,
      crlNumber: 7n,
      revoked: [{ serialNumber: leaf.certificate.serialNumber, revocationDate: thisUpdate, reason: 'keyCompromise' }],
    },
    interIssuer,
  );
  const empty = issueCrl({ thisUpdate, nextUpdate, crlNumber: 8n, revoked: [] }, interIssuer);
  const rootCrl = issueCrl({ thisUpdate, nextUpdate, crlNumber: 1n, revoked: [] }, rootIssuer);
  ws.write('revoking.crl', crlToPem(revoking));
  ws.write('crls-revoking.pem', crlToPem(revoking) + crlToPem(rootCrl));
  ws.write('crls-clean.pem', crlToPem(empty) + crlToPem(rootCrl));

  const text = ws.run('crl', '-in', 'revoking.crl', '-text', '-noout');
  assert.match(text, /Signature Algorithm: SM2-with-SM3/);
  assert.match(text, /X509v3 CRL Number: \n\s+7/);
  assert.match(text, /Key Compromise/);
  assert.ok(text.replace(/\s/g, '').includes(leaf.certificate.serialNumber.toString(16).toUpperCase().padStart(32, '0')));
  assert.match(ws.attempt('crl', '-in', 'revoking.crl', '-CAfile', 'crl-inter.pem', '-noout').output, /verify OK/);

  const base = ['verify', '-crl_check', '-CAfile', 'crl-root.pem', '-untrusted', 'crl-inter.pem'];
  const revoked = ws.attempt(...base, '-CRLfile', 'crls-revoking.pem', 'crl-leaf.pem');
  assert.ok(!revoked.ok);
  assert.match(revoked.output, /certificate revoked/);
  const clean = ws.attempt(...base, '-CRLfile', 'crls-clean.pem', 'crl-leaf.pem');
  assert.ok(clean.ok, clean.output);
  const all = ws.attempt(
    'verify',
    '-crl_check_all',
    '-CAfile',
    'crl-root.pem',
    '-untrusted',
    'crl-inter.pem',
    '-CRLfile',
    'crls-clean.pem',
    'crl-leaf.pem',
  );
  assert.ok(all.ok, all.output);
});

test('we parse and check an SM2 certificate made by openssl req', () => {
  ws.run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'req.key');
  ws.run('req', '-x509', '-new', '-key', 'req.key', '-sm3', '-subj', '/C=CN/O=Test/CN=openssl made', '-days', '30', '-out', 'req.pem');
  const cert = parseCertificate(new TextDecoder().decode(ws.read('req.pem')));
  const key = Sm2PrivateKey.fromPem(new TextDecoder().decode(ws.read('req.key')));
  assert.ok(cert.publicKey.equals(key.publicKey));
  assert.equal(cert.signatureAlgorithm, '1.2.156.10197.1.501');
  // openssl 3.0 req signs with the empty ID.
  assert.ok(verifyCertificateSignature(cert, key.publicKey, ''));
  assert.ok(!verifyCertificateSignature(cert, key.publicKey));
});
