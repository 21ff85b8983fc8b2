import { useT } from '../i18n/messages.ts';
import { sharedMessages } from '../shared/messages.ts';

/** 派出所 / 分局 / 市局 for an approval level, in the reader's language. */
export function useLevelLabel(): (level: string | null | undefined) => string {
  const t = useT(sharedMessages);
  return (level) => {
    switch (level) {
      case 'station':
        return t('stationLevel');
      case 'branch':
        return t('branchLevel');
      case 'city':
        return t('cityLevel');
      default:
        return level ?? '';
    }
  };
}
