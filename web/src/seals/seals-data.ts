import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import type { paths } from '../api/schema';

export type SealAuthority = paths['/api/admin/seals']['get']['responses'][200]['content']['application/json'];
export type SealView = SealAuthority['seals'][number];
export type CertificateView = SealAuthority['certificates'][number];
export type SealState = SealView['state'];
export type CertificateState = CertificateView['state'];

export const SEALS_KEY = ['admin', 'seals'] as const;

/** The seal authority as the security administrator manages it (GET /api/admin/seals, audited). */
export function useSealAuthority() {
  return useQuery({ queryKey: SEALS_KEY, queryFn: () => unwrap(api.GET('/api/admin/seals')) });
}

/** The seal's red round picture, as its SES_Seal carries it (any signed-in person may see it). */
export function sealImageUrl(sealId: string): string {
  return `/api/seals/${encodeURIComponent(sealId)}/image`;
}

/**
 * One part of a certificate's subject as the server writes it (`C=CN, O=…, OU=…, CN=…`): the
 * holder's name is the last part, the unit the one before it.
 */
export function subjectPart(subject: string, type: 'CN' | 'OU' | 'O'): string | null {
  const parts = subject.split(/, (?=[A-Z]+=)/);
  const found = parts.find((part) => part.startsWith(`${type}=`));
  return found ? found.slice(type.length + 1) : null;
}

/** Whose certificate: an officer's (by account) or a unit's. */
export function holderKey(certificate: Pick<CertificateView, 'kind' | 'userId' | 'unitId' | 'id'>): string {
  if (certificate.kind === 'officer' && certificate.userId) return `officer:${certificate.userId}`;
  if (certificate.kind === 'unit' && certificate.unitId) return `unit:${certificate.unitId}`;
  return `certificate:${certificate.id}`;
}

/** An officer certificate's common name is `<display name> (<user name>)`: the two apart, for showing. */
export function holderName(commonName: string): { name: string; username: string | null } {
  const match = /^(.*\S) \(([a-z0-9][a-z0-9._-]*)\)$/.exec(commonName);
  return match ? { name: match[1]!, username: match[2]! } : { name: commonName, username: null };
}
