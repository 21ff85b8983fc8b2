import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import { authMessages } from './messages.ts';
import { ME_KEY, signIn } from './session.ts';

interface Credentials {
  username: string;
  password: string;
}

export function SignInPage() {
  const t = useT(authMessages);
  const describe = useErrorMessage();
  const { token } = theme.useToken();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    } catch (cause) {
      const seconds = cause instanceof ApiError ? Number(cause.details.retryAfterSeconds) : NaN;
      setError(cause instanceof ApiError && cause.code === 'SIGN_IN_THROTTLED' && seconds > 0 ? t('throttled', { seconds }) : describe(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: token.colorBgLayout, padding: token.paddingLG }}>
      <Flex style={{ position: 'absolute', top: token.padding, right: token.paddingLG }}>
        <LanguageSwitch />
      </Flex>
      <main>
        <Flex vertical align="center" gap={token.marginXS} style={{ marginBottom: token.marginLG }}>
          <img src="/favicon.svg" alt="" width={56} height={56} />
          <Typography.Title level={2} style={{ margin: 0, color: token.colorPrimary }}>
            {t('systemName')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('systemSubtitle')}</Typography.Text>
        </Flex>
        <Card title={t('signInTitle')} style={{ width: 380, maxWidth: '100%' }}>
          <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} disabled={busy}>
            <Form.Item name="username" label={t('username')} rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: token.margin }} role="alert" />}
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('signIn')}
            </Button>
          </Form>
        </Card>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: token.marginLG }}>
          {t('footer')}
        </Typography.Paragraph>
      </main>
    </Flex>
  );
}
