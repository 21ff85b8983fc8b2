import { certificateToPem, decodeSesSignature, toHex, utf8 } from '../../crypto/index.ts';
import type { AppContext } from '../../context.ts';
import type { AuditEventsTable } from '../../db/schema.ts';
import { trailProver } from '../audit/checkpoints/trail-tiles.ts';
import { WITNESS_FORMAT, type WitnessedCheckpoint } from '../audit/checkpoints/witness.ts';
import { PDF_ROOT_ID } from '../notices/pdf-signing-authority.ts';
import { findRootUnit } from '../org/org.repo.ts';
import { certificateOf } from '../seals/seal-authority.ts';
import { contentContext } from '../seals/sign-case-decision.ts';
import type { BagFile } from './bagit.ts';
import type { CaseSnapshot } from './case-snapshot.ts';
import { listEvidenceCertificates, listPdfCertificates } from './evidence.repo.ts';
import {
  CASE_FILE,
  certificateFile,
  CHECKPOINT_FILE,
  crlFile,
  crlInForce,
  EVENT_FORMAT,
  eventFile,
  INDEX_FILE,
  NOTICE_OFD,
  NOTICE_PDF,
  NOTICE_SIGNATURE,
  originalFile,
  PACKAGE_FORMAT,
  type PackageIndex,
  sha256Fingerprint,
  signatureFile,
  signedContentFile,
} from './package-index.ts';

const base64 = (text: string) => Buffer.from(text, 'base64');
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
const earliest = (times: string[]) => times.reduce((a, b) => (b < a ? b : a));

async function eventFiles(ctx: AppContext, events: AuditEventsTable[], treeSize: number): Promise<BagFile[]> {
  const prover = await trailProver(ctx.db.kysely, treeSize);
  const files: BagFile[] = [];
  for (const event of events) {
    const path = (await prover.inclusion(event.seq - 1)).map(toHex);
    files.push({ path: eventFile(event.seq), bytes: json({ format: EVENT_FORMAT, event, inclusion: { treeSize, leafIndex: event.seq - 1, path } }) });
  }
  return files;
}

function checkpointFile(snapshot: CaseSnapshot, certificateDer: string): BagFile {
  const { checkpoint } = snapshot;
  const witness: WitnessedCheckpoint = {
    format: WITNESS_FORMAT,
    treeSize: checkpoint.tree_size,
    rootHash: checkpoint.root_hash,
    timestamp: Date.parse(checkpoint.signed_at),
    signedAt: checkpoint.signed_at,
    signature: checkpoint.signature,
    certificate: certificateToPem(base64(certificateDer)),
  };
  return { path: CHECKPOINT_FILE, bytes: json(witness) };
}

/**
 * The files of a case's evidence package and its map (package-index.ts), from a snapshot: the
 * originals by their stored bytes (read and checked by the blob store), each decision's
 * SES_Signature with the canonical content it signed (kept encrypted beside it, opened here), the
 * notice and its signature, the events with their inclusion proofs, the checkpoint, and the
 * certificates and revocation lists the checks need, each with the time it is relied on.
 */
