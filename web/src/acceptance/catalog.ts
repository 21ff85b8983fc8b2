import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import type { paths } from '../api/schema';

export type Catalog = paths['/api/catalog']['get']['responses'][200]['content']['application/json'];
export type CatalogCategory = Catalog['categories'][number];
export type CatalogSubtype = CatalogCategory['subtypes'][number];
export type CatalogField = CatalogSubtype['fields'][number];
export type CatalogMaterial = CatalogSubtype['materials'][number];
export type ApprovalLevel = CatalogSubtype['approvalChain'][number];

/** The catalog in force; it changes only with a new catalog version, so one fetch a visit is enough. */
export function useCurrentCatalog() {
  return useQuery({ queryKey: ['catalog', 'current'], queryFn: () => unwrap(api.GET('/api/catalog')), staleTime: 30 * 60_000 });
}

export function findSubtype(catalog: Catalog | undefined, code: string | undefined): CatalogSubtype | undefined {
  if (!code) return undefined;
  for (const category of catalog?.categories ?? []) {
    const found = category.subtypes.find((subtype) => subtype.code === code);
    if (found) return found;
  }
  return undefined;
}
