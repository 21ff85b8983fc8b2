import type { CatalogMaterial } from '../catalog/catalog.schema.ts';
import type { CaseActName } from './allowed-acts.ts';

/** A required material with fewer pages than the catalog asks for, as a refusal and the case page name it. */
export interface MissingMaterial {
  code: string;
  name: string;
  nameEn: string;
  minPages: number;
  pagesCaptured: number;
}

/**
 * Acts that need every required material captured: verifying the originals, and submitting them
 * (which the workflow already allows only after verification, since a capture re-opens it).
 */
export const ACTS_NEEDING_MATERIALS: ReadonlySet<CaseActName> = new Set<CaseActName>(['verify', 'submit']);

/** The sub-type's required materials that have fewer pages than their minimum. */
export function missingMaterials(materials: readonly CatalogMaterial[], pagesByMaterial: ReadonlyMap<string, number>): MissingMaterial[] {
  return materials
    .filter((m) => m.required)
    .map((m) => ({ code: m.code, name: m.name, nameEn: m.nameEn, minPages: m.minPages, pagesCaptured: pagesByMaterial.get(m.code) ?? 0 }))
    .filter((m) => m.pagesCaptured < m.minPages);
}

/** Pages per material code, from a case's captured pages. */
export function pagesByMaterial(images: readonly { material_code: string }[]): Map<string, number> {
  const pages = new Map<string, number>();
  for (const image of images) pages.set(image.material_code, (pages.get(image.material_code) ?? 0) + 1);
  return pages;
}
