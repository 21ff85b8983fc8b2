import { Tag } from 'antd';
import { useBilingual } from '../i18n/messages.ts';

/** Colours by what a status asks of people: blue in progress at the station, gold awaiting a decision, red returned. */
const STATUS_COLOURS: Record<string, string> = {
  accepted: 'blue',
  verified: 'cyan',
  submitted: 'gold',
  returned: 'red',
  approved: 'green',
  completed: 'default',
  withdrawn: 'default',
};

export function StatusTag({ status, label }: { status: string; label: { zh: string; en: string } }) {
  const bilingual = useBilingual();
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'} data-status={status}>
      {bilingual(label)}
    </Tag>
  );
}
