import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import type { paths } from '../api/schema';

export type CaseView = paths['/api/cases/{id}']['get']['responses'][200]['content']['application/json'];
export type CaseMaterial = CaseView['materials'][number];

/** The same key the case page uses, so an answer from either page refreshes both. */
export const caseKey = (id: string) => ['case', id] as const;

export function useCaseView(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => unwrap(api.GET('/api/cases/{id}', { params: { path: { id } } })) });
}

/** A required material with fewer pages than it needs, as the server names them in a refusal. */
export interface MissingMaterial {
  code: string;
  name: string;
  nameEn: string;
  minPages: number;
  pagesCaptured: number;
}

export function missingOf(kase: CaseView): MissingMaterial[] {
  return kase.materials
    .filter((material) => material.required && !material.complete)
    .map(({ code, name, nameEn, minPages, pagesCaptured }) => ({ code, name, nameEn, minPages, pagesCaptured }));
}
