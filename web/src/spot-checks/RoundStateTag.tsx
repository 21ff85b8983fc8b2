import { Tag } from 'antd';
import { useT } from '../i18n/messages.ts';
import { spotMessages } from './messages.ts';

/** 进行中 blue, 已完成 green. */
export function RoundStateTag({ state }: { state: 'open' | 'completed' }) {
  const t = useT(spotMessages);
  return (
    <Tag color={state === 'open' ? 'blue' : 'green'} data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`round_${state}`)}
    </Tag>
  );
}
