import {
  type Certificate,
  type CertificateRevocationList,
  createSeal,
  type DistinguishedName,
  issueCertificate,
  issueCrl,
  parseCertificate,
  parseCrl,
  Sm2PrivateKey,
} from '../../crypto/index.ts';
import type { Tx } from '../../db/transaction.ts';
import type { PkiCertificatesTable, UnitsTable } from '../../db/schema.ts';
import type { KeyRing } from '../population/id-protection.ts';
import { findUnitById } from '../org/org.repo.ts';
import { openPrivateKey, protectPrivateKey } from './key-vault.ts';
import { SEAL_DIAMETER_MM, renderSealImage } from './seal-image.ts';
import {
  countCertificates,
  crlInForceAt,
  findCertificate,
  findProtectedKey,
  insertCertificate,
  insertCrl,
  insertSeal,
  latestCertificate,
  latestCrl,
  latestSeal,
  listRevokedCertificates,
  listUsableOfficerCertificates,
  markSealSuperseded,
} from './seals.repo.ts';
import { insertOrRetry } from './unique-race.ts';

/**
 * The local seal authority: the stand-in for the province's electronic seal system in the
 * embedded mode and the tests (docs/SEALS.md). It holds a root certificate, a seal maker's
 * certificate (the maker signs every SES_Seal), a certificate per deciding unit and a personal
 * certificate per officer who signs, all SM2 with SM3, their private keys encrypted at rest.
 */

export const SEAL_VENDOR_ID = 'HUKOU-EARCHIVE';
const ROOT_ID = 'authority-root-1';
const MAKER_ID = 'authority-maker-1';
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
/** Certificates and seals carry whole seconds; a seal must not start after a signature made in its first second. */
const wholeSecond = (at: Date) => new Date(Math.floor(at.getTime() / 1000) * 1000);
const VALIDITY_YEARS = { root: 20, maker: 10, unit: 5, officer: 3 } as const;
/** GB/T 38540 seal types: 1 is an official seal (单位公章类); the purpose is in its name and picture. */
const OFFICIAL_SEAL_TYPE = 1;
const SEAL_YEARS = 5;

export interface KeyHolder {
  row: PkiCertificatesTable;
  certificate: Certificate;
  privateKey: Sm2PrivateKey;
}

export const certificateOf = (row: PkiCertificatesTable): Certificate => parseCertificate(new Uint8Array(Buffer.from(row.der, 'base64')));

export async function keyHolderOf(tx: Tx, keys: KeyRing, row: PkiCertificatesTable): Promise<KeyHolder> {
  const stored = await findProtectedKey(tx, row.id);
  if (!stored) throw new Error(`the authority holds no key for certificate ${row.id}`);
  return { row, certificate: certificateOf(row), privateKey: openPrivateKey(keys, row.id, stored) };
}

interface NewCertificate {
  id: string;
  kind: PkiCertificatesTable['kind'];
  subject: DistinguishedName;
  unitId?: string;
  userId?: string;
  ca?: boolean;
}

async function issueAndStore(tx: Tx, keys: KeyRing, request: NewCertificate, issuer: KeyHolder | null, when: Date): Promise<KeyHolder> {
  const at = wholeSecond(when);
  const privateKey = Sm2PrivateKey.generate();
  const notAfter = new Date(at.getTime() + VALIDITY_YEARS[request.kind] * YEAR_MS);
  const certificate = issueCertificate(
    { subject: request.subject, publicKey: privateKey.publicKey, notBefore: at, notAfter, ...(request.ca ? { ca: { pathLength: 0 } } : {}) },
    issuer ? { certificate: issuer.certificate, privateKey: issuer.privateKey } : { privateKey },
  );
  const row: PkiCertificatesTable = {
    id: request.id,
    kind: request.kind,
    unit_id: request.unitId ?? null,
    user_id: request.userId ?? null,
    serial: certificate.serialNumber.toString(16),
    subject: request.subject.map((e) => `${e.type}=${e.value}`).join(', '),
    not_before: at.toISOString(),
    not_after: notAfter.toISOString(),
    der: Buffer.from(certificate.der).toString('base64'),
    created_at: at.toISOString(),
    revoked_at: null,
    revoked_by: null,
    revocation_reason: null,
  };
  await insertOrRetry(() => insertCertificate(tx, row, protectPrivateKey(keys, row.id, privateKey)));
  return { row, certificate, privateKey };
}

