import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Skeleton, Table, Typography, theme } from 'antd';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDate, formatDateTime } from '../shared/format.ts';
import { paperMessages } from './messages.ts';
import { PaperFilesTable } from './PaperFilesTable.tsx';
import { PAPER_KEY, type OverdueReport as Report } from './paper-types.ts';

type UnitRow = Report['units'][number] & { children?: UnitRow[] };

/** The units as a tree (city > branch > station), each with the counts of everything under it. */
function unitTree(units: Report['units']): UnitRow[] {
  const byParent = new Map<string | null, Report['units']>();
  const ids = new Set(units.map((unit) => unit.id));
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), unit]);
  }
  const build = (parent: string | null): UnitRow[] =>
    (byParent.get(parent) ?? []).map((unit) => {
      const children = build(unit.id);
      return children.length > 0 ? { ...unit, children } : unit;
    });
  return build(null);
}

/** 逾期未装订: per unit, what awaits binding and what is late; then the late files, oldest first. */
export function OverdueReport() {
  const t = useT(paperMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const report = useQuery({ queryKey: [...PAPER_KEY, 'overdue'], queryFn: () => unwrap(api.GET('/api/paper-archive/overdue')) });
  if (report.isPending) return <Skeleton active />;
  if (report.isError) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  const data = report.data;
  const tree = unitTree(data.units);
  return (
    <Flex vertical gap={token.margin} data-testid="paper-overdue-report">
      <Typography.Text type="secondary">
        {t('reportAsOf', { time: formatDateTime(data.asOf), before: formatDate(data.overdueBefore) })}
      </Typography.Text>
      <Card size="small" title={t('reportUnits')}>
        <Table<UnitRow>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={tree}
          expandable={{ defaultExpandAllRows: true }}
          columns={[
            { title: t('colUnit'), key: 'name', render: (_, unit) => bilingual({ zh: unit.name, en: unit.nameEn }) },
            { title: t('colPending'), dataIndex: 'pending', width: 120, align: 'right' },
            {
              title: t('colOverdue'),
              dataIndex: 'overdue',
              width: 120,
              align: 'right',
              render: (n: number) =>
                n > 0 ? (
                  <Typography.Text type="danger" strong>
                    {n}
                  </Typography.Text>
                ) : (
                  n
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('reportItems', { n: data.total })}>
        {data.total === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reportEmpty')} />
        ) : (
          <PaperFilesTable
            page={{ items: data.items, total: data.items.length, page: 1, pageSize: Math.max(data.items.length, 1), bindDay: data.bindDay }}
            loading={report.isFetching}
            emptyText={t('reportEmpty')}
            showStation
          />
        )}
      </Card>
    </Flex>
  );
}
