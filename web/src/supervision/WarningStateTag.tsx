import { Tag } from 'antd';
import { useT } from '../i18n/messages.ts';
import { supervisionMessages } from './messages.ts';

/** Gold while nobody has taken it on, blue once acknowledged, green when resolved (red stays for overdue and refusals). */
const COLOURS: Record<string, string> = { raised: 'gold', acknowledged: 'blue', resolved: 'green' };

export function WarningStateTag({ state }: { state: 'raised' | 'acknowledged' | 'resolved' }) {
  const t = useT(supervisionMessages);
  return (
    <Tag color={COLOURS[state]} data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`state_${state}`)}
    </Tag>
  );
}
