import type { ApprovalLevel, Catalog } from '../catalog/catalog.schema.ts';
import { pendingLevel } from './workflow.ts';

/**
 * What a query needs from the catalogs to select in SQL what the catalog decides in code: a case
 * keeps its catalog version, and its chain and required materials live in that version, not in
 * the cases table. The facts are read off every loaded version with the same functions the acts use.
 */

/** A chain step of one sub-type of one catalog version. */
export interface ChainStepKey {
  catalogVersion: string;
  subtypeCode: string;
  chainStep: number;
}

/** A required material and its minimum pages, for one sub-type of one catalog version. */
export interface RequiredPages {
  catalogVersion: string;
  subtypeCode: string;
  materialCode: string;
  minPages: number;
}

/**
 * What the level deciding a step does (workflow.ts): the chain's last step approves (审批), every
 * step before it reviews (审核) and hands the case up.
 */
export type ChainDecision = 'review' | 'approve';

/**
 * Every (version, sub-type, chain step) at which a submitted case waits for this level; with a
 * decision, only the steps where the level makes that decision.
 */
export function stepsPendingAt(catalogs: readonly Catalog[], level: ApprovalLevel, decision?: ChainDecision): ChainStepKey[] {
  const keys: ChainStepKey[] = [];
  for (const catalog of catalogs) {
    for (const subtype of catalog.categories.flatMap((c) => c.subtypes)) {
      const last = subtype.approvalChain.length - 1;
      subtype.approvalChain.forEach((_, chainStep) => {
        if (pendingLevel({ status: 'submitted', chainStep }, subtype.approvalChain) !== level) return;
        if (decision && decision !== (chainStep === last ? 'approve' : 'review')) return;
        keys.push({ catalogVersion: catalog.version, subtypeCode: subtype.code, chainStep });
      });
    }
  }
  return keys;
}

/** Every required material of every sub-type of every version, with its minimum pages. */
export function requiredPages(catalogs: readonly Catalog[]): RequiredPages[] {
  return catalogs.flatMap((catalog) =>
    catalog.categories
      .flatMap((c) => c.subtypes)
      .flatMap((subtype) =>
        subtype.materials
          .filter((m) => m.required)
          .map((m) => ({ catalogVersion: catalog.version, subtypeCode: subtype.code, materialCode: m.code, minPages: m.minPages })),
      ),
  );
}
