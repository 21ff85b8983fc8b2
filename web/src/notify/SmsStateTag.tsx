import { Tag } from 'antd';
import { useT } from '../i18n/messages.ts';
import { notifyMessages } from './messages.ts';

export type SmsState = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed';

/** Preset colours (not the status ones, whose text is too faint for the contrast check): red for failed, green for delivered. */
const COLOR: Record<SmsState, string | undefined> = { queued: undefined, sending: 'gold', sent: 'blue', delivered: 'green', failed: 'red' };

export function SmsStateTag({ state }: { state: SmsState }) {
  const t = useT(notifyMessages);
  return (
    <Tag color={COLOR[state]} data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`state_${state}`)}
    </Tag>
  );
}
