import { CameraOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
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
  onViewPortrait,
}: {
  kase: CaseView;
  unitName: string;
  nameOf: (userId: string) => string;
  onReveal: (target: RevealTarget) => void;
  onViewPortrait: () => void;
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

  /** What a reader should know about the pages before reading them: 补录, late, unresolved quality, reuse. */
  function captureItem() {
    const { supplementPages, latePages, qualityUnresolved, reusedPages } = kase.capture;
    const tags = [
      supplementPages > 0 && { key: 'supplement', color: 'cyan', text: t('captureSupplement', { n: supplementPages }) },
      latePages > 0 && { key: 'late', color: 'error', text: t('captureLate', { n: latePages }) },
      qualityUnresolved > 0 && { key: 'quality', color: 'gold', text: t('captureQuality', { n: qualityUnresolved }) },
      reusedPages > 0 && { key: 'reuse', color: 'gold', text: t('captureReused', { n: reusedPages }) },
    ].filter((tag) => tag !== false);
    if (tags.length === 0) return [];
    const children = (
      <Space size={4} wrap data-testid="capture-notes">
        {tags.map((tag) => (
          <Tag key={tag.key} color={tag.color} style={{ margin: 0 }} data-note={tag.key}>
            {tag.text}
          </Tag>
        ))}
      </Space>
    );
    return [{ key: 'capture', label: t('captureNotes'), children }];
  }

  const portrait = kase.portrait;
  const portraitItem = {
    key: 'portrait',
    label: t('portrait'),
    children: portrait ? (
      <Space size={4} wrap data-testid="portrait-state">
        <Typography.Text>{t('portraitTakenShort', { name: nameOf(portrait.capturedBy), time: formatDateTime(portrait.capturedAt) })}</Typography.Text>
        <Button size="small" icon={<CameraOutlined />} onClick={onViewPortrait} data-testid="view-portrait">
          {t('portraitView')}
        </Button>
      </Space>
    ) : (
      <Typography.Text type="secondary" data-testid="portrait-state">
        {t('portraitNone')}
      </Typography.Text>
    ),
  };

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
    portraitItem,
    ...captureItem(),
  ];

  return <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3, xxl: 4 }} items={items} data-testid="case-summary" />;
}
