import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Typography, theme } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/messages.ts';
import type { IssuedPassword } from './admin-data.ts';
import { adminMessages } from './messages.ts';

function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/**
 * The temporary password of a new or reset account, shown this once: the server keeps only its hash,
 * so the dialog closes only by the button that says it has been noted.
 */
export function TemporaryPasswordModal({ issued, onClose }: { issued: IssuedPassword | null; onClose: () => void }) {
  const t = useT(adminMessages);
  const { token } = theme.useToken();
  const [copied, setCopied] = useState(false);
  const password = issued?.temporaryPassword ?? null;

  const copy = async () => {
    if (!password) return;
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      // The clipboard API needs HTTPS (or localhost); a station's intranet address may be plain HTTP.
      setCopied(copyBySelection(password));
    }
  };

  return (
    <Modal
      open={issued !== null}
      title={t('temporaryPasswordTitle')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      afterClose={() => setCopied(false)}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('temporaryPasswordDone')}
        </Button>
      }
    >
      {issued && (
        <Flex vertical gap={token.marginSM}>
          {password ? (
            <>
              <Alert type="warning" showIcon title={t('temporaryPasswordWarning')} />
              <Typography.Text>{t('temporaryPasswordFor', { name: issued.user.displayName, username: issued.user.username })}</Typography.Text>
              <Flex
                align="center"
                justify="space-between"
                gap={token.marginSM}
                style={{ padding: token.paddingSM, background: token.colorFillTertiary, borderRadius: token.borderRadius }}
              >
                <Typography.Text
                  strong
                  data-testid="temporary-password"
                  style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeHeading4, letterSpacing: 1, userSelect: 'all' }}
                >
                  {password}
                </Typography.Text>
                <Button icon={<CopyOutlined />} onClick={() => void copy()}>
                  {copied ? t('temporaryPasswordCopied') : t('temporaryPasswordCopy')}
                </Button>
              </Flex>
              <Typography.Text type="secondary">{t('temporaryPasswordHowTo')}</Typography.Text>
            </>
          ) : (
            <Alert type="warning" showIcon title={t('temporaryPasswordReplay')} />
          )}
        </Flex>
      )}
    </Modal>
  );
}
