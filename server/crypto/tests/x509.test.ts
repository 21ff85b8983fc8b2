import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toHex } from '../bytes.ts';
import { DerError } from '../der/tags.ts';
import { generateSm2KeyPair } from '../sm2/keys.ts';
import { certificateToPem, parseCertificate, verifyCertificateSignature } from '../x509/certificate.ts';
import { issueCertificate } from '../x509/certificate-issue.ts';
import { verifyCertificateChain, type ChainOptions } from '../x509/chain.ts';
import { crlToPem, parseCrl } from '../x509/crl.ts';
import { issueCrl } from '../x509/crl-issue.ts';
import { keyIdentifier } from '../x509/extensions.ts';
import { formatName } from '../x509/name.ts';
import { at, createTestPki } from './support/pki.ts';

const pki = createTestPki();
const leaf = pki.issue('张三', { serialNumber: 0x1234n });
const trust: ChainOptions = { trustedRoots: [pki.root.certificate], intermediates: [pki.intermediate.certificate], at: at(0) };

test('issued certificates parse back with every field', () => {
  const cert = parseCertificate(certificateToPem(leaf.certificate));
  assert.equal(cert.version, 3);
  assert.equal(cert.serialNumber, 0x1234n);
  assert.equal(cert.signatureAlgorithm, '1.2.156.10197.1.501');
  assert.equal(formatName(cert.subject.entries), 'C=CN, CN=张三');
  assert.equal(formatName(cert.issuer.entries), 'C=CN, CN=Test Issuing CA');
  assert.equal(cert.notBefore.getTime(), at(-365).getTime());
  assert.equal(cert.notAfter.getTime(), at(365).getTime());
  assert.ok(cert.publicKey.equals(leaf.keys.publicKey));
  assert.deepEqual(cert.extensions.basicConstraints, { ca: false, pathLength: undefined });
  assert.deepEqual(cert.extensions.keyUsage, ['digitalSignature', 'nonRepudiation']);
  assert.deepEqual(cert.extensions.subjectKeyIdentifier, keyIdentifier(leaf.keys.publicKey.point));
  assert.deepEqual(cert.extensions.authorityKeyIdentifier, pki.intermediate.certificate.extensions.subjectKeyIdentifier);
  assert.deepEqual(cert.der, leaf.certificate.der);
  const inter = pki.intermediate.certificate;
  assert.deepEqual(inter.extensions.basicConstraints, { ca: true, pathLength: 0 });
  assert.deepEqual(inter.extensions.keyUsage, ['keyCertSign', 'cRLSign']);
});

test('certificate signatures use the default SM2 ID unless another is chosen', () => {
  const interKey = pki.intermediate.keys.publicKey;
  assert.ok(verifyCertificateSignature(leaf.certificate, interKey));
  assert.ok(!verifyCertificateSignature(leaf.certificate, interKey, ''));
  assert.ok(!verifyCertificateSignature(leaf.certificate, pki.root.keys.publicKey));
  const emptyIdPki = createTestPki('');
  const other = emptyIdPki.issue('Li Si');
  assert.ok(verifyCertificateSignature(other.certificate, emptyIdPki.intermediate.keys.publicKey, ''));
  assert.ok(!verifyCertificateSignature(other.certificate, emptyIdPki.intermediate.keys.publicKey));
});

test('a valid root -> intermediate -> leaf chain verifies', () => {
  const result = verifyCertificateChain(leaf.certificate, trust);
  assert.ok(result.ok);
  assert.deepEqual(
    result.chain.map((c) => formatName(c.subject.entries)),
    ['C=CN, CN=张三', 'C=CN, CN=Test Issuing CA', 'C=CN, O=户政测试, CN=Test Root CA'],
  );
});

const failure = (result: ReturnType<typeof verifyCertificateChain>): string => (result.ok ? 'ok' : result.failure);

test('chain validation names what is wrong', () => {
  assert.equal(failure(verifyCertificateChain(leaf.certificate, { ...trust, at: at(366) })), 'expired');
  assert.equal(failure(verifyCertificateChain(leaf.certificate, { ...trust, at: at(-366) })), 'notYetValid');
  assert.equal(failure(verifyCertificateChain(leaf.certificate, { ...trust, intermediates: [] })), 'untrustedIssuer');
  assert.equal(failure(verifyCertificateChain(leaf.certificate, { ...trust, trustedRoots: [] })), 'untrustedIssuer');
  assert.equal(failure(verifyCertificateChain(leaf.certificate, { ...trust, signatureId: '' })), 'badSignature');
  assert.equal(failure(verifyCertificateChain(leaf.certificate, { ...trust, requiredKeyUsage: 'keyEncipherment' })), 'keyUsage');

  // Signed with a key that is not the issuer's although it names the issuer.
  const forged = issueCertificate(
    { subject: [{ type: 'CN', value: 'forged' }], publicKey: generateSm2KeyPair().publicKey, notBefore: at(-1), notAfter: at(1) },
    { certificate: pki.intermediate.certificate, privateKey: generateSm2KeyPair().privateKey },
  );
  assert.equal(failure(verifyCertificateChain(forged, trust)), 'badSignature');

  // An end entity cannot issue certificates.
  const underLeaf = issueCertificate(
    { subject: [{ type: 'CN', value: 'under leaf' }], publicKey: generateSm2KeyPair().publicKey, notBefore: at(-1), notAfter: at(1) },
    { certificate: leaf.certificate, privateKey: leaf.keys.privateKey },
  );
  assert.equal(failure(verifyCertificateChain(underLeaf, { ...trust, intermediates: [pki.intermediate.certificate, leaf.certificate] })), 'notCa');

  // pathLength 0 on the intermediate forbids another CA below it.
  const subCaKeys = generateSm2KeyPair();
  const subCa = issueCertificate(
    { subject: [{ type: 'CN', value: 'Sub CA' }], publicKey: subCaKeys.publicKey, notBefore: at(-1), notAfter: at(10), ca: {} },
    { certificate: pki.intermediate.certificate, privateKey: pki.intermediate.keys.privateKey },
  );
  const belowSubCa = issueCertificate(
    { subject: [{ type: 'CN', value: 'below sub CA' }], publicKey: generateSm2KeyPair().publicKey, notBefore: at(-1), notAfter: at(1) },
    { certificate: subCa, privateKey: subCaKeys.privateKey },
  );
  assert.equal(failure(verifyCertificateChain(belowSubCa, { ...trust, intermediates: [pki.intermediate.certificate, subCa] })), 'pathLength');
});

