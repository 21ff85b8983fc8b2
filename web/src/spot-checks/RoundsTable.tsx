import { Empty, Flex, Progress, Table, type TableColumnsType, Typography, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useBilingual, useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import { spotMessages } from './messages.ts';
import { RoundStateTag } from './RoundStateTag.tsx';
import type { Round, RoundList } from './spot-types.ts';

/** 抽查轮次: newest first, a page at a time; each opens its detail. */
export function RoundsTable({ page, loading, onPage }: { page: RoundList | undefined; loading: boolean; onPage: (page: number) => void }) {
  const t = useT(spotMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const columns: TableColumnsType<Round> = [
    { key: 'unit', title: t('colUnit'), width: 130, render: (_, r) => bilingual({ zh: r.checkerUnit.name, en: r.checkerUnit.nameEn }) },
    { key: 'period', title: t('colPeriod'), width: 210, render: (_, r) => t('periodText', { from: r.period.from, to: r.period.to }) },
    {
      key: 'progress',
      title: t('roundProgress'),
      width: 170,
      render: (_, r) => {
        const progress = t('progress', { checked: r.checkedCount, total: r.sampleSize });
        return (
          <Flex vertical gap={2} data-testid="spot-round-row-progress" data-checked={r.checkedCount} data-sampled={r.sampleSize}>
            <span>{progress}</span>
            <Progress
              percent={r.sampleSize > 0 ? Math.round((100 * r.checkedCount) / r.sampleSize) : 0}
              size="small"
              showInfo={false}
              aria-label={progress}
            />
          </Flex>
        );
      },
    },
    { key: 'state', title: t('colState'), width: 100, render: (_, r) => <RoundStateTag state={r.state} /> },
    {
      key: 'created',
      title: t('colCreated'),
      width: 200,
      render: (_, r) => (
        <Flex vertical gap={2} align="start">
          <span>{r.createdBy}</span>
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {formatDateTime(r.createdAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'completed', title: t('colCompleted'), width: 150, render: (_, r) => formatDateTime(r.completedAt) },
    {
      key: 'actions',
      title: t('colActions'),
      width: 80,
      render: (_, r) => (
        <Link
          to={`/spot-checks/rounds/${r.id}`}
          aria-label={t('viewRow', { unit: bilingual({ zh: r.checkerUnit.name, en: r.checkerUnit.nameEn }), from: r.period.from, to: r.period.to })}
        >
          {t('view')}
        </Link>
      ),
    },
  ];
  return (
    <Table<Round>
      size="middle"
      rowKey="id"
      data-testid="spot-rounds-table"
      columns={columns}
      dataSource={page?.items}
      loading={loading}
      scroll={{ x: 1040 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('roundsEmpty')} /> }}
      onRow={(r) => ({ 'data-round': r.id, 'data-state': r.state }) as HTMLAttributes<HTMLElement>}
      pagination={
        page && page.total > 0
          ? {
              current: page.page,
              pageSize: page.pageSize,
              total: page.total,
              showSizeChanger: false,
              showTotal: (total) => t('roundsTotal', { n: total }),
              onChange: onPage,
            }
          : false
      }
    />
  );
}