const AUTHORITY_NAME: DistinguishedName = [
  { type: 'C', value: 'CN' },
  { type: 'O', value: '户政业务电子档案系统' },
];

/** The authority's root and seal maker, created the first time anything needs them. */
export async function ensureAuthority(tx: Tx, keys: KeyRing, at: Date): Promise<{ root: KeyHolder; maker: KeyHolder }> {
  const rootRow = await findCertificate(tx, ROOT_ID);
  const root = rootRow
    ? await keyHolderOf(tx, keys, rootRow)
    : await issueAndStore(
        tx,
        keys,
        { id: ROOT_ID, kind: 'root', subject: [...AUTHORITY_NAME, { type: 'CN', value: '电子印章根证书' }], ca: true },
        null,
        at,
      );
  const makerRow = await findCertificate(tx, MAKER_ID);
  const maker = makerRow
    ? await keyHolderOf(tx, keys, makerRow)
    : await issueAndStore(
        tx,
        keys,
        { id: MAKER_ID, kind: 'maker', subject: [...AUTHORITY_NAME, { type: 'CN', value: '电子印章制作系统' }] },
        root,
        at,
      );
  return { root, maker };
}

/** The trust anchor every verification starts from. */
export async function authorityRoot(tx: Tx | Parameters<typeof findCertificate>[0]): Promise<Certificate | null> {
  const row = await findCertificate(tx, ROOT_ID);
  return row ? certificateOf(row) : null;
}

/**
 * The revocation list a signature made at `at` is checked against: the one in force then, so a
 * revocation after signing does not undo what was signed before.
 */
export async function crlsInForceAt(db: Parameters<typeof crlInForceAt>[0], at: string): Promise<CertificateRevocationList[]> {
  const row = await crlInForceAt(db, at);
  return row ? [parseCrl(new Uint8Array(Buffer.from(row.der, 'base64')))] : [];
}

async function issueUnitCertificate(tx: Tx, keys: KeyRing, root: KeyHolder, unit: UnitsTable, at: Date): Promise<KeyHolder> {
  const n = (await countCertificates(tx, 'unit', { unitId: unit.id })) + 1;
  const subject: DistinguishedName = [...AUTHORITY_NAME, { type: 'CN', value: await sealName(tx, unit) }];
  return issueAndStore(tx, keys, { id: `unit-${unit.id}-${n}`, kind: 'unit', subject, unitId: unit.id }, root, at);
}

/**
 * The unit's own certificate with its key, issued (again) when it has none in force: the city
 * bureau's signs the trail's checkpoints. A revoked one (its key no longer trusted) is replaced by
 * a new key and certificate, so the archive keeps signing its own trail; what the old key signed
 * before stays verifiable.
 */
export async function unitKeyHolder(tx: Tx, keys: KeyRing, unitId: string, at: Date): Promise<KeyHolder> {
  const current = await latestCertificate(tx, 'unit', { unitId });
  if (current && !current.revoked_at && current.not_after > at.toISOString()) return keyHolderOf(tx, keys, current);
  const { root } = await ensureAuthority(tx, keys, at);
  const unit = await findUnitById(tx, unitId);
  if (!unit) throw new Error(`unit ${unitId} does not exist`);
  return issueUnitCertificate(tx, keys, root, unit, at);
}

/** The unit's name as its seal reads: the city bureau's name before a branch's or a station's. */
async function sealName(tx: Tx, unit: UnitsTable): Promise<string> {
  const cityId = unit.path.split('/').filter(Boolean)[0];
  const city = cityId && cityId !== unit.id ? await findUnitById(tx, cityId) : undefined;
  return city && !unit.name.startsWith(city.name) ? `${city.name}${unit.name}` : unit.name;
}

const SEAL_PURPOSE: Record<UnitsTable['kind'], string> = { station: '户政业务专用章', branch: '户政审核专用章', city: '户政审批专用章' };

