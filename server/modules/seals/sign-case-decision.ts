import { randomUUID } from 'node:crypto';
import { toHex } from '../../crypto/index.ts';
import type { AppContext } from '../../context.ts';
import type { PkiCertificatesTable, SealsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { CaseWithUnit } from '../cases/cases.repo.ts';
import type { Actor } from '../org/actor.ts';
import { canonicalJson, caseContentAt, contentDigest, type PendingAction, type SignedCaseContent } from './case-content.ts';
import { keyHolderOf } from './seal-authority.ts';
import { findCertificate, insertCaseSignature } from './seals.repo.ts';
import { signingCredentials } from './signing-credentials.ts';
import { builtInSigningProvider, type SigningProvider, type SigningRequest } from './signing-provider.ts';

/** The acts that are decisions, each signed with the deciding unit's seal and the officer's certificate. */
export const SIGNED_ACTS: ReadonlySet<string> = new Set(['submit', 'review', 'approve', 'return']);

export const contentContext = (caseId: string, seq: number) => `case-signature:${caseId}:${seq}`;

export interface Decision {
  seq: number;
  act: string;
  at: string;
}

/** Everything a signature of a decision needs, ready for a provider: what is signed and who signs. */
export interface PreparedSignature {
  certificate: PkiCertificatesTable;
  seal: SealsTable;
  content: SignedCaseContent;
  request: SigningRequest;
}

/** The officer's certificate as a provider takes it; the key is read only by a provider that holds keys here. */
export function signerOf(tx: Tx, ctx: AppContext, certificate: PkiCertificatesTable): SigningRequest['signer'] {
  return {
    certificateId: certificate.id,
    certificate: new Uint8Array(Buffer.from(certificate.der, 'base64')),
    loadKey: async () => keyHolderOf(tx, ctx.dataKeys, (await findCertificate(tx, certificate.id))!),
  };
}

/**
 * The credentials that sign now and the content of the decision. `pending` is the decision's own
 * action when it is not written yet (a remote signature is asked for before the act's transaction).
 */
export async function prepareDecisionSignature(
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  kase: CaseWithUnit,
  decision: Decision,
  pending?: PendingAction,
): Promise<PreparedSignature> {
  const at = new Date(decision.at);
  const { certificate, seal } = await signingCredentials(tx, ctx, actor, at);
  const content = await caseContentAt(tx, kase, decision.seq, decision.at, pending);
  const request: SigningRequest = {
    sealDer: new Uint8Array(Buffer.from(seal.der, 'base64')),
    documentHash: contentDigest(content),
    propertyInfo: `case=${kase.case_no};seq=${decision.seq};act=${decision.act}`,
    signingTime: at,
    signer: signerOf(tx, ctx, certificate),
  };
  return { certificate, seal, content, request };
}

/** Stores a decision's signature beside the act, in its transaction. */
export async function storeDecisionSignature(
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  kase: CaseWithUnit,
  decision: Decision,
  prepared: PreparedSignature,
  signature: Uint8Array,
  providerName: string,
): Promise<{ signatureId: string; sealId: string; dataHash: string }> {
  const id = randomUUID();
  const dataHash = toHex(prepared.request.documentHash);
  await insertCaseSignature(tx, {
    id,
    case_id: kase.id,
    action_seq: decision.seq,
    act: decision.act,
    unit_id: actor.unitId,
    signer_id: actor.userId,
    seal_id: prepared.seal.id,
    certificate_id: prepared.certificate.id,
    signed_at: decision.at,
    data_hash: dataHash,
    content: ctx.dataKeys.protect(canonicalJson(prepared.content), contentContext(kase.id, decision.seq)),
    signature: Buffer.from(signature).toString('base64'),
    provider: providerName,
  });
  return { signatureId: id, sealId: prepared.seal.id, dataHash };
}

/**
 * Signs a decision inside the act's transaction, after its action row is written, with keys held
 * here: the content is the case as decided (case-content.ts), the signature a GB/T 38540
 * SES_Signature. If signing fails, the act fails with it and nothing of either is kept. (A remote
 * provider signs before the transaction instead: cases/remotely-signed-act.ts.)
 */
export async function signCaseDecision(
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  kase: CaseWithUnit,
  decision: Decision,
  provider: SigningProvider = builtInSigningProvider,
): Promise<{ signatureId: string; sealId: string; dataHash: string }> {
  const prepared = await prepareDecisionSignature(tx, ctx, actor, kase, decision);
  const signature = await provider.sign(prepared.request);
  return storeDecisionSignature(tx, ctx, actor, kase, decision, prepared, signature, provider.name);
}
