import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { authMessages } from './messages.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { ME_KEY, useSignOut } from './session.ts';

/** A new account, or one whose password was reset, sets its own password before anything else. */
export function ForcedPasswordChange() {
  const t = useT(authMessages);
  const { token } = theme.useToken();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <main>
        <Card title={t('changePasswordTitle')} style={{ width: 460 }} extra={<Button onClick={() => void signOut()}>{t('signOut')}</Button>}>
          <Alert type="warning" showIcon title={t('changePasswordForced')} style={{ marginBottom: token.marginLG }} />
          <ChangePasswordForm onChanged={() => void queryClient.invalidateQueries({ queryKey: ME_KEY })} />
        </Card>
      </main>
    </Flex>
  );
}
