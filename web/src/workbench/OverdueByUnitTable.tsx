import { Empty, Flex, Table, Typography, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { workbenchMessages } from './messages.ts';
import type { OverdueByUnit } from './workbench-data.ts';
import { useUnitName } from '../shared/units.ts';

type UnitRow = OverdueByUnit[number];

/** For the supervisor: which units in scope have overdue work, and how much of each kind. */
export function OverdueByUnitTable({ rows }: { rows: OverdueByUnit }) {
  const t = useT(workbenchMessages);
  const { token } = theme.useToken();
  const unitName = useUnitName();
  const count = (n: number) => (
    <Typography.Text type={n > 0 ? 'danger' : 'secondary'} strong={n > 0}>
      {n}
    </Typography.Text>
  );
  return (
    <Table<UnitRow>
      size="middle"
      rowKey={(row) => row.unit.id}
      data-testid="workbench-table-byUnit"
      dataSource={rows}
      pagination={false}
      columns={[
        { key: 'unit', title: t('colUnitName'), render: (_, row) => unitName(row.unit) },
        { key: 'approval', title: t('colApprovalOverdue'), width: 180, align: 'right', render: (_, row) => count(row.approvalOverdue) },
        { key: 'capture', title: t('colCaptureOverdue'), width: 180, align: 'right', render: (_, row) => count(row.captureOverdue) },
      ]}
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Flex vertical gap={token.marginXXS}>
                <Typography.Text strong>{t('empty_byUnit')}</Typography.Text>
                <Typography.Text type="secondary">{t('emptyHint_supervision')}</Typography.Text>
              </Flex>
            }
          />
        ),
      }}
    />
  );
}
