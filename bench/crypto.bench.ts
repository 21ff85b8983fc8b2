// Crypto core throughput: our SM2 (GB/T 32918, default ID) against node:crypto's
// native SM2 (imported SM2 key, empty ID) measured in the same run, our SM2 beside
// node:crypto's ECDSA P-256 (what most signatures outside China are), sm-crypto-v2
// as the plain-JS reference, Merkle appends and a full GB/T 38540 verification.
// Run: npm run bench, or node --import tsx bench/crypto.bench.ts
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as nativeSign, verify as nativeVerify } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import {
  CompactRange,
  createSeal,
  generateSm2KeyPair,
  issueCertificate,
  MerkleTree,
  signWithSeal,
  sm2Sign,
  sm2Verify,
  toHex,
  verifySesSignature,
  type Certificate,
  type Sm2KeyPair,
} from '../server/crypto/index.ts';

const SECONDS = Number(process.env.CRYPTO_BENCH_SECONDS ?? 2.5);
// The reference and Merkle figures need less time; a smoke run shortens them with the rest.
const SHORT_SECONDS = Math.min(1.5, SECONDS);

/** Runs fn repeatedly for about `seconds` after a short warm-up; returns operations per second. */
function rate(fn: () => unknown, seconds = SECONDS): number {
  const warmUpEnd = performance.now() + Math.min(100, seconds * 500);
  while (performance.now() < warmUpEnd) fn();
  const start = performance.now();
  const end = start + seconds * 1000;
  let count = 0;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 16; i++) fn();
    count += 16;
    now = performance.now();
  }
  return (count * 1000) / (now - start);
}

/**
 * Measures two functions in alternating slices so that load from other
 * processes on the machine affects both sides of the ratio alike.
 */
function compare(ours: () => unknown, native: () => unknown, seconds = SECONDS): [number, number] {
  const slices = 5;
  let [a, b] = [0, 0];
  for (let i = 0; i < slices; i++) {
    a += rate(ours, seconds / slices);
    b += rate(native, seconds / slices);
  }
  return [a / slices, b / slices];
}

function ca(keys: Sm2KeyPair, name: string, issuer?: { certificate: Certificate; keys: Sm2KeyPair }): Certificate {
  const now = Date.now();
  return issueCertificate(
    { subject: [{ type: 'CN', value: name }], publicKey: keys.publicKey, notBefore: new Date(now - 864e5), notAfter: new Date(now + 864e7), ca: {} },
    { certificate: issuer?.certificate, privateKey: (issuer?.keys ?? keys).privateKey },
  );
}

function sesFixture() {
  const rootKeys = generateSm2KeyPair();
  const root = ca(rootKeys, 'Bench Root');
  const now = Date.now();
  const endEntity = (name: string) => {
    const keys = generateSm2KeyPair();
    const certificate = issueCertificate(
      { subject: [{ type: 'CN', value: name }], publicKey: keys.publicKey, notBefore: new Date(now - 864e5), notAfter: new Date(now + 864e7) },
      { certificate: root, privateKey: rootKeys.privateKey },
    );
    return { certificate, privateKey: keys.privateKey };
  };
  const maker = endEntity('Bench Seal Maker');
  const signer = endEntity('Bench Signer');
  const { der: sealDer } = createSeal(
    {
      vendorId: 'BENCH',
      sealId: 'ES-BENCH',
      type: 1,
      name: 'Bench seal',
      signerCertificates: [signer.certificate],
      createDate: new Date(now - 1000),
      validStart: new Date(now - 1000),
      validEnd: new Date(now + 864e6),
      picture: { type: 'PNG', data: new Uint8Array(2048), width: 40, height: 40 },
    },
    maker,
  );
  const document = new Uint8Array(4096).fill(7);
  const signatureDer = signWithSeal({ sealDer, document, propertyInfo: 'bench' }, signer).der;
  return { signatureDer, options: { document, trust: { trustedRoots: [root] } } };
}