/** An officer's personal certificate, issued by the authority's root; its key signs the officer's decisions. */
export async function issueOfficerCertificate(
  tx: Tx,
  keys: KeyRing,
  user: { id: string; display_name: string; username: string; unit_id: string },
  at: Date,
): Promise<KeyHolder> {
  const { root } = await ensureAuthority(tx, keys, at);
  const unit = await findUnitById(tx, user.unit_id);
  const n = (await countCertificates(tx, 'officer', { userId: user.id })) + 1;
  const subject: DistinguishedName = [
    ...AUTHORITY_NAME,
    { type: 'OU', value: unit ? await sealName(tx, unit) : user.unit_id },
    { type: 'CN', value: `${user.display_name} (${user.username})` },
  ];
  return issueAndStore(tx, keys, { id: `officer-${user.id}-${n}`, kind: 'officer', subject, userId: user.id, unitId: user.unit_id }, root, at);
}

/**
 * A new version of the unit's seal, listing (by SM3 digest, certListType 2) the certificates of
 * the unit's officers that may sign now; the version before is superseded. Made when the unit
 * first decides and whenever its officers' certificates change. Also issues the unit's own
 * certificate the first time.
 */
export async function makeUnitSeal(tx: Tx, keys: KeyRing, unitId: string, when: Date) {
  const at = wholeSecond(when);
  const { maker, root } = await ensureAuthority(tx, keys, at);
  const unit = await findUnitById(tx, unitId);
  if (!unit) throw new Error(`unit ${unitId} does not exist`);
  const name = await sealName(tx, unit);
  if ((await countCertificates(tx, 'unit', { unitId })) === 0) await issueUnitCertificate(tx, keys, root, unit, at);
  const officers = await listUsableOfficerCertificates(tx, unitId, at.toISOString());
  const previous = await latestSeal(tx, unitId);
  const version = (previous?.version ?? 0) + 1;
  const validEnd = new Date(Math.min(at.getTime() + SEAL_YEARS * YEAR_MS, maker.certificate.notAfter.getTime()));
  const esId = `${unit.code}-${String(version).padStart(3, '0')}`;
  const { der } = createSeal(
    {
      vendorId: SEAL_VENDOR_ID,
      sealId: esId,
      type: OFFICIAL_SEAL_TYPE,
      name: `${name}${SEAL_PURPOSE[unit.kind]}`,
      signerCertificates: officers.map(certificateOf),
      certListType: 2,
      createDate: at,
      validStart: at,
      validEnd,
      picture: { type: 'PNG', data: renderSealImage(name, SEAL_PURPOSE[unit.kind]), width: SEAL_DIAMETER_MM, height: SEAL_DIAMETER_MM },
    },
    maker,
  );
  const row = {
    id: `seal-${unitId}-${version}`,
    unit_id: unitId,
    version,
    es_id: esId,
    name: `${name}${SEAL_PURPOSE[unit.kind]}`,
    der: Buffer.from(der).toString('base64'),
    valid_start: at.toISOString(),
    valid_end: validEnd.toISOString(),
    created_at: at.toISOString(),
    superseded_at: null,
    revoked_at: null,
    revoked_by: null,
    revocation_reason: null,
  };
  await insertOrRetry(() => insertSeal(tx, row));
  if (previous) await markSealSuperseded(tx, previous.id, at.toISOString());
  return row;
}

/** A new CRL listing every revoked certificate, numbered after the last. */
export async function publishRevocationList(tx: Tx, keys: KeyRing, at: Date): Promise<void> {
  const { root } = await ensureAuthority(tx, keys, at);
  const number = ((await latestCrl(tx))?.number ?? 0) + 1;
  const revoked = (await listRevokedCertificates(tx)).map((row) => ({
    serialNumber: BigInt(`0x${row.serial}`),
    revocationDate: new Date(row.revoked_at as string),
  }));
  const crl = issueCrl(
    { thisUpdate: at, nextUpdate: new Date(at.getTime() + 7 * 24 * 3600 * 1000), crlNumber: BigInt(number), revoked },
    { certificate: root.certificate, privateKey: root.privateKey },
  );
  await insertOrRetry(() => insertCrl(tx, { number, this_update: at.toISOString(), der: Buffer.from(crl.der).toString('base64') }));
}
