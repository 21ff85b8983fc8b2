import { Button, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useBilingual, useT } from '../i18n/messages.ts';
import { formatDate, formatDateTime } from '../shared/format.ts';
import { spotMessages } from './messages.ts';
import type { RoundItem } from './spot-types.ts';

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** Why a case weighed what it did: the risk factors the draw used (docs/SPOT-CHECKS.md). */
function WeightCell({ item }: { item: RoundItem }) {
  const t = useT(spotMessages);
  const { token } = theme.useToken();
  const reasons = [
    item.risk.warnings > 0 ? t('riskWarnings', { n: item.risk.warnings }) : null,
    item.risk.subtypeReturnRate > 0 ? t('riskSubtype', { rate: percent(item.risk.subtypeReturnRate) }) : null,
    item.risk.officerReturnRate > 0 ? t('riskOfficer', { rate: percent(item.risk.officerReturnRate) }) : null,
  ].filter((r): r is string => r !== null);
  return (
    <Flex vertical gap={2} align="start">
      <Typography.Text strong={item.weight > 1}>{item.weight.toFixed(1)}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
        {reasons.length > 0 ? reasons.join('；') : t('weightPlain')}
      </Typography.Text>
    </Flex>
  );
}

function FindingCell({ item }: { item: RoundItem }) {
  const t = useT(spotMessages);
  const { token } = theme.useToken();
  if (!item.result) return <Tag data-result="none">{t('result_none')}</Tag>;
  return (
    <Flex vertical gap={2} align="start">
      <Tag color={item.result === 'pass' ? 'green' : 'red'} data-result={item.result} style={{ marginInlineEnd: 0 }}>
        {t(`result_${item.result}`)}
      </Tag>
      {item.note && <Typography.Text>{item.note}</Typography.Text>}
      {item.doubtful.map((d) => (
        <Typography.Text key={d.materialCode} type="warning">
          {t('doubtfulItem', { material: d.materialName, note: d.note })}
        </Typography.Text>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
        {t('checkedBy', { name: item.checkedBy ?? '', time: formatDateTime(item.checkedAt) })}
      </Typography.Text>
    </Flex>
  );
}

/** The sampled cases, riskiest first, each with its finding and, while the round is open, the act on it. */
export function SampleTable({ items, onRecord }: { items: RoundItem[]; onRecord?: (item: RoundItem) => void }) {
  const t = useT(spotMessages);
  const bilingual = useBilingual();
  const columns: TableColumnsType<RoundItem> = [
    { key: 'case', title: t('colCase'), width: 150, render: (_, i) => <Link to={`/cases/${i.case.id}`}>{i.case.caseNo}</Link> },
    { key: 'applicant', title: t('colApplicant'), width: 80, render: (_, i) => i.case.applicantName },
    { key: 'subtype', title: t('colSubtype'), width: 150, render: (_, i) => bilingual({ zh: i.case.subtype.name, en: i.case.subtype.nameEn }) },
    { key: 'station', title: t('colStation'), width: 110, render: (_, i) => i.case.stationName },
    { key: 'decided', title: t('colDecided'), width: 100, render: (_, i) => formatDate(i.decidedAt) },
    { key: 'weight', title: <Tooltip title={t('weightHelp')}>{t('colWeight')}</Tooltip>, width: 170, render: (_, i) => <WeightCell item={i} /> },
    { key: 'finding', title: t('colFinding'), render: (_, i) => <FindingCell item={i} /> },
  ];
  if (onRecord) {
    columns.push({
      key: 'actions',
      title: t('colActions'),
      width: 100,
      render: (_, i) => (
        <Button
          size="small"
          type={i.result ? 'default' : 'primary'}
          aria-label={t(i.result ? 'changeRow' : 'recordRow', { caseNo: i.case.caseNo })}
          onClick={() => onRecord(i)}
        >
          {t(i.result ? 'change' : 'record')}
        </Button>
      ),
    });
  }
  return (
    <Table<RoundItem>
      size="middle"
      rowKey={(i) => i.case.id}
      data-testid="spot-sample-table"
      columns={columns}
      dataSource={items}
      pagination={false}
      scroll={{ x: 1100 }}
      onRow={(i) => ({ 'data-case-no': i.case.caseNo, 'data-result': i.result ?? 'none' }) as HTMLAttributes<HTMLElement>}
    />
  );
}
