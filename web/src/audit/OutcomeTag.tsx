import { Tag, Tooltip } from 'antd';
import { useAuditLabels } from './labels.ts';

/** Red for a refusal of either kind, what the audit administrator looks for first; the ordinary stays grey. */
export function OutcomeTag({ outcome }: { outcome: string }) {
  const labels = useAuditLabels();
  return (
    <Tooltip title={labels.outcomeHint(outcome)}>
      <Tag color={outcome === 'ok' ? 'default' : 'red'} data-outcome={outcome}>
        {labels.outcome(outcome)}
      </Tag>
    </Tooltip>
  );
}
