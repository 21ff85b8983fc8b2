import { bytesEqual, fromHex, verifySesSignature, type SesCheck } from '../../crypto/index.ts';
import type { AppContext } from '../../context.ts';
import type { CaseWithUnit } from '../cases/cases.repo.ts';
import { caseContentAt, contentDigest, type SignedCaseContent } from './case-content.ts';
import { type ContentChange, contentChanges } from './content-changes.ts';
import { authorityRoot, crlsInForceAt } from './seal-authority.ts';
import { listCaseSignaturesForReading } from './seals.repo.ts';
import { contentContext } from './sign-case-decision.ts';

export type SignatureCheck = SesCheck | 'authority' | 'record';

export interface SignatureVerification {
  valid: boolean;
  /** The first check that failed (crypto/ses/verify.ts, in the standard's order), or 'record' when the row disagrees with its signature. */
  failedCheck: SignatureCheck | null;
  reason: string | null;
  /** What differs between the case as signed and as it is now, when the document hash failed. */
  changes: ContentChange[];
}

export interface CaseSignatureView {
  id: string;
  seq: number;
  act: string;
  signedAt: string;
  provider: string;
  dataHash: string;
  signer: { id: string; name: string };
  unit: { id: string; name: string };
  seal: { id: string; esId: string; name: string; version: number; revokedAt: string | null };
  certificate: { id: string; serial: string; subject: string; revokedAt: string | null };
  verification: SignatureVerification;
}

type SignatureRow = Awaited<ReturnType<typeof listCaseSignaturesForReading>>[number];

const failed = (failedCheck: SignatureCheck, reason: string, changes: ContentChange[] = []): SignatureVerification => ({
  valid: false,
  failedCheck,
  reason,
  changes,
});

function storedContent(ctx: AppContext, row: SignatureRow): SignedCaseContent | null {
  try {
    return JSON.parse(ctx.dataKeys.open(row.content, contentContext(row.case_id, row.action_seq))) as SignedCaseContent;
  } catch {
    return null;
  }
}

/**
 * Checks one signature against the case as it is now: the content is rebuilt from the rows as they
 * stood at the decision, and the SES_Signature is verified over its digest with the authority's
 * root and the CRL in force when it was signed (a revocation after signing does not undo it; the
 * reader sees the revocation beside it). When the digest differs, the content stored at signing
 * names what changed.
 */
async function verifyOne(ctx: AppContext, kase: CaseWithUnit, row: SignatureRow, root: Awaited<ReturnType<typeof authorityRoot>>) {
  if (!root) return failed('authority', 'the seal authority has no root certificate');
  const crls = await crlsInForceAt(ctx.db.kysely, row.signed_at);
  const current = await caseContentAt(ctx.db.kysely, kase, row.action_seq, row.signed_at);
  const documentHash = contentDigest(current);
  const result = verifySesSignature(new Uint8Array(Buffer.from(row.signature, 'base64')), { documentHash, trust: { trustedRoots: [root], crls } });
  if (!result.ok) {
    if (result.failedCheck !== 'documentHash') return failed(result.failedCheck, result.reason);
    const signed = storedContent(ctx, row);
    const changes = signed ? contentChanges(signed, current) : [];
    return failed(
      'documentHash',
      signed ? 'the case differs from what was signed' : 'the case differs from what was signed; the signed content is unreadable',
      changes,
    );
  }
  if (!bytesEqual(result.signature.toSign.dataHash, fromHex(row.data_hash))) return failed('record', 'the stored digest differs from the signed one');
  return { valid: true, failedCheck: null, reason: null, changes: [] };
}

export async function verifyCaseSignatures(ctx: AppContext, kase: CaseWithUnit): Promise<CaseSignatureView[]> {
  const rows = await listCaseSignaturesForReading(ctx.db.kysely, kase.id);
  const root = rows.length > 0 ? await authorityRoot(ctx.db.kysely) : null;
  const views: CaseSignatureView[] = [];
  for (const row of rows) {
    views.push({
      id: row.id,
      seq: row.action_seq,
      act: row.act,
      signedAt: row.signed_at,
      provider: row.provider,
      dataHash: row.data_hash,
      signer: { id: row.signer_id, name: row.signer_name },
      unit: { id: row.unit_id, name: row.unit_name },
      seal: { id: row.seal_id, esId: row.seal_es_id, name: row.seal_name, version: row.seal_version, revokedAt: row.seal_revoked_at },
      certificate: {
        id: row.certificate_id,
        serial: row.certificate_serial,
        subject: row.certificate_subject,
        revokedAt: row.certificate_revoked_at,
      },
      verification: await verifyOne(ctx, kase, row, root),
    });
  }
  return views;
}
