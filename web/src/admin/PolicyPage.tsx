import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Form, Skeleton, Tag, Typography, theme } from 'antd';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { appMessages } from '../app/messages.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { Page } from '../shared/Page.tsx';
import { SettingsActions, useSettingsEditing, useSettingsSave } from '../shared/SettingsEditing.tsx';
import { POLICY_KEY, type SecurityPolicy } from './admin-data.ts';
import { adminMessages } from './messages.ts';
import { PolicyForm } from './PolicyForm.tsx';

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
  const [form] = Form.useForm<SecurityPolicy>();
  const policy = useQuery({ queryKey: POLICY_KEY, queryFn: () => unwrap(api.GET('/api/admin/security-policy')) });
  const editing = useSettingsEditing(form, policy.data?.policy, policyOf);
  const { askSave, dialog } = useSettingsSave(editing.checked, {
    queryKey: POLICY_KEY,
    put: (body, key) => unwrap(api.PUT('/api/admin/security-policy', { body, headers: { 'Idempotency-Key': key } })),
    texts: { title: t('policyConfirmTitle'), body: t('policyConfirmBody'), okText: t('policySave'), saved: t('policySaved') },
  });

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
      {dialog}
    </Page>
  );
}
