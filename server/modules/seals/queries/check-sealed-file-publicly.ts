import type { AppContext } from '../../../context.ts';
import { sm3, toHex } from '../../../crypto/index.ts';
import { verifySealFile, type SealFileReport } from '../verify-seal-file.ts';

export interface PublicSealedFileCheck extends Pick<SealFileReport, 'kind' | 'outcome' | 'checks'> {
  sm3: string;
  facts: { key: string; value: string }[];
}

/**
 * 电子签章核验: a sealed document from any system (an e-licence, an e-invoice, a seal the province
 * sends) checked by whoever holds it, signed in or not, as `hukou verify-seal` checks it: each
 * signature with its signer and seal, each check named. Everything shown comes from the file
 * itself (and, for a notice issued here, what the notice prints), so nothing is revealed; as the
 * notice checks, it is not written to the trail.
 */
export async function checkSealedFilePublicly(ctx: AppContext, bytes: Buffer, document?: Buffer): Promise<PublicSealedFileCheck> {
  const report = await verifySealFile(ctx, new Uint8Array(bytes), document ? new Uint8Array(document) : undefined);
  return {
    kind: report.kind,
    sm3: toHex(sm3(new Uint8Array(bytes))),
    outcome: report.outcome,
    // An OFD from elsewhere is not looked for among the notices: saying so is noise to its reader.
    facts: report.facts.filter(([key]) => !(report.kind === 'ofd' && key === 'archived')).map(([key, value]) => ({ key, value })),
    checks: report.checks,
  };
}
