import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Skeleton, Tag, Tooltip, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { appMessages } from '../app/messages.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { Page } from '../shared/Page.tsx';
import { useShortcuts } from '../shared/keyboard.ts';
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
  const [dirty, setDirty] = useState(false);
  const [request, setRequest] = useState<ActRequest | null>(null);
  const policy = useQuery({ queryKey: POLICY_KEY, queryFn: () => unwrap(api.GET('/api/admin/security-policy')) });
  const loaded = policy.data?.policy;

  useEffect(() => {
    if (!loaded) return;
    form.setFieldsValue(loaded);
    setDirty(false);
  }, [loaded, form]);

  const updateDirty = () => setDirty(JSON.stringify(policyOf(form.getFieldsValue(true) as SecurityPolicy)) !== JSON.stringify(loaded));

  const askSave = async () => {
    if (!dirty) return;
    try {
      await form.validateFields({ recursive: true });
    } catch {
      return; // The form shows what is wrong beside each field.
    }
    const body = policyOf(form.getFieldsValue(true) as SecurityPolicy);
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
  useShortcuts({ 'Alt+KeyS': () => void askSave() });

  const saveButton = (
    <Tooltip title={dirty ? t('policySaveShortcut') : t('policyUnchanged')}>
      <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} onClick={() => void askSave()}>
        {t('policySave')}
      </Button>
    </Tooltip>
  );

  return (
    <Page
      title={t('policyTitle')}
      crumbs={[{ title: tApp('navAdmin') }, { title: t('policyTitle') }]}
      extra={
        <>
          <Button
            icon={<UndoOutlined />}
            disabled={!dirty}
            onClick={() => {
              if (loaded) form.setFieldsValue(loaded);
              setDirty(false);
            }}
          >
            {t('policyReset')}
          </Button>
          {saveButton}
        </>
      }
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
          {dirty && <Alert type="warning" showIcon title={t('policyConfirmBody')} />}
          <PolicyForm form={form} onChange={updateDirty} />
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
