import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import type { Sms } from './sms-types.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { useIntentKey } from '../shared/intent-key.ts';
import { notifyMessages } from './messages.ts';
import { type SmsState, SmsStateTag } from './SmsStateTag.tsx';

const STATES: SmsState[] = ['queued', 'sending', 'sent', 'delivered', 'failed'];
const PAGE_SIZE = 20;
const SMS_KEY = ['sms'] as const;

/** The texts in sight, newest first, filtered by state (kept in the address); 重新发送 for a failed one. */
export function SmsMessagesTable() {
  const t = useT(notifyMessages);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const [params, setParams] = useSearchParams();
  const state = (STATES as string[]).includes(params.get('state') ?? '') ? (params.get('state') as SmsState) : undefined;
  const [page, setPage] = useState(1);

  const list = useQuery({
    queryKey: [...SMS_KEY, state, page],
    queryFn: () => unwrap(api.GET('/api/sms', { params: { query: { state, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const retry = useMutation({
    mutationFn: async (sms: Sms) => {
      const headers = { 'Idempotency-Key': intent.keyFor(`retry:${sms.id}`) };
      const done = await unwrap(api.POST('/api/sms/{id}/retry', { params: { path: { id: sms.id } }, headers }));
      intent.done();
      return done;
    },
    onSuccess: () => void message.success(t('retried')),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: SMS_KEY }),
  });

  const canRetry = list.data?.canRetry ?? false;
  return (
    <Flex vertical gap="middle">
      {list.data && <Alert type="info" showIcon message={t(list.data.gateway === 'local' ? 'gatewayLocal' : 'gatewaySmpp')} />}
      <Flex justify="space-between" align="center">
        <Space>
          <span>{t('state')}</span>
          <Select
            style={{ width: 140 }}
            value={state ?? 'all'}
            aria-label={t('state')}
            options={[{ value: 'all', label: t('stateAll') }, ...STATES.map((s) => ({ value: s, label: t(`state_${s}`) }))]}
            onChange={(value) => {
              setPage(1);
              setParams(value === 'all' ? {} : { state: value });
            }}
          />
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending}>
          {t('refresh')}
        </Button>
      </Flex>
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {retry.error && <ErrorAlert error={retry.error} />}
      <Table<Sms>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('colTime'), dataIndex: 'createdAt', width: 160, render: (at: string) => formatDateTime(at) },
          {
            title: t('colTo'),
            key: 'to',
            width: 150,
            render: (_, sms) => (
              <Flex vertical>
                <span>{sms.toMasked || t('noPhone')}</span>
                <Typography.Text type="secondary">
                  {t(`recipient_${sms.recipient}`)} · {sms.unit.name}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('colText'),
            dataIndex: 'text',
            render: (text: string, sms) => (
              <Flex vertical gap={4}>
                <span>{text}</span>
                {sms.case && (
                  <Typography.Text type="secondary">
                    {t('colCase')}：<Link to={`/cases/${sms.case.id}`}>{sms.case.caseNo}</Link>
                  </Typography.Text>
                )}
                {sms.lastError && sms.state !== 'delivered' && <Typography.Text type="danger">{sms.lastError}</Typography.Text>}
              </Flex>
            ),
          },
          {
            title: t('colState'),
            key: 'state',
            width: 170,
            render: (_, sms) => (
              <Flex vertical gap={4} align="flex-start">
                <SmsStateTag state={sms.state} />
                {sms.state === 'queued' && sms.nextAttemptAt && (
                  <Typography.Text type="secondary">{t('nextAttempt', { time: formatDateTime(sms.nextAttemptAt) })}</Typography.Text>
                )}
                {sms.deliveredAt && <Typography.Text type="secondary">{t('deliveredAt', { time: formatDateTime(sms.deliveredAt) })}</Typography.Text>}
              </Flex>
            ),
          },
          { title: t('colAttempts'), dataIndex: 'attempts', width: 90, align: 'right' },
          ...(canRetry
            ? [
                {
                  key: 'act',
                  width: 110,
                  render: (_: unknown, sms: Sms) =>
                    sms.state === 'failed' && sms.toMasked ? (
                      <Popconfirm
                        title={t('retryConfirm')}
                        description={sms.lastError?.includes('发送结果不明') ? t('retryUnknown') : undefined}
                        onConfirm={() => retry.mutate(sms)}
                      >
                        <Button size="small" loading={retry.isPending && retry.variables?.id === sms.id}>
                          {t('retry')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}
