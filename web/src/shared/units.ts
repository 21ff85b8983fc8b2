import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { sharedMessages } from './messages.ts';

export const UNITS_KEY = ['units'] as const;

/** The units the signed-in person may see (GET /api/units), read once and shared by every page. */
export function useUnits() {
  return useQuery({ queryKey: UNITS_KEY, queryFn: () => unwrap(api.GET('/api/units')), staleTime: 5 * 60_000 });
}

/** A unit's name in the reader's language; the name the answer carried until the list has loaded. */
export function useUnitName(): (unit: { id: string; name?: string }) => string {
  const units = useUnits();
  const bilingual = useBilingual();
  return (unit) => {
    const known = units.data?.units.find((u) => u.id === unit.id);
    return known ? bilingual({ zh: known.name, en: known.nameEn }) : (unit.name ?? '');
  };
}

/** An approval level (station, branch, city) as people say it: 派出所, 分局, 市局. */
export function useLevelLabel(): (level: string | null | undefined) => string {
  const t = useT(sharedMessages);
  return (level) => (level === 'station' ? t('stationLevel') : level === 'branch' ? t('branchLevel') : level === 'city' ? t('cityLevel') : '');
}