export async function packageContents(ctx: AppContext, snapshot: CaseSnapshot, exportedAt: Date) {
  const { kase, signatures, notice, checkpoint, crls } = snapshot;
  const files: BagFile[] = [];
  const originals = [];
  for (const blob of snapshot.blobs) {
    const file = originalFile(blob.sha256, blob.media_type);
    files.push({ path: file, bytes: () => ctx.blobs.get(blob.sha256) });
    originals.push({ file, sha256: blob.sha256, sm3: blob.sm3, mediaType: blob.media_type });
  }
  const fileOfBlob = new Map(originals.map((o) => [o.sha256, o.file]));

  const usedAt = new Map<string, string[]>();
  const use = (certificateId: string, at: string) => usedAt.set(certificateId, [...(usedAt.get(certificateId) ?? []), at]);
  const sealsMadeAt: string[] = [];
  const signatureEntries = signatures.map((row) => {
    const der = base64(row.signature);
    const entry = { seq: row.action_seq, act: row.act, signedAt: row.signed_at, crl: crlInForce(crls, row.signed_at) };
    files.push({ path: signatureFile(row.action_seq, row.act), bytes: der });
    files.push({
      path: signedContentFile(row.action_seq, row.act),
      bytes: utf8(ctx.dataKeys.open(row.content, contentContext(kase.id, row.action_seq))),
    });
    sealsMadeAt.push(decodeSesSignature(der).toSign.seal.sealInfo.property.createDate.toISOString());
    use(row.certificate_id, row.signed_at);
    return { ...entry, signature: signatureFile(row.action_seq, row.act), content: signedContentFile(row.action_seq, row.act) };
  });

  let noticeEntry: PackageIndex['notice'] = null;
  if (notice) {
    const der = base64(notice.ses_signature);
    files.push({ path: NOTICE_PDF, bytes: () => ctx.blobs.get(notice.blob_sha256) }, { path: NOTICE_SIGNATURE, bytes: der });
    sealsMadeAt.push(decodeSesSignature(der).toSign.seal.sealInfo.property.createDate.toISOString());
    use(notice.certificate_id, notice.signed_at);
    const pdfCertificates = await listPdfCertificates(ctx.db.kysely, [notice.pdf_certificate_id, PDF_ROOT_ID]);
    for (const row of pdfCertificates) files.push({ path: certificateFile(row.id), bytes: base64(row.der) });
    const ofdSha256 = notice.ofd_blob_sha256;
    if (ofdSha256) files.push({ path: NOTICE_OFD, bytes: () => ctx.blobs.get(ofdSha256) });
    noticeEntry = {
      pdf: NOTICE_PDF,
      signature: NOTICE_SIGNATURE,
      signedAt: notice.signed_at,
      crl: crlInForce(crls, notice.signed_at),
      pdfCertificate: certificateFile(notice.pdf_certificate_id),
      pdfRoot: certificateFile(PDF_ROOT_ID),
      ofd: ofdSha256 ? NOTICE_OFD : null,
    };
  }
  use(checkpoint.certificate_id, checkpoint.signed_at);

  const certificateRows = await listEvidenceCertificates(ctx.db.kysely, [...usedAt.keys()]);
  const root = certificateRows.find((row) => row.kind === 'root');
  if (!root) throw new Error('the seal authority has no root certificate');
  const certificates = [];
  for (const row of certificateRows) {
    if (row.kind !== 'root') {
      const times = row.kind === 'maker' ? sealsMadeAt : (usedAt.get(row.id) ?? []);
      if (times.length === 0) continue;
      const checkedAt = earliest(times);
      certificates.push({ file: certificateFile(row.id), id: row.id, role: row.kind, checkedAt, crl: crlInForce(crls, checkedAt) });
    }
    files.push({ path: certificateFile(row.id), bytes: base64(row.der) });
  }
  const checkpointCertificate = certificateRows.find((row) => row.id === checkpoint.certificate_id);
  if (!checkpointCertificate) throw new Error(`the checkpoint's certificate ${checkpoint.certificate_id} is missing`);
  files.push(checkpointFile(snapshot, checkpointCertificate.der));

  const crlNumbers = new Set<number>();
  for (const n of [...certificates, ...signatureEntries, ...(noticeEntry ? [noticeEntry] : [])].map((e) => e.crl)) if (n !== null) crlNumbers.add(n);
  const checkpointCrl = crlInForce(crls, checkpoint.signed_at);
  if (checkpointCrl !== null) crlNumbers.add(checkpointCrl);
  const latestCrl = crls.at(-1);
  if (latestCrl) crlNumbers.add(latestCrl.number);
  const packagedCrls = crls.filter((c) => crlNumbers.has(c.number));
  for (const crl of packagedCrls) files.push({ path: crlFile(crl.number), bytes: base64(crl.der) });

  files.push(...(await eventFiles(ctx, snapshot.events, checkpoint.tree_size)));

  const index: PackageIndex = {
    format: PACKAGE_FORMAT,
    case: { id: kase.id, caseNo: kase.case_no, status: kase.status },
    exportedAt: exportedAt.toISOString(),
    caseFile: CASE_FILE,
    rootCertificate: certificateFile(root.id),
    certificates,
    crls: packagedCrls.map((c) => ({ file: crlFile(c.number), number: c.number })),
    originals,
    pages: snapshot.pages.map((p) => ({ id: p.id, file: fileOfBlob.get(p.blob_sha256) as string })),
    portraits: snapshot.portraits.map((p) => ({ id: p.id, file: fileOfBlob.get(p.blob_sha256) as string })),
    signatures: signatureEntries,
    notice: noticeEntry,
    checkpoint: { file: CHECKPOINT_FILE, crl: checkpointCrl },
    events: snapshot.events.map((e) => ({ seq: e.seq, file: eventFile(e.seq) })),
  };
  files.push({ path: INDEX_FILE, bytes: json(index) }, { path: CASE_FILE, bytes: json(caseRecord(snapshot, index)) });
  const city = await findRootUnit(ctx.db.kysely);
  return { files, index, city: city?.name ?? '', rootFingerprint: sha256Fingerprint(certificateOf(root).der) };
}

/**
 * The case as the archive holds it, personal data in the clear (the signed contents hold the full
 * ID number anyway, and a verifier needs them): whoever holds the package holds personal data.
 */
function caseRecord(snapshot: CaseSnapshot, index: PackageIndex) {
  const { kase } = snapshot;
  return {
    format: 'hukou-case-record/1',
    personalData: 'This package holds personal data (name, full ID number, phone, documents, portrait): keep and send it as such.',
    case: { ...kase, fields: JSON.parse(kase.fields) as unknown },
    actions: snapshot.actions.map((a) => ({ ...a, detail: JSON.parse(a.detail) as unknown })),
    pages: snapshot.pages.map((p, i) => ({ ...p, quality: p.quality ? (JSON.parse(p.quality) as unknown) : null, file: index.pages[i]?.file })),
    portraits: snapshot.portraits.map((p, i) => ({ ...p, file: index.portraits[i]?.file })),
    originals: snapshot.blobs,
    signatures: snapshot.signatures.map(({ content: _content, signature: _signature, ...row }) => ({
      ...row,
      files: index.signatures.find((s) => s.seq === row.action_seq),
    })),
    notice: snapshot.notice
      ? (({ ses_signature: _ses, public_info, ...row }) => ({ ...row, public_info: JSON.parse(public_info) as unknown, files: index.notice }))(
          snapshot.notice,
        )
      : null,
  };
}
