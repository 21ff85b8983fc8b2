import { Typography } from 'antd';
import { Fragment } from 'react';
import { useT } from '../i18n/messages.ts';
import { sharedMessages } from '../shared/messages.ts';
import type { ApprovalLevel } from './catalog.ts';

const LEVEL_LABELS = { station: 'stationLevel', branch: 'branchLevel', city: 'cityLevel' } as const;

/** Who decides after the station submits, in order: 派出所 › 分局 › 市局. */
export function ApprovalChain({ chain }: { chain: readonly ApprovalLevel[] }) {
  const t = useT(sharedMessages);
  return (
    <Typography.Text>
      {chain.map((level, index) => (
        <Fragment key={level}>
          {index > 0 && <Typography.Text type="secondary"> › </Typography.Text>}
          {t(LEVEL_LABELS[level])}
        </Fragment>
      ))}
    </Typography.Text>
  );
}
