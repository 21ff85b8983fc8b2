import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import type { paths } from '../api/schema';

export type CaseView = paths['/api/cases/{id}']['get']['responses'][200]['content']['application/json'];
export type CaseImage = CaseView['images'][number];
export type CaseMaterial = CaseView['materials'][number];
export type TimelineEvent = paths['/api/cases/{id}/timeline']['get']['responses'][200]['content']['application/json']['events'][number];
export type Catalog = paths['/api/catalog/versions/{version}']['get']['responses'][200]['content']['application/json'];
export type CatalogSubtype = Catalog['categories'][number]['subtypes'][number];
export type CatalogField = CatalogSubtype['fields'][number];
export type ApprovalLevel = CaseView['approvalChain'][number];
type SignaturesAnswer = paths['/api/cases/{id}/signatures']['get']['responses'][200]['content']['application/json'];
export type CaseSignature = SignaturesAnswer['signatures'][number];
export type SigningFailure = NonNullable<SignaturesAnswer['signingFailure']>;

/** The acts a case view can offer (allowedActs). */
export type CaseAct = CaseView['allowedActs'][number];
/** Acts on the pages themselves: done on the capture page, not behind a button here. */
export type PageAct = Extract<CaseAct, 'capture' | 'supplement' | 'arrange_pages' | 'override_quality' | 'capture_portrait'>;
export type DecisionAct = Exclude<CaseAct, PageAct>;

export const caseKey = (id: string) => ['case', id] as const;
export const timelineKey = (id: string) => ['case', id, 'timeline'] as const;
export const signaturesKey = (id: string) => ['case', id, 'signatures'] as const;

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: () => unwrap(api.GET('/api/cases/{id}', { params: { path: { id } } })),
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: timelineKey(id),
    queryFn: async () => (await unwrap(api.GET('/api/cases/{id}/timeline', { params: { path: { id } } }))).events,
  });
}

/** 签章: each decision's signature, verified by the server now (an audited look, so read when shown). */
export function useSignatures(id: string) {
  return useQuery({
    queryKey: signaturesKey(id),
    queryFn: async () => unwrap(api.GET('/api/cases/{id}/signatures', { params: { path: { id } } })),
  });
}

/** A catalog version never changes once loaded (server/modules/catalog), so it is fetched once per visit. */
export function useCatalogVersion(version: string | undefined) {
  return useQuery({
    queryKey: ['catalog', version],
    queryFn: () => unwrap(api.GET('/api/catalog/versions/{version}', { params: { path: { version: version ?? '' } } })),
    enabled: Boolean(version),
    staleTime: Infinity,
  });
}

export function findSubtype(catalog: Catalog | undefined, code: string): CatalogSubtype | undefined {
  for (const category of catalog?.categories ?? []) {
    const found = category.subtypes.find((subtype) => subtype.code === code);
    if (found) return found;
  }
  return undefined;
}

/** Pages in reading order: by the catalog's order of materials, then page number. */
export function orderedPages(kase: CaseView): CaseImage[] {
  const rank = new Map(kase.materials.map((material, index) => [material.code, index]));
  return [...kase.images].sort(
    (a, b) =>
      (rank.get(a.materialCode) ?? 999) - (rank.get(b.materialCode) ?? 999) || a.pageNo - b.pageNo || a.capturedAt.localeCompare(b.capturedAt),
  );
}

/** The deadline that matters now: capture until submission, approval while under approval, none once decided. */
export function currentDeadline(
  kase: Pick<CaseView, 'status' | 'captureDeadline' | 'approvalDeadline'>,
): { kind: 'capture' | 'approval'; at: string } | null {
  if (kase.status === 'accepted' || kase.status === 'verified') return { kind: 'capture', at: kase.captureDeadline };
  if (kase.status === 'submitted' && kase.approvalDeadline) return { kind: 'approval', at: kase.approvalDeadline };
  return null;
}

/** Material names by code across the whole catalog version: another case's page may be of another sub-type. */
export function materialNames(catalog: Catalog | undefined): Map<string, { zh: string; en: string }> {
  const names = new Map<string, { zh: string; en: string }>();
  for (const category of catalog?.categories ?? []) {
    for (const subtype of category.subtypes) {
      for (const material of subtype.materials) if (!names.has(material.code)) names.set(material.code, { zh: material.name, en: material.nameEn });
    }
  }
  return names;
}
