import { WarningOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, type TableColumnsType, Tag, Typography, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useBilingual, useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import { supervisionMessages } from './messages.ts';
import type { Warning, WarningAct } from './warning-filter.ts';
import { useWarningText } from './warning-text.ts';
import { WarningStateTag } from './WarningStateTag.tsx';

/** What the table needs of a page of the list. */
export interface WarningPage {
  items: Warning[];
  total: number;
  page: number;
  pageSize: number;
}

/** Who took it on and, once resolved, how: under the state tag. */
function StateCell({ warning }: { warning: Warning }) {
  const t = useT(supervisionMessages);
  const { token } = theme.useToken();
  const small = { fontSize: token.fontSizeSM };
  return (
    <Flex vertical gap={2} align="start">
      <WarningStateTag state={warning.state} />
      {warning.resolved ? (
        <>
          <Typography.Text type="secondary" style={small}>
            {t('resolvedBy', { name: warning.resolved.by.name, time: formatDateTime(warning.resolved.at) })}
          </Typography.Text>
          <Typography.Text style={small}>{t('resolvedNote', { note: warning.resolved.note })}</Typography.Text>
        </>
      ) : (
        warning.acknowledged && (
          <Typography.Text type="secondary" style={small}>
            {t('acknowledgedBy', { name: warning.acknowledged.by.name, time: formatDateTime(warning.acknowledged.at) })}
          </Typography.Text>
        )
      )}
    </Flex>
  );
}

/** 预警 list: dense, a page at a time from the server, each row's acts as this person may do them now. */
export function WarningsTable({
  page,
  loading,
  emptyText,
  busy,
  onPage,
  onAct,
}: {
  page: WarningPage | undefined;
  loading: boolean;
  emptyText: string;
  busy: boolean;
  onPage: (page: number) => void;
  onAct: (warning: Warning, act: WarningAct) => void;
}) {
  const t = useT(supervisionMessages);
  const bilingual = useBilingual();
  const describe = useWarningText();

  const columns: TableColumnsType<Warning> = [
    {
      key: 'rule',
      title: t('colRule'),
      width: 150,
      render: (_, w) => (
        <Tag icon={<WarningOutlined />} data-rule={w.rule} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
          {bilingual(w.ruleName)}
        </Tag>
      ),
    },
    {
      key: 'case',
      title: t('colCase'),
      width: 140,
      render: (_, w) =>
        w.case ? <Link to={`/cases/${w.case.id}`}>{w.case.caseNo}</Link> : <Typography.Text type="secondary">{t('noCase')}</Typography.Text>,
    },
    { key: 'applicant', title: t('colApplicant'), width: 90, render: (_, w) => w.case?.applicantName ?? '' },
    { key: 'unit', title: t('colUnit'), width: 120, render: (_, w) => bilingual({ zh: w.unit.name, en: w.unit.nameEn }) },
    // What was found, in full: the sentence is the point of the row, so it wraps rather than hides.
    { key: 'what', title: t('colWhat'), render: (_, w) => describe(w) },
    { key: 'raisedAt', title: t('colRaisedAt'), width: 130, render: (_, w) => formatDateTime(w.raisedAt) },
    { key: 'state', title: t('colState'), width: 140, render: (_, w) => <StateCell warning={w} /> },
    {
      key: 'actions',
      title: t('colActions'),
      width: 120,
      render: (_, w) => {
        const names = { rule: bilingual(w.ruleName), caseNo: w.case?.caseNo ?? '' };
        return (
          <Flex gap={4} wrap>
            {w.allowedActs.includes('acknowledge') && (
              <Button
                size="small"
                autoInsertSpace={false}
                disabled={busy}
                aria-label={t('acknowledgeRow', names)}
                onClick={() => onAct(w, 'acknowledge')}
              >
                {t('acknowledge')}
              </Button>
            )}
            {w.allowedActs.includes('resolve') && (
              <Button size="small" type="primary" disabled={busy} aria-label={t('resolveRow', names)} onClick={() => onAct(w, 'resolve')}>
                {t('resolve')}
              </Button>
            )}
          </Flex>
        );
      },
    },
  ];

  return (
    <Table<Warning>
      size="middle"
      rowKey="id"
      data-testid="warnings-table"
      columns={columns}
      dataSource={page?.items}
      loading={loading}
      scroll={{ x: 1090 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      onRow={(w) => ({ 'data-state': w.state }) as HTMLAttributes<HTMLElement>}
      pagination={
        page && page.total > 0
          ? {
              current: page.page,
              pageSize: page.pageSize,
              total: page.total,
              showSizeChanger: false,
              showTotal: (total) => t('total', { n: total }),
              onChange: onPage,
            }
          : false
      }
    />
  );
}
