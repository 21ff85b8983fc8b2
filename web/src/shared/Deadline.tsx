import { ClockCircleOutlined } from '@ant-design/icons';
import { Tooltip, Typography, theme } from 'antd';
import { useLocale } from '../i18n/locale.tsx';
import { useT } from '../i18n/messages.ts';
import { durationParts, formatDateTime } from './format.ts';
import { sharedMessages } from './messages.ts';

/** Time left before a deadline ("剩余 1天3小时"), or how late it is, in red. */
export function Deadline({ at, now = Date.now() }: { at: string | null | undefined; now?: number }) {
  const t = useT(sharedMessages);
  const { token } = theme.useToken();
  const { locale } = useLocale();
  if (!at) return null;
  const seconds = (Date.parse(at) - now) / 1000;
  const { days, hours, minutes } = durationParts(seconds);
  const parts =
    days > 0
      ? [t('days', { n: days }), t('hours', { n: hours })]
      : hours > 0
        ? [t('hours', { n: hours }), t('minutes', { n: minutes })]
        : [t('minutes', { n: minutes })];
  // 1天3小时, but 1 d 3 h.
  const time = parts.join(locale === 'en' ? ' ' : '');
  const overdue = seconds < 0;
  return (
    <Tooltip title={formatDateTime(at)}>
      <Typography.Text
        strong={overdue}
        style={{ color: overdue ? token.colorErrorText : seconds < 86_400 ? token.colorWarningText : undefined }}
        data-overdue={overdue}
      >
        <ClockCircleOutlined /> {overdue ? t('overdue', { time }) : t('timeLeft', { time })}
      </Typography.Text>
    </Tooltip>
  );
}