test('CRLs: issued, parsed, and honoured by chain validation', () => {
  const issuer = { certificate: pki.intermediate.certificate, privateKey: pki.intermediate.keys.privateKey };
  const other = pki.issue('Wang Wu');
  const crl = issueCrl(
    {
      thisUpdate: at(0),
      nextUpdate: at(7),
      crlNumber: 42n,
      revoked: [{ serialNumber: other.certificate.serialNumber, revocationDate: at(-1), reason: 'keyCompromise' }],
    },
    issuer,
  );
  const parsed = parseCrl(crlToPem(crl));
  assert.equal(parsed.crlNumber, 42n);
  assert.equal(parsed.thisUpdate.getTime(), at(0).getTime());
  assert.equal(parsed.nextUpdate?.getTime(), at(7).getTime());
  assert.deepEqual(parsed.revoked, [{ serialNumber: other.certificate.serialNumber, revocationDate: at(-1), reason: 'keyCompromise' }]);
  assert.deepEqual(parsed.authorityKeyIdentifier, pki.intermediate.certificate.extensions.subjectKeyIdentifier);

  assert.equal(failure(verifyCertificateChain(other.certificate, { ...trust, crls: [crl] })), 'revoked');
  assert.equal(failure(verifyCertificateChain(leaf.certificate, { ...trust, crls: [crl] })), 'ok');
  assert.equal(failure(verifyCertificateChain(leaf.certificate, { ...trust, requireRevocationInfo: true })), 'revocationUnknown');
  const rootCrl = issueCrl(
    { thisUpdate: at(0), crlNumber: 1n, revoked: [] },
    { certificate: pki.root.certificate, privateKey: pki.root.keys.privateKey },
  );
  assert.equal(rootCrl.revoked.length, 0);
  assert.equal(failure(verifyCertificateChain(leaf.certificate, { ...trust, crls: [crl, rootCrl], requireRevocationInfo: true })), 'ok');

  // A CRL that names the issuer but is signed by another key is not trusted.
  const impostorKeys = generateSm2KeyPair();
  const impostorCert = issueCertificate(
    { subject: pki.intermediate.certificate.subject.entries, publicKey: impostorKeys.publicKey, notBefore: at(-1), notAfter: at(1), ca: {} },
    { privateKey: impostorKeys.privateKey },
  );
  const forgedCrl = issueCrl({ thisUpdate: at(0), crlNumber: 1n, revoked: [] }, { certificate: impostorCert, privateKey: impostorKeys.privateKey });
  assert.equal(failure(verifyCertificateChain(leaf.certificate, { ...trust, crls: [forgedCrl] })), 'crlInvalid');
});

test('serial numbers and validity are checked when issuing', () => {
  const keys = generateSm2KeyPair();
  const request = { subject: [{ type: 'CN', value: 'x' }], publicKey: keys.publicKey, notBefore: at(0), notAfter: at(1) };
  assert.throws(() => issueCertificate({ ...request, serialNumber: 0n }, { privateKey: keys.privateKey }), RangeError);
  assert.throws(() => issueCertificate({ ...request, notAfter: at(-1) }, { privateKey: keys.privateKey }), RangeError);
  assert.throws(() => issueCertificate(request, { privateKey: generateSm2KeyPair().privateKey }), /self-signed/);
  const random = issueCertificate(request, { privateKey: keys.privateKey });
  assert.ok(random.serialNumber > 0n && toHex(random.der).length > 0);
});

test('the version field holds v2 or v3 only: an explicit v1 is not DER, and there is no v4', () => {
  const der = leaf.certificate.der;
  const offset = toHex(der).indexOf('a003020102') / 2;
  assert.ok(offset > 0);
  const withVersion = (value: number): Uint8Array => {
    const copy = der.slice();
    copy[offset + 4] = value;
    return copy;
  };
  assert.equal(parseCertificate(withVersion(2)).version, 3);
  for (const value of [0x00, 0x03, 0x7f, 0xff]) assert.throws(() => parseCertificate(withVersion(value)), DerError, `version ${value}`);
  assert.throws(() => parseCertificate(withVersion(1)), /extensions require a v3 certificate/);
});
