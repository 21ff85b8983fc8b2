import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { onSessionExpired } from '../api/client.ts';
import { useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { authMessages } from './messages.ts';
import { signIn, useMe, useSignOut } from './session.ts';

/**
 * When the session ends while someone is working, the page stays where it is, with everything typed
 * into it, and this dialog asks for the password again. Only the same person may go on: signing in
 * as someone else leaves the page.
 */
export function ReauthModal() {
  const t = useT(authMessages);
  const me = useMe();
  const signOut = useSignOut();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);

  useEffect(() => onSessionExpired(() => setOpen(true)), []);

  const submit = async ({ password }: { password: string }) => {
    await signIn(me.username, password);
    setOpen(false);
    await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
  };

  return (
    <FormModal<{ password: string }>
      name="reauth"
      open={open}
      title={t('expiredTitle')}
      okText={t('signIn')}
      // The only way out besides the password: the dialog cannot be closed over a page that is no longer signed in.
      cancelText={t('switchUser')}
      onCancel={() => void signOut()}
      closable={false}
      keyboard={false}
      onSubmit={submit}
    >
      <Typography.Paragraph>{t('expiredBody')}</Typography.Paragraph>
      <Form.Item label={t('username')} htmlFor="reauth-username">
        <Input id="reauth-username" value={`${me.displayName}（${me.username}）`} disabled />
      </Form.Item>
      <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
    </FormModal>
  );
}
