import { Card, Statistic, Tooltip, theme } from 'antd';
import type { KeyboardEvent } from 'react';

export type StatTone = 'normal' | 'warning' | 'danger';

/**
 * A count at a glance; pressing it (mouse, Enter or Space) shows its list below. Red only for what
 * is overdue, as everywhere in the system.
 */
export function StatCard({
  title,
  value,
  hint,
  tone = 'normal',
  selected = false,
  onSelect,
  testId,
}: {
  title: string;
  value: number | string;
  hint: string;
  tone?: StatTone;
  selected?: boolean;
  onSelect?: () => void;
  testId: string;
}) {
  const { token } = theme.useToken();
  const colour = tone === 'danger' ? token.colorErrorText : tone === 'warning' ? token.colorWarningText : undefined;
  const onKeyDown = (event: KeyboardEvent) => {
    if (onSelect && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onSelect();
    }
  };
  return (
    <Tooltip title={hint}>
      <Card
        size="small"
        hoverable={!!onSelect}
        onClick={onSelect}
        onKeyDown={onKeyDown}
        role={onSelect ? 'button' : undefined}
        tabIndex={onSelect ? 0 : undefined}
        aria-pressed={onSelect ? selected : undefined}
        data-testid={testId}
        style={{
          height: '100%',
          borderColor: selected ? token.colorPrimary : undefined,
          boxShadow: selected ? `0 0 0 1px ${token.colorPrimary}` : undefined,
        }}
      >
        <Statistic title={title} value={value} styles={{ content: { color: colour, fontSize: token.fontSizeHeading3 } }} />
      </Card>
    </Tooltip>
  );
}
