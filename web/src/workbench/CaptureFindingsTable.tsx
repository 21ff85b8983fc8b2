import { Empty, Flex, Table, Typography, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import { useUnitName } from '../shared/units.ts';
import { workbenchMessages } from './messages.ts';
import type { CaptureFindings } from './workbench-data.ts';

type UnitRow = CaptureFindings['byUnit'][number];

/** All that capture found and a supervisor follows up, summed over the units in scope. */
export function findingsTotal(findings: CaptureFindings): number {
  return findings.byUnit.reduce((sum, row) => sum + row.supplementPages + row.latePages + row.qualityOverrides + row.reusedPages, 0);
}

/**
 * For the supervisor: per unit, the pages captured this month and how many came as 补录, came late,
 * were kept despite quality warnings, or repeat a page of another person's case.
 */
export function CaptureFindingsTable({ findings }: { findings: CaptureFindings }) {
  const t = useT(workbenchMessages);
  const { token } = theme.useToken();
  const unitName = useUnitName();
  const count = (n: number, tone: 'warning' | 'danger') => (
    <Typography.Text type={n > 0 ? tone : 'secondary'} strong={n > 0}>
      {n}
    </Typography.Text>
  );
  return (
    <Flex vertical gap={token.marginXS}>
      <Typography.Text type="secondary" data-testid="findings-since">
        {t('findingsSince', { date: formatDateTime(findings.since).slice(0, 10) })}
      </Typography.Text>
      <Table<UnitRow>
        size="middle"
        rowKey={(row) => row.unit.id}
        data-testid="workbench-table-findings"
        dataSource={findings.byUnit}
        pagination={false}
        columns={[
          { key: 'unit', title: t('colUnitName'), render: (_, row) => unitName(row.unit) },
          { key: 'pages', title: t('colPages'), width: 120, align: 'right', render: (_, row) => row.pages },
          {
            key: 'supplement',
            title: t('colSupplementPages'),
            width: 120,
            align: 'right',
            render: (_, row) => count(row.supplementPages, 'warning'),
          },
          { key: 'late', title: t('colLatePages'), width: 120, align: 'right', render: (_, row) => count(row.latePages, 'warning') },
          {
            key: 'override',
            title: t('colQualityOverrides'),
            width: 140,
            align: 'right',
            render: (_, row) => count(row.qualityOverrides, 'warning'),
          },
          { key: 'reuse', title: t('colReusedPages'), width: 140, align: 'right', render: (_, row) => count(row.reusedPages, 'danger') },
        ]}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty_findings')} />,
        }}
      />
    </Flex>
  );
}
