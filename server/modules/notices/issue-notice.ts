import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { sm3, toHex } from '../../crypto/index.ts';
import type { Tx } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { CaseWithUnit } from '../cases/cases.repo.ts';
import { insertBlobIfAbsent } from '../cases/cases.repo.ts';
import type { SubtypeRef } from '../catalog/catalog-registry.ts';
import type { Actor } from '../org/actor.ts';
import { signerOf } from '../seals/sign-case-decision.ts';
import { signingCredentials } from '../seals/signing-credentials.ts';
import { builtInSigningProvider, type SigningProvider, type SigningRequest } from '../seals/signing-provider.ts';
import { insertOrRetry } from '../seals/unique-race.ts';
import { gatherNoticeFacts, type NoticeFacts, type NoticePublicInfo } from './notice-facts.ts';
import { insertNotice } from './notices.repo.ts';
import { makeNoticeOfd, type NoticeOfd } from './ofd/notice-ofd.ts';
import { pdfSigner } from './pdf-signing-authority.ts';
import { renderNoticePdf } from './render-notice-pdf.ts';
import { signNoticePdf } from './sign-notice-pdf.ts';
import { newVerificationCode, verificationUrl } from './verification-code.ts';

/** A4 in PDF points: what the blob row records as a notice's page size, PDF and OFD alike (captured pages record pixels). */
const A4_POINTS = { width: 595, height: 842 };

export interface IssuedNotice {
  noticeId: string;
  sha256: string;
  sm3: string;
  ofd: { sha256: string; sm3: string };
}

/** The notice made and PAdES-signed, waiting for its GB/T 38540 seal signatures (sealNotice). */
export interface PreparedNotice {
  at: string;
  code: string;
  facts: NoticeFacts;
  publicInfo: NoticePublicInfo;
  sealId: string;
  certificateId: string;
  pdfCertificateId: string;
  pdf: Buffer;
  pdfPages: number;
  /** SM3 of the PAdES-signed PDF: what the PDF's seal signature signs. */
  digest: Uint8Array;
  sealDer: Uint8Array;
  signer: SigningRequest['signer'];
}

/** The seal signatures a provider made for a prepared notice: over the PDF, and the sealed OFD. */
export interface SealedNotice {
  sesSignature: Uint8Array;
  ofd: NoticeOfd;
}

/** Gathers what the notice shows, renders the PDF and signs it as PAdES: everything but the seal signatures. */
export async function prepareNotice(tx: Tx, ctx: AppContext, actor: Actor, kase: CaseWithUnit, ref: SubtypeRef, at: string): Promise<PreparedNotice> {
  const when = new Date(at);
  const { certificate, seal } = await signingCredentials(tx, ctx, actor, when);
  const code = newVerificationCode();
  const { facts, publicInfo, city } = await gatherNoticeFacts(
    tx,
    kase,
    ref,
    { actor, at, seal },
    { code, url: verificationUrl(ctx.config.publicUrl, code) },
  );
  const { signer, root } = await pdfSigner(tx, ctx.dataKeys, city, when);
  const unsigned = await renderNoticePdf(facts, { signerName: city.name, location: city.name, signingTime: when });
  const pdf = await signNoticePdf(unsigned.bytes, signer, root, when);
  return {
    at,
    code,
    facts,
    publicInfo,
    sealId: seal.id,
    certificateId: certificate.id,
    pdfCertificateId: signer.row.id,
    pdf,
    pdfPages: unsigned.pages,
    digest: sm3(new Uint8Array(pdf)),
    sealDer: new Uint8Array(Buffer.from(seal.der, 'base64')),
    signer: signerOf(tx, ctx, certificate),
  };
}

/**
 * The seal signatures, by whichever provider signs: over the SM3 of the signed PDF, and the same
 * notice as OFD sealed with the same seal and certificate. Needs no transaction, so the province's
 * seal system is asked before the approval's transaction (cases/remotely-signed-act.ts).
 */
export async function sealNotice(prepared: PreparedNotice, provider: SigningProvider): Promise<SealedNotice> {
  const { sealDer, signer, facts } = prepared;
  const signingTime = new Date(prepared.at);
  const sesSignature = await provider.sign({
    sealDer,
    documentHash: prepared.digest,
    propertyInfo: `notice=${facts.caseNo};code=${prepared.code}`,
    signingTime,
    signer,
  });
  const ofd = await makeNoticeOfd({
    facts,
    sealDer,
    signingTime,
    sign: (documentHash, propertyInfo) => provider.sign({ sealDer, documentHash, propertyInfo, signingTime, signer }),
  });
  return { sesSignature, ofd };
}

/**
 * 电子通知单: made in the approval's transaction, so an approval without its notice (or a notice
 * without its approval) is never kept. The PDF is signed twice: PAdES (RSA, for any PDF reader and
 * pdfsig) and, over the SM3 of the signed PDF, a GB/T 38540 SES_Signature with the deciding unit's
 * seal and the approving officer's certificate, as decisions are signed. The same notice is made as
 * an OFD package sealed through the same provider (docs/SEALS.md, "The notice as OFD"). A notice
 * sealed by the province's seal system before the transaction comes in as `presealed`. The bytes
 * are made durable before the rows; if the act then fails, the orphan sweep removes them after its
 * grace period.
 */
export async function issueNotice(
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  kase: CaseWithUnit,
  ref: SubtypeRef,
  at: string,
  presealed?: { prepared: PreparedNotice; sealed: SealedNotice },
): Promise<IssuedNotice> {
  const prepared = presealed?.prepared ?? (await prepareNotice(tx, ctx, actor, kase, ref, at));
  if (prepared.at !== at) throw new AppError('CASE_CONCURRENT_UPDATE');
  const { sesSignature, ofd } = presealed?.sealed ?? (await sealNotice(prepared, builtInSigningProvider));
  const stored = await ctx.blobs.put(prepared.pdf);
  const storedOfd = await ctx.blobs.put(Buffer.from(ofd.bytes));
  for (const [blob, mediaType, pages] of [
    [stored, 'application/pdf', prepared.pdfPages],
    [storedOfd, 'application/ofd', ofd.pages],
  ] as const) {
    await insertBlobIfAbsent(tx, {
      sha256: blob.sha256,
      sm3: blob.sm3,
      size: blob.size,
      media_type: mediaType,
      ...A4_POINTS,
      page_count: pages,
      fixity_checked_at: null,
      created_at: at,
    });
  }
  const noticeId = randomUUID();
  // A verification code drawn twice (80 random bits: practically never) retries the approval with a new one.
  await insertOrRetry(() =>
    insertNotice(tx, {
      id: noticeId,
      case_id: kase.id,
      verification_code: prepared.code,
      blob_sha256: stored.sha256,
      sm3: toHex(prepared.digest),
      signed_at: at,
      approved_by: actor.userId,
      approved_unit_id: actor.unitId,
      seal_id: prepared.sealId,
      certificate_id: prepared.certificateId,
      pdf_certificate_id: prepared.pdfCertificateId,
      ses_signature: Buffer.from(sesSignature).toString('base64'),
      public_info: JSON.stringify(prepared.publicInfo),
      ofd_blob_sha256: storedOfd.sha256,
      ofd_sm3: storedOfd.sm3,
      ofd_ses_signature: Buffer.from(ofd.sesSignature).toString('base64'),
    }),
  );
  return { noticeId, sha256: stored.sha256, sm3: toHex(prepared.digest), ofd: { sha256: storedOfd.sha256, sm3: storedOfd.sm3 } };
}
