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

/** Every (version, sub-type, chain step) at which a submitted case waits for this level. */
export function stepsPendingAt(catalogs: readonly Catalog[], level: ApprovalLevel): ChainStepKey[] {
  const keys: ChainStepKey[] = [];
  for (const catalog of catalogs) {
    for (const subtype of catalog.categories.flatMap((c) => c.subtypes)) {
      subtype.approvalChain.forEach((_, chainStep) => {
        if (pendingLevel({ status: 'submitted', chainStep }, subtype.approvalChain) === level) {
          keys.push({ catalogVersion: catalog.version, subtypeCode: subtype.code, chainStep });
        }
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
