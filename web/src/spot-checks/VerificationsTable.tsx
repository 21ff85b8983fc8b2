import { Button, Empty, Flex, Table, type TableColumnsType, Tag, Typography, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useBilingual, useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import { spotMessages } from './messages.ts';
import { isLate, type Verification } from './spot-types.ts';

const STATE_COLOURS: Record<Verification['state'], string> = { requested: 'blue', overdue: 'red', answered: 'green' };

export function VerificationStateTag({ state }: { state: Verification['state'] }) {
  const t = useT(spotMessages);
  return (
    <Tag color={STATE_COLOURS[state]} data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`vstate_${state}`)}
    </Tag>
  );
}

/** The station's answer, or nothing yet; an answer given after the deadline says so. */
function AnswerCell({ v }: { v: Verification }) {
  const t = useT(spotMessages);
  const { token } = theme.useToken();
  if (!v.answer) return null;
  const late = v.escalatedAt !== null || (v.answeredAt !== null && Date.parse(v.answeredAt) > Date.parse(v.dueAt));
  return (
    <Flex vertical gap={2} align="start">
      <Tag color={v.answer === 'consistent' ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
        {t(`answer_${v.answer}`)}
      </Tag>
      {v.answerNote && <Typography.Text>{v.answerNote}</Typography.Text>}
      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
        {t('answeredBy', { name: v.answeredBy ?? '', time: formatDateTime(v.answeredAt) })}
        {late && `（${t('answeredLate')}）`}
      </Typography.Text>
    </Flex>
  );
}

/** 纸质材料核实: what is doubted, where, by when (late in red), and the station's answer. */
export function VerificationsTable({
  items,
  loading,
  emptyText,
  showStation,
  onAnswer,
}: {
  items: Verification[] | undefined;
  loading: boolean;
  emptyText: string;
  showStation: boolean;
  onAnswer?: (v: Verification) => void;
}) {
  const t = useT(spotMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const small = { fontSize: token.fontSizeSM };

  const columns: TableColumnsType<Verification> = [
    {
      key: 'case',
      title: t('colVCase'),
      width: 180,
      render: (_, v) => (
        <Flex vertical gap={2} align="start">
          <Link to={`/cases/${v.case.id}`}>{v.case.caseNo}</Link>
          <Typography.Text type="secondary" style={small}>
            {`${v.case.applicantName} · ${bilingual({ zh: v.case.subtype.name, en: v.case.subtype.nameEn })}`}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'material',
      title: t('colVMaterial'),
      render: (_, v) => (
        <Flex vertical gap={2} align="start">
          <Typography.Text strong>{v.material.name}</Typography.Text>
          <Typography.Text>{v.doubt}</Typography.Text>
        </Flex>
      ),
    },
    ...(showStation
      ? [
          {
            key: 'station',
            title: t('colVStation'),
            width: 120,
            render: (_: unknown, v: Verification) => bilingual({ zh: v.station.name, en: v.station.nameEn }),
          },
        ]
      : []),
    {
      key: 'requested',
      title: t('colVRequested'),
      width: 200,
      render: (_, v) => (
        <Flex vertical gap={2} align="start">
          <span>{v.checkerUnitName}</span>
          <Typography.Text type="secondary" style={small}>
            {t('requestedBy', { name: v.requestedBy, time: formatDateTime(v.requestedAt) })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'due',
      title: t('colVDue'),
      width: 150,
      render: (_, v) =>
        isLate(v) ? (
          <Flex vertical gap={2} align="start" data-overdue="true">
            <Typography.Text type="danger" strong>
              {formatDateTime(v.dueAt)}
            </Typography.Text>
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('overdueTag')}
            </Tag>
          </Flex>
        ) : (
          formatDateTime(v.dueAt)
        ),
    },
    { key: 'state', title: t('colVState'), width: 90, render: (_, v) => <VerificationStateTag state={v.state} /> },
    { key: 'answer', title: t('colVAnswer'), width: 220, render: (_, v) => <AnswerCell v={v} /> },
  ];
  if (onAnswer) {
    columns.push({
      key: 'actions',
      title: t('colActions'),
      width: 90,
      render: (_, v) =>
        v.canAnswer &&
        v.state !== 'answered' && (
          <Button
            size="small"
            type="primary"
            autoInsertSpace={false}
            aria-label={t('answerRow', { caseNo: v.case.caseNo, material: v.material.name })}
            onClick={() => onAnswer(v)}
          >
            {t('answer')}
          </Button>
        ),
    });
  }

  return (
    <Table<Verification>
      size="middle"
      rowKey="id"
      data-testid="paper-verifications-table"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      onRow={(v) => ({ 'data-case-no': v.case.caseNo, 'data-state': v.state, 'data-overdue': String(isLate(v)) }) as HTMLAttributes<HTMLElement>}
    />
  );
}
