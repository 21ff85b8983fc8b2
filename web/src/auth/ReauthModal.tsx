import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { onSessionExpired } from '../api/client.ts';
import { useT } from '../i18n/messages.ts';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import { authMessages } from './messages.ts';
import { signIn, useMe, useSignOut } from './session.ts';

/**
 * When the session ends while someone is working, the page stays where it is, with everything typed
 * into it, and this dialog asks for the password again. Only the same person may go on: signing in
 * as someone else leaves the page.
 */
export function ReauthModal() {
  const t = useT(authMessages);
  const describe = useErrorMessage();
  const me = useMe();
  const signOut = useSignOut();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ password: string }>();

  useEffect(() => onSessionExpired(() => setOpen(true)), []);

  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(me.username, password);
      form.resetFields();
      setOpen(false);
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    } catch (cause) {
      setError(describe(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('expiredTitle')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={[
        <Button key="switch" onClick={() => void signOut()}>
          {t('switchUser')}
        </Button>,
        <Button key="sign-in" type="primary" loading={busy} onClick={() => form.submit()}>
          {t('signIn')}
        </Button>,
      ]}
    >
      <Typography.Paragraph>{t('expiredBody')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item label={t('username')} htmlFor="reauth-username">
          <Input id="reauth-username" value={`${me.displayName}（${me.username}）`} disabled />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
