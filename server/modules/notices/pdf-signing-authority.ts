import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { PdfCertificatesTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { KeyRing } from '../population/id-protection.ts';
import { openPemKey, protectPemKey } from '../seals/key-vault.ts';
import { insertOrRetry } from '../seals/unique-race.ts';
import {
  countPdfSignerCertificates,
  findPdfCertificate,
  findPdfProtectedKey,
  insertPdfCertificate,
  latestPdfSignerCertificate,
} from './notices.repo.ts';

/**
 * The local authority's RSA side, for PDF signatures only. PDF readers and poppler's pdfsig (NSS)
 * verify RSA, not SM2, so the notice's PAdES signature is RSA-2048 with SHA-256 under a small root of
 * its own, "户政业务电子档案系统 PDF 签名根证书", with one signing certificate per city bureau.
 * Keys are made once, when the first notice needs them, never per notice (RSA key generation is the
 * slow part), and kept encrypted like the SM2 keys (seals/key-vault.ts).
 */

export const PDF_ROOT_ID = 'pdf-root-1';
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const VALIDITY_YEARS = { root: 20, signer: 5 } as const;
const wholeSecond = (at: Date) => new Date(Math.floor(at.getTime() / 1000) * 1000);

export interface PdfKeyHolder {
  row: PdfCertificatesTable;
  certificate: forge.pki.Certificate;
  privateKeyPem: string;
}

type Name = { shortName: string; value: string }[];

/**
 * Names in UTF8String, as RFC 5280 asks, except the root's, in BMPString (UTF-16BE, also a
 * DirectoryString). node-forge 1.4.3 encodes a UTF8String it parsed a second time when it writes a
 * signature's issuerAndSerialNumber, the root's name, and a reader then finds no signer certificate;
 * BMPString bytes pass through it unchanged. The country is a PrintableString.
 */
type NameString = 'utf8' | 'bmp';
const bmpString = (text: string) => Buffer.from(text, 'utf16le').swap16().toString('binary');
const asn1Name = (name: Name, strings: NameString): forge.pki.CertificateField[] =>
  name.map((entry) => {
    if (entry.shortName === 'C') return { shortName: entry.shortName, value: entry.value };
    return strings === 'bmp'
      ? { shortName: entry.shortName, value: bmpString(entry.value), valueTagClass: forge.asn1.Type.BMPSTRING as never }
      : { shortName: entry.shortName, value: entry.value, valueTagClass: forge.asn1.Type.UTF8 as never };
  });

const AUTHORITY_NAME: Name = [
  { shortName: 'C', value: 'CN' },
  { shortName: 'O', value: '户政业务电子档案系统' },
];

const certificateOf = (row: PdfCertificatesTable) =>
  forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(row.der, 'base64').toString('binary'))));

async function holderOf(tx: Tx, keys: KeyRing, row: PdfCertificatesTable): Promise<PdfKeyHolder> {
  const stored = await findPdfProtectedKey(tx, row.id);
  if (!stored) throw new Error(`the authority holds no key for PDF certificate ${row.id}`);
  return { row, certificate: certificateOf(row), privateKeyPem: openPemKey(keys, row.id, stored) };
}

interface NewPdfCertificate {
  id: string;
  kind: PdfCertificatesTable['kind'];
  subject: Name;
  unitId?: string;
}

async function issueAndStore(tx: Tx, keys: KeyRing, request: NewPdfCertificate, issuer: PdfKeyHolder | null, when: Date): Promise<PdfKeyHolder> {
  const at = wholeSecond(when);
  // Native key generation: node-forge's pure-JS RSA-2048 generation takes seconds.
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  // A positive serial of 16 random bytes (RFC 5280: at most 20 octets, unpredictable).
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`;
  certificate.validity.notBefore = at;
  certificate.validity.notAfter = new Date(at.getTime() + VALIDITY_YEARS[request.kind] * YEAR_MS);
  const ca = request.kind === 'root';
  const subject = asn1Name(request.subject, ca ? 'bmp' : 'utf8');
  certificate.setSubject(subject);
  certificate.setIssuer(issuer ? issuer.certificate.subject.attributes : subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: ca, critical: true },
    ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    ...(issuer ? [{ name: 'authorityKeyIdentifier', keyIdentifier: issuer.certificate.generateSubjectKeyIdentifier().getBytes() }] : []),
  ]);
  const signingKey = forge.pki.privateKeyFromPem(issuer ? issuer.privateKeyPem : pair.privateKey);
  certificate.sign(signingKey, forge.md.sha256.create());
  const row: PdfCertificatesTable = {
    id: request.id,
    kind: request.kind,
    unit_id: request.unitId ?? null,
    serial: certificate.serialNumber,
    subject: request.subject.map((e) => `${e.shortName}=${e.value}`).join(', '),
    not_before: at.toISOString(),
    not_after: certificate.validity.notAfter.toISOString(),
    der: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary').toString('base64'),
    created_at: at.toISOString(),
  };
  await insertOrRetry(() => insertPdfCertificate(tx, row, protectPemKey(keys, row.id, pair.privateKey)));
  return { row, certificate, privateKeyPem: pair.privateKey };
}

async function ensurePdfRoot(tx: Tx, keys: KeyRing, at: Date): Promise<PdfKeyHolder> {
  const row = await findPdfCertificate(tx, PDF_ROOT_ID);
  if (row) return holderOf(tx, keys, row);
  const subject: Name = [...AUTHORITY_NAME, { shortName: 'CN', value: '户政业务电子档案系统 PDF 签名根证书' }];
  return issueAndStore(tx, keys, { id: PDF_ROOT_ID, kind: 'root', subject }, null, at);
}

/**
 * The city bureau's PDF signing certificate with its key and the root above it, issued the first
 * time (and again once expired). Two processes issuing at once: the loser's insert fails on the id,
 * and its whole act is retried and finds the winner's.
 */
export async function pdfSigner(
  tx: Tx,
  keys: KeyRing,
  city: { id: string; name: string },
  at: Date,
): Promise<{ signer: PdfKeyHolder; root: PdfKeyHolder }> {
  const root = await ensurePdfRoot(tx, keys, at);
  const current = await latestPdfSignerCertificate(tx, city.id);
  if (current && current.not_after > at.toISOString()) return { signer: await holderOf(tx, keys, current), root };
  const n = (await countPdfSignerCertificates(tx, city.id)) + 1;
  const subject: Name = [...AUTHORITY_NAME, { shortName: 'OU', value: '户政业务审批通知单' }, { shortName: 'CN', value: city.name }];
  const signer = await issueAndStore(tx, keys, { id: `pdf-signer-${city.id}-${n}`, kind: 'signer', subject, unitId: city.id }, root, at);
  return { signer, root };
}
