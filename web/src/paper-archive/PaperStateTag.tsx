import { Tag } from 'antd';
import { useT } from '../i18n/messages.ts';
import { paperMessages } from './messages.ts';

/** 已装订 green, 待装订 blue, 逾期未装订 red: the three states an archivist looks for. */
export function PaperStateTag({ state, overdue }: { state: 'pending' | 'bound'; overdue: boolean }) {
  const t = useT(paperMessages);
  const shown = state === 'bound' ? 'bound' : overdue ? 'overdue' : 'pending';
  const colour = { bound: 'green', overdue: 'red', pending: 'blue' }[shown];
  return (
    <Tag color={colour} data-state={shown} style={{ marginInlineEnd: 0 }}>
      {t(`state_${shown}`)}
    </Tag>
  );
}

/** 2026-01 盒 1 卷 第 3 件 */
export function usePlaceText() {
  const t = useT(paperMessages);
  return (place: { boxNo: string; volumeNo: string; sequence: number }) =>
    t('place', { box: place.boxNo, volume: place.volumeNo, seq: place.sequence });
}
