import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import type { StationPhone } from './sms-types.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { useIntentKey } from '../shared/intent-key.ts';
import { notifyMessages } from './messages.ts';

const PHONES_KEY = ['sms', 'station-phones'] as const;
const PHONE = /^(1\d{10}|0\d{9,11})$/;

/** The number each station is told on (approval, return); the system administrator sets it. */
export function StationPhones() {
  const t = useT(notifyMessages);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const [editing, setEditing] = useState<StationPhone | null>(null);
  const [form] = Form.useForm<{ phone: string }>();

  const phones = useQuery({ queryKey: PHONES_KEY, queryFn: () => unwrap(api.GET('/api/sms/station-phones')) });
  const save = useMutation({
    mutationFn: async ({ unitId, phone }: { unitId: string; phone: string | null }) => {
      const headers = { 'Idempotency-Key': intent.keyFor(`phone:${unitId}:${phone ?? ''}`) };
      const done = await unwrap(api.PUT('/api/sms/station-phones/{unitId}', { params: { path: { unitId } }, body: { phone }, headers }));
      intent.done();
      return done;
    },
    onSuccess: () => {
      void message.success(t('saved'));
      setEditing(null);
      void queryClient.invalidateQueries({ queryKey: PHONES_KEY });
    },
  });

  return (
    <>
      {phones.error && <ErrorAlert error={phones.error} onRetry={() => void phones.refetch()} />}
      <Table<StationPhone>
        rowKey="unitId"
        size="middle"
        loading={phones.isPending}
        dataSource={phones.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('colStation'), dataIndex: 'name' },
          {
            title: t('colPhone'),
            dataIndex: 'phone',
            render: (phone: string | null) => phone ?? <Typography.Text type="warning">{t('noPhone')}</Typography.Text>,
          },
          { title: t('colUpdated'), dataIndex: 'updatedAt', render: (at: string | null) => formatDateTime(at) },
          {
            key: 'act',
            width: 100,
            render: (_, station) => (
              <Button
                size="small"
                onClick={() => {
                  save.reset();
                  form.setFieldsValue({ phone: station.phone ?? '' });
                  setEditing(station);
                }}
              >
                {t('edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? t('editTitle', { station: editing.name }) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        {save.error && <ErrorAlert error={save.error} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={({ phone }) => editing && save.mutate({ unitId: editing.unitId, phone: phone.trim() === '' ? null : phone.trim() })}
        >
          <Form.Item
            name="phone"
            label={t('phoneLabel')}
            extra={t('phoneClearHint')}
            rules={[
              {
                validator: async (_, value: string) =>
                  !value?.trim() || PHONE.test(value.trim()) ? undefined : Promise.reject(new Error(t('phoneInvalid'))),
              },
            ]}
          >
            <Input inputMode="numeric" maxLength={12} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
