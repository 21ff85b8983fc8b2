import { randomUUID } from 'node:crypto';
import { sm3 } from '../server/crypto/index.ts';
import { approveCase } from '../server/modules/cases/commands/approve-case.ts';
import { findCase } from '../server/modules/cases/cases.repo.ts';
import { gatherNoticeFacts } from '../server/modules/notices/notice-facts.ts';
import { pdfSigner } from '../server/modules/notices/pdf-signing-authority.ts';
import { renderNoticePdf } from '../server/modules/notices/render-notice-pdf.ts';
import { signNoticePdf } from '../server/modules/notices/sign-notice-pdf.ts';
import { newVerificationCode, verificationPath } from '../server/modules/notices/verification-code.ts';
import { keyHolderOf } from '../server/modules/seals/seal-authority.ts';
import { signingCredentials } from '../server/modules/seals/signing-credentials.ts';
import { builtInSigningProvider } from '../server/modules/seals/signing-provider.ts';
import { LatencyRecorder, type LatencySummary } from './latency.ts';
import { inRolledBackTransaction, type SealsRig } from './seals-rig.ts';

/**
 * 审批 with its notice (电子通知单), end to end through the real use case, and the notice's three
 * steps alone through the notice module's exported functions: rendering the PDF (pdfkit, fonts
 * subset, QR code, PAdES placeholder), the PAdES signature (RSA-2048, @signpdf), and the
 * GB/T 38540 SES_Signature over the signed PDF's SM3. An approval cannot be had without its notice,
 * so the 审核 of the same run (seals-decisions.ts) is the decision without one. Whatever else the
 * approval makes of the notice (the OFD package, the stored blobs and rows) is in its end-to-end time.
 */
export interface NoticeFigures {
  approvals: LatencySummary;
  render: LatencySummary;
  pades: LatencySummary;
  ses: LatencySummary;
  pdfBytes: number;
  pdfPages: number;
}

/** Everything the three steps need, gathered as the approval gathers it, in a transaction rolled back afterwards. */
async function noticeIngredients(rig: SealsRig, caseId: string) {
  const { ctx, actors } = rig;
  return inRolledBackTransaction(ctx, async (tx) => {
    const kase = await findCase(tx, ctx.dataKeys, caseId);
    if (!kase) throw new Error(`case ${caseId} is gone`);
    const ref = ctx.catalogs.subtype(kase.catalog_version, kase.subtype_code);
    const when = new Date();
    const { certificate, seal } = await signingCredentials(tx, ctx, actors.approver, when);
    const code = newVerificationCode();
    const { facts, city } = await gatherNoticeFacts(
      tx,
      kase,
      ref,
      { actor: actors.approver, at: when.toISOString(), seal },
      { code, url: verificationPath(code) },
    );
    const { signer, root } = await pdfSigner(tx, ctx.dataKeys, city, when);
    const holder = await keyHolderOf(tx, ctx.dataKeys, certificate);
    const sesSigner = {
      certificateId: certificate.id,
      certificate: new Uint8Array(Buffer.from(certificate.der, 'base64')),
      loadKey: async () => holder,
    };
    return {
      facts,
      city,
      when,
      signer,
      root,
      sesSigner,
      sealDer: new Uint8Array(Buffer.from(seal.der, 'base64')),
      propertyInfo: `notice=${kase.case_no};code=${code}`,
    };
  });
}

async function time(recorder: LatencyRecorder, label: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  recorder.record(label, performance.now() - started);
}

/** Runs `work` again and again for about `seconds`, at least once, timing each run. */
async function timeFor(recorder: LatencyRecorder, label: string, seconds: number, work: () => Promise<unknown>): Promise<void> {
  const end = performance.now() + seconds * 1000;
  do await time(recorder, label, work);
  while (performance.now() < end);
}

/**
 * `count` approvals of cases the branch has reviewed, after one untimed (the first makes the city's
 * PDF certificates: RSA key generation), in `rounds` slices, each followed by `stepSeconds /
 * rounds` of each step alone.
 */
export async function measureNotices(
  rig: SealsRig,
  reviewed: readonly string[],
  count: number,
  stepSeconds: number,
  rounds: number,
): Promise<NoticeFigures> {
  const { ctx, actors } = rig;
  if (reviewed.length < count + 1) throw new Error(`${count} approvals need ${count + 1} reviewed cases; there are ${reviewed.length}`);
  const approve = (id: string) => approveCase(ctx, actors.approver, id, { comment: '同意' }, randomUUID());
  await approve(reviewed[0]!);
  const queue = reviewed.slice(1, count + 1);
  const n = await noticeIngredients(rig, queue[0]!);
  const unsigned = await renderNoticePdf(n.facts, { signerName: n.city.name, location: n.city.name, signingTime: n.when });
  const signed = await signNoticePdf(unsigned.bytes, n.signer, n.root, n.when);
  const steps = {
    render: () => renderNoticePdf(n.facts, { signerName: n.city.name, location: n.city.name, signingTime: n.when }),
    pades: () => signNoticePdf(unsigned.bytes, n.signer, n.root, n.when),
    ses: () =>
      builtInSigningProvider.sign({
        sealDer: n.sealDer,
        documentHash: sm3(new Uint8Array(signed)),
        propertyInfo: n.propertyInfo,
        signingTime: n.when,
        signer: n.sesSigner,
      }),
  };
  const recorder = new LatencyRecorder();
  const slice = Math.max(1, Math.ceil(count / rounds));
  for (let from = 0; from < count; from += slice) {
    for (const id of queue.slice(from, from + slice)) await time(recorder, 'approve', () => approve(id));
    for (const [label, work] of Object.entries(steps)) await timeFor(recorder, label, stepSeconds / rounds, work);
  }
  return {
    approvals: recorder.summary('approve'),
    render: recorder.summary('render'),
    pades: recorder.summary('pades'),
    ses: recorder.summary('ses'),
    pdfBytes: signed.length,
    pdfPages: unsigned.pages,
  };
}
