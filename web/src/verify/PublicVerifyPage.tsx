import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Input, Result, Skeleton, Tabs, Typography, theme } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { verifyMessages } from './messages.ts';
import { NoticeCheckResult } from './NoticeCheckResult.tsx';
import { NoticeFileCheck } from './NoticeFileCheck.tsx';
import { SealedFileCheck } from './SealedFileCheck.tsx';
import { sealCheckMessages } from './seal-check-messages.ts';

const codeFromAddress = () => new URLSearchParams(window.location.search).get('code') ?? '';

function useNoticeCheck(code: string) {
  return useQuery({
    queryKey: ['public-notice', code],
    enabled: code.length > 0,
    retry: false,
    queryFn: () => unwrap(api.GET('/api/public/notices/{code}', { params: { path: { code } } })),
  });
}

/**
 * 通知单核验: the page the notice's QR code opens, for anyone, without signing in. It shows only
 * what the notice itself shows, so whoever holds the notice can compare it line by line.
 */
export function PublicVerifyPage() {
  const t = useT(verifyMessages);
  const ts = useT(sealCheckMessages);
  const { token } = theme.useToken();
  const [code, setCode] = useState(codeFromAddress);
  const check = useNoticeCheck(code.trim());

  const search = (value: string) => {
    const next = value.trim();
    setCode(next);
    const url = new URL(window.location.href);
    url.searchParams.set('code', next);
    window.history.replaceState(null, '', url);
  };

  const notFound = check.error instanceof ApiError && check.error.code === 'NOTICE_NOT_FOUND';
  const answer = check.data;
  return (
    <Flex justify="center" style={{ minHeight: '100vh', padding: token.paddingLG, background: token.colorBgLayout }}>
      <Flex vertical gap={token.marginLG} style={{ width: '100%', maxWidth: 720 }}>
        <Flex vertical gap={token.marginXXS}>
          <Typography.Text type="secondary">{t('system')}</Typography.Text>
          <Typography.Title level={2} style={{ margin: 0 }}>
            <SafetyCertificateOutlined style={{ color: token.colorPrimary, marginInlineEnd: token.marginXS }} />
            {t('title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('intro')}
          </Typography.Paragraph>
        </Flex>
        <Tabs
          items={[
            {
              key: 'code',
              label: t('byCode'),
              children: (
                <Flex vertical gap={token.marginLG}>
                  <Card>
                    <label htmlFor="verification-code">
                      <Typography.Text strong>{t('codeLabel')}</Typography.Text>
                    </label>
                    <Input.Search
                      id="verification-code"
                      data-testid="verification-code"
                      defaultValue={code}
                      placeholder={t('codePlaceholder')}
                      enterButton={t('check')}
                      size="large"
                      maxLength={40}
                      style={{ marginTop: token.marginXS, fontFamily: token.fontFamilyCode }}
                      onSearch={search}
                    />
                  </Card>
                  {check.isFetching && !answer && <Skeleton active />}
                  {notFound && <Result status="warning" title={t('notFound')} subTitle={t('notFoundHint')} data-testid="verify-not-found" />}
                  {check.isError && !notFound && <ErrorAlert error={check.error} onRetry={() => void check.refetch()} />}
                  {answer && <NoticeCheckResult answer={answer} />}
                </Flex>
              ),
            },
            {
              key: 'file',
              label: t('byFile'),
              children: (
                <Flex vertical gap={token.marginLG}>
                  <NoticeFileCheck />
                </Flex>
              ),
            },
            { key: 'seal', label: ts('tab'), children: <SealedFileCheck /> },
          ]}
        />
      </Flex>
    </Flex>
  );
}
