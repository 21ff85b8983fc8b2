import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Skeleton, Table, Tag, Typography, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { spotMessages } from './messages.ts';
import { type QuotaRow, SPOT_KEY } from './spot-types.ts';

/** 抽查完成情况: each checking unit in sight and whether it has done its round this period; those behind stand out. */
export function QuotaPanel() {
  const t = useT(spotMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const quota = useQuery({ queryKey: [...SPOT_KEY, 'quota'], queryFn: () => unwrap(api.GET('/api/spot-checks/quota')) });
  if (quota.isPending) return <Skeleton active />;
  if (quota.isError) return <ErrorAlert error={quota.error} onRetry={() => void quota.refetch()} />;
  const units = quota.data.units;
  const behind = units.filter((u) => u.behind).length;
  const periodOf = (kind: 'branch' | 'city') => units.find((u) => u.unit.kind === kind)?.period;
  const branchPeriod = periodOf('branch') ?? 'week';
  const cityPeriod = periodOf('city') ?? 'month';

  return (
    <Flex vertical gap={token.marginSM} data-testid="spot-quota">
      <Typography.Text type="secondary">{t('quotaRule', { branch: t(`period_${branchPeriod}`), city: t(`period_${cityPeriod}`) })}</Typography.Text>
      {behind > 0 ? (
        <Alert type="warning" showIcon title={t('quotaBehind', { n: behind })} />
      ) : (
        <Alert type="success" showIcon title={t('quotaAllDone')} />
      )}
      <Card size="small">
        <Table<QuotaRow>
          size="middle"
          rowKey={(row) => row.unit.id}
          pagination={false}
          dataSource={units}
          onRow={(row) =>
            ({
              'data-unit': row.unit.name,
              'data-behind': String(row.behind),
              style: row.behind ? { background: token.colorErrorBg } : undefined,
            }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            { key: 'unit', title: t('colQuotaUnit'), render: (_, row) => bilingual({ zh: row.unit.name, en: row.unit.nameEn }) },
            {
              key: 'period',
              title: t('colQuotaPeriod'),
              width: 230,
              render: (_, row) => t('quotaPeriodText', { kind: t(`kind_${row.period}`), from: row.periodFrom, to: row.periodTo }),
            },
            { key: 'done', title: t('colQuotaDone'), width: 120, align: 'right', render: (_, row) => row.completedThisPeriod },
            {
              key: 'last',
              title: t('colQuotaLast'),
              width: 150,
              render: (_, row) =>
                row.lastCompletedAt ? formatDateTime(row.lastCompletedAt) : <Typography.Text type="secondary">{t('never')}</Typography.Text>,
            },
            {
              key: 'state',
              title: t('colQuotaState'),
              width: 120,
              render: (_, row) => (
                <Tag color={row.behind ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>
                  {row.behind ? t('behind') : t('onTrack')}
                </Tag>
              ),
            },
            {
              key: 'overdue',
              title: t('colQuotaOverdue'),
              width: 150,
              align: 'right',
              render: (_, row) =>
                row.overdueVerifications > 0 ? (
                  <Typography.Text type="danger" strong>
                    {row.overdueVerifications}
                  </Typography.Text>
                ) : (
                  0
                ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
