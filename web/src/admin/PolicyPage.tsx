import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Flex, Form, Skeleton, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { appMessages } from '../app/messages.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { Page } from '../shared/Page.tsx';
import { SettingsActions, useSettingsEditing } from '../shared/SettingsEditing.tsx';
import { POLICY_KEY, type SecurityPolicy } from './admin-data.ts';
import { type ActRequest, ConfirmActModal } from './ConfirmActModal.tsx';
import { adminMessages } from './messages.ts';
import { PolicyForm } from './PolicyForm.tsx';
import { useIntentKey } from '../shared/intent-key.ts';

/** The policy as the server compares it: the form's values in the schema's shape. */
function policyOf(values: SecurityPolicy): SecurityPolicy {
  return {
    password: {
      minLength: values.password.minLength,
      requiredClasses: values.password.requiredClasses ?? [],
      minClasses: values.password.minClasses,
    },
    lockout: {
      freeFailures: values.lockout.freeFailures,
      waitMinutes: values.lockout.waitMinutes,
      streakResetHours: values.lockout.streakResetHours,
      sourceBurst: values.lockout.sourceBurst,
      sourceIntervalSeconds: values.lockout.sourceIntervalSeconds,
    },
  };
}

/** 安全策略, for the security administrator: password rules and sign-in throttling, saved as a whole. */
export default function PolicyPage() {
  const t = useT(adminMessages);
  const tApp = useT(appMessages);
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const [form] = Form.useForm<SecurityPolicy>();
  const [request, setRequest] = useState<ActRequest | null>(null);
  const policy = useQuery({ queryKey: POLICY_KEY, queryFn: () => unwrap(api.GET('/api/admin/security-policy')) });
  const editing = useSettingsEditing(form, policy.data?.policy, policyOf);

  const askSave = async () => {
    const body = await editing.checked();
    if (!body) return;
    const intentName = JSON.stringify(body);
    setRequest({
      intent: intentName,
      title: t('policyConfirmTitle'),
      body: t('policyConfirmBody'),
      okText: t('policySave'),
      run: async () => {
        const saved = await unwrap(api.PUT('/api/admin/security-policy', { body, headers: { 'Idempotency-Key': intent.keyFor(intentName) } }));
        intent.done();
        queryClient.setQueryData(POLICY_KEY, saved);
        void message.success(t('policySaved'));
      },
    });
  };

  return (
    <Page
      title={t('policyTitle')}
      crumbs={[{ title: tApp('navAdmin') }, { title: t('policyTitle') }]}
      extra={<SettingsActions dirty={editing.dirty} saveText={t('policySave')} onSave={() => void askSave()} onReset={editing.reset} />}
    >
      {policy.isError ? (
        <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />
      ) : !policy.data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <>
          <Flex gap={token.marginSM} align="center" wrap>
            {policy.data.defaults ? (
              <Tag color="blue" data-testid="policy-defaults">
                {t('policyDefaults')}
              </Tag>
            ) : (
              <Typography.Text type="secondary" data-testid="policy-updated">
                {t('policyUpdated', { time: formatDateTime(policy.data.updatedAt) })}
              </Typography.Text>
            )}
          </Flex>
          {editing.dirty && <Alert type="warning" showIcon title={t('policyConfirmBody')} />}
          <PolicyForm form={form} onChange={editing.onChange} />
        </>
      )}
      <ConfirmActModal
        // A dialog of its own for each act: one reopened while the last one is still closing would miss a click.
        key={request?.intent ?? 'none'}
        request={request}
        onClose={() => {
          intent.done();
          setRequest(null);
        }}
      />
    </Page>
  );
}
