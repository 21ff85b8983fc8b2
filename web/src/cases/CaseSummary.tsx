import { EyeOutlined } from '@ant-design/icons';
import { Button, Descriptions, Space, Tooltip, Typography } from 'antd';
import { useBilingual, useT } from '../i18n/messages.ts';
import { Deadline } from '../shared/Deadline.tsx';
import { formatDateTime } from '../shared/format.ts';
import { type CaseView, currentDeadline } from './case-data.ts';
import type { RevealTarget } from './CaseFields.tsx';
import { useLevelLabel } from './level-label.ts';
import { caseMessages } from './messages.ts';

/** Who, what, where and how long: the facts a decider reads first, in one dense block. */
export function CaseSummary({
  kase,
  unitName,
  nameOf,
  onReveal,
}: {
  kase: CaseView;
  unitName: string;
  nameOf: (userId: string) => string;
  onReveal: (target: RevealTarget) => void;
}) {
  const t = useT(caseMessages);
  const bilingual = useBilingual();
  const levelLabel = useLevelLabel();
  const deadline = currentDeadline(kase);
  const applicantLabel = t('applicant');

  /** The time that matters now: a deadline while one runs, else when the case was decided or closed. */
  function timeItem() {
    if (deadline) {
      const label = deadline.kind === 'capture' ? t('captureDeadline') : t('approvalDeadline');
      return [{ key: 'deadline', label, children: <Deadline at={deadline.at} /> }];
    }
    if (kase.closedAt) return [{ key: 'closed', label: t('closedAt'), children: formatDateTime(kase.closedAt) }];
    if (kase.decidedAt) return [{ key: 'decided', label: t('decidedAt'), children: formatDateTime(kase.decidedAt) }];
    return [];
  }

  const items = [
    {
      key: 'subtype',
      label: t('subtype'),
      children: `${kase.subtype.code} ${bilingual({ zh: kase.subtype.name, en: kase.subtype.nameEn })}`,
    },
    {
      key: 'applicant',
      label: applicantLabel,
      children: (
        <Space size={4} wrap>
          <span data-testid="applicant-name">{kase.applicant.name}</span>
          <Typography.Text data-testid="applicant-id">{kase.applicant.idNumberMasked}</Typography.Text>
          {kase.canRevealId && (
            <Tooltip title={t('reveal')}>
              <Button
                type="link"
                size="small"
                icon={<EyeOutlined />}
                aria-label={t('revealFieldLabel', { label: applicantLabel })}
                data-testid="reveal-applicant"
                onClick={() => onReveal({ field: 'applicant', label: applicantLabel, masked: kase.applicant.idNumberMasked })}
              />
            </Tooltip>
          )}
        </Space>
      ),
    },
    ...timeItem(),
    { key: 'unit', label: t('unit'), children: unitName },
    {
      key: 'accepted',
      label: t('acceptedAt'),
      children: `${formatDateTime(kase.acceptedAt)} ${nameOf(kase.acceptedBy)}`,
    },
    {
      key: 'chain',
      label: t('chain'),
      children: kase.approvalChain.map((level) => levelLabel(level)).join(' → '),
    },
    ...(kase.applicantPhone ? [{ key: 'phone', label: t('phone'), children: kase.applicantPhone }] : []),
  ];

  return <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3, xxl: 4 }} items={items} data-testid="case-summary" />;
}