export async function run(): Promise<void> {
  const message = new TextEncoder().encode('hukou archive approval record 0000001 / 户政业务电子档案');
  const { privateKey, publicKey } = generateSm2KeyPair();
  const ours = sm2Sign(privateKey, message);
  const nativePrivate = createPrivateKey(privateKey.toPem());
  const nativePublic = createPublicKey(publicKey.toPem());
  const nativeSignature = nativeSign('sm3', message, nativePrivate);
  if (!sm2Verify(publicKey, message, ours) || !nativeVerify('sm3', message, nativePublic, nativeSignature)) {
    throw new Error('benchmark inputs do not verify');
  }
  const privHex = toHex(privateKey.exportScalar());
  const pubHex = toHex(publicKey.point);
  const jsSignature = smCrypto.doSignature(message, privHex, { hash: true, der: true, publicKey: pubHex });

  const rows: [string, number, number | undefined][] = [];
  const [oursSign, nativeSignRate] = compare(
    () => sm2Sign(privateKey, message),
    () => nativeSign('sm3', message, nativePrivate),
  );
  rows.push(['SM2 sign (ours: default ID | native: empty ID)', oursSign, nativeSignRate]);
  const [oursVerify, nativeVerifyRate] = compare(
    () => sm2Verify(publicKey, message, ours),
    () => nativeVerify('sm3', message, nativePublic, nativeSignature),
  );
  rows.push(['SM2 verify (ours: default ID | native: empty ID)', oursVerify, nativeVerifyRate]);

  // The same message signed with ECDSA P-256 and SHA-256 by node:crypto (OpenSSL), in alternating slices with ours.
  const ecdsa = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaSignature = nativeSign('sha256', message, ecdsa.privateKey);
  if (!nativeVerify('sha256', message, ecdsa.publicKey, ecdsaSignature)) throw new Error('benchmark ECDSA signature does not verify');
  const [sm2SignRate, ecdsaSignRate] = compare(
    () => sm2Sign(privateKey, message),
    () => nativeSign('sha256', message, ecdsa.privateKey),
  );
  rows.push(['SM2 sign (ours) | ECDSA P-256 sign (node:crypto)', sm2SignRate, ecdsaSignRate]);
  const [sm2VerifyRate, ecdsaVerifyRate] = compare(
    () => sm2Verify(publicKey, message, ours),
    () => nativeVerify('sha256', message, ecdsa.publicKey, ecdsaSignature),
  );
  rows.push(['SM2 verify (ours) | ECDSA P-256 verify (node:crypto)', sm2VerifyRate, ecdsaVerifyRate]);
  rows.push([
    'SM2 sign, sm-crypto-v2 (plain JS reference)',
    rate(() => smCrypto.doSignature(message, privHex, { hash: true, der: true, publicKey: pubHex }), SHORT_SECONDS),
    undefined,
  ]);
  rows.push([
    'SM2 verify, sm-crypto-v2 (plain JS reference)',
    rate(() => smCrypto.doVerifySignature(message, jsSignature, pubHex, { hash: true, der: true }), SHORT_SECONDS),
    undefined,
  ]);

  const { signatureDer, options } = sesFixture();
  if (!verifySesSignature(signatureDer, options).ok) throw new Error('benchmark seal signature does not verify');
  rows.push(['GB/T 38540 seal signature, full verification', rate(() => verifySesSignature(signatureDer, options)), undefined]);

  const leaf = new Uint8Array(64).fill(1);
  const compact = CompactRange.empty();
  rows.push(['Merkle append, compact range (SHA-256)', rate(() => compact.append(leaf), SHORT_SECONDS), undefined]);
  const tree = new MerkleTree();
  rows.push(['Merkle append, full tree (SHA-256)', rate(() => tree.append(leaf), SHORT_SECONDS), undefined]);

  const format = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);
  console.log(`\nCrypto core (Node ${process.version}, ${SECONDS}s per SM2 measurement)`);
  console.log(`${'operation'.padEnd(54)} ${'ours/s'.padStart(9)} ${'native/s'.padStart(9)}  ours/native`);
  for (const [label, value, native] of rows) {
    const ratio = native ? (value / native).toFixed(2).padStart(11) : '';
    console.log(`${label.padEnd(54)} ${format(value)} ${native ? format(native) : ''.padStart(9)}  ${ratio}`);
  }
  const pair = 1 / (1 / oursSign + 1 / oursVerify);
  console.log(`\nour sign+verify pairs/s: ${Math.round(pair)}; 1,000,000 SM2 verifications: ${(1e6 / oursVerify / 60).toFixed(1)} min on one core`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
