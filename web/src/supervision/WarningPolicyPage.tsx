import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Form, Skeleton, Tag, Typography, theme } from 'antd';
import type { RuleCode } from '../../../server/modules/supervision/rules/rule-codes.ts';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { Page } from '../shared/Page.tsx';
import { SettingsActions, useSettingsEditing, useSettingsSave } from '../shared/SettingsEditing.tsx';
import { supervisionMessages } from './messages.ts';
import { policyOf, WARNING_POLICY_KEY, type WarningPolicy } from './warning-policy.ts';
import { WarningPolicyForm } from './WarningPolicyForm.tsx';

/**
 * 预警设置: each warning rule on or off and its hours of grace, saved as a whole by a city supervisor
 * (the server says who may: canUpdate); the other readers of warnings see the same page read-only.
 * A refusal shows in the confirmation with everything typed kept; a save leaves raised warnings be.
 */
export default function WarningPolicyPage() {
  const t = useT(supervisionMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const [form] = Form.useForm<WarningPolicy>();
  const view = useQuery({ queryKey: WARNING_POLICY_KEY, queryFn: () => unwrap(api.GET('/api/supervision/policy')) });
  const editing = useSettingsEditing(form, view.data?.policy, policyOf);
  const canUpdate = view.data?.canUpdate ?? false;
  const { askSave, dialog } = useSettingsSave(editing.checked, {
    queryKey: WARNING_POLICY_KEY,
    put: (body, key) => unwrap(api.PUT('/api/supervision/policy', { body, headers: { 'Idempotency-Key': key } })),
    texts: { title: t('policyConfirmTitle'), body: t('policyConfirmBody'), okText: t('policySave'), saved: t('policySaved') },
  });

  const ruleName = (code: RuleCode) => bilingual(view.data?.rules.find((rule) => rule.code === code)?.name) || code;
  const data = view.data;

  return (
    <Page
      title={t('policyTitle')}
      crumbs={[{ title: t('pageTitle'), path: '/warnings' }, { title: t('policyTitle') }]}
      extra={canUpdate && <SettingsActions dirty={editing.dirty} saveText={t('policySave')} onSave={() => void askSave()} onReset={editing.reset} />}
    >
      {view.isError ? (
        <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />
      ) : !data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <>
          <Flex gap={token.marginSM} align="center" wrap>
            <Typography.Text type="secondary">{t('policyIntro')}</Typography.Text>
            {data.defaults ? (
              <Tag color="blue" data-testid="warning-policy-defaults">
                {t('policyDefaults')}
              </Tag>
            ) : (
              <Tag data-testid="warning-policy-updated">
                {data.updatedByName
                  ? t('policyUpdated', { name: data.updatedByName, time: formatDateTime(data.updatedAt) })
                  : t('policyUpdatedAt', { time: formatDateTime(data.updatedAt) })}
              </Tag>
            )}
          </Flex>
          {!canUpdate && <Alert type="info" showIcon title={t('policyReadOnly')} data-testid="warning-policy-read-only" />}
          {editing.dirty && <Alert type="warning" showIcon title={t('policyPending')} />}
          <WarningPolicyForm form={form} ruleName={ruleName} readOnly={!canUpdate} onChange={editing.onChange} />
        </>
      )}
      {dialog}
    </Page>
  );
}
