import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useIntentKey } from '../shared/intent-key.ts';
import { unwrap } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import { authMessages } from './messages.ts';

interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The password change form; the server checks the policy and says which rule a new password breaks. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const t = useT(authMessages);
  const describe = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<PasswordChange>();
  // One idempotency key per change asked for: a retry after a lost answer reuses it.
  const intent = useIntentKey();

  const submit = async ({ currentPassword, newPassword }: PasswordChange) => {
    setBusy(true);
    setError(null);
    const passwords = JSON.stringify([currentPassword, newPassword]);
    try {
      await unwrap(
        api.POST('/api/auth/password', { body: { currentPassword, newPassword }, headers: { 'Idempotency-Key': intent.keyFor(passwords) } }),
      );
      intent.done();
      form.resetFields();
      onChanged();
    } catch (cause) {
      setError(describe(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<PasswordChange> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} style={{ maxWidth: 400 }}>
      <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true, message: t('passwordRequired') }]}>
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, message: t('passwordRequired') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('passwordRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('passwordsDiffer'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('changePassword')}
      </Button>
    </Form>
  );
}
