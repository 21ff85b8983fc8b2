import { Alert, Button, Flex, Modal, Spin, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { fetchImage, portraitUrl, useObjectUrl } from '../shared/page-image.ts';
import { sharedMessages } from '../shared/messages.ts';
import type { CaseView } from './case-data.ts';
import { caseMessages } from './messages.ts';

/**
 * 查看现场照片: the applicant's portrait, fetched only when this dialog opens (each viewing is an
 * audited look) and forgotten when it closes; never cached, never shown in a list.
 */
export function PortraitModal({
  kase,
  open,
  nameOf,
  onClose,
}: {
  kase: CaseView;
  open: boolean;
  nameOf: (userId: string) => string;
  onClose: () => void;
}) {
  return open && kase.portrait ? <Viewing caseId={kase.id} portrait={kase.portrait} nameOf={nameOf} onClose={onClose} /> : null;
}

function Viewing({
  caseId,
  portrait,
  nameOf,
  onClose,
}: {
  caseId: string;
  portrait: NonNullable<CaseView['portrait']>;
  nameOf: (userId: string) => string;
  onClose: () => void;
}) {
  const t = useT(caseMessages);
  const ts = useT(sharedMessages);
  const { token } = theme.useToken();
  const [blob, setBlob] = useState<Blob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const url = useObjectUrl(blob);

  useEffect(() => {
    let current = true;
    setError(null);
    fetchImage(portraitUrl(caseId)).then(
      (bytes) => current && setBlob(bytes),
      (cause: unknown) => current && setError(cause),
    );
    return () => {
      current = false;
    };
  }, [caseId, attempt]);

  return (
    <Modal
      open
      title={t('portraitTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {ts('close')}
        </Button>
      }
    >
      <Flex vertical gap={token.marginSM} data-testid="portrait-view">
        <Alert type="info" showIcon title={t('portraitAudited')} />
        <Flex align="center" justify="center" style={{ minHeight: 320, background: token.colorBgLayout, borderRadius: token.borderRadius }}>
          {url ? (
            <img src={url} alt={t('portraitAlt')} style={{ maxWidth: '100%', maxHeight: '60vh', objectFit: 'contain' }} />
          ) : error ? (
            <ErrorAlert error={error} onRetry={() => setAttempt((n) => n + 1)} />
          ) : (
            <Spin />
          )}
        </Flex>
        <Typography.Text type="secondary">
          {t('portraitTaken', { name: nameOf(portrait.capturedBy), time: formatDateTime(portrait.capturedAt) })}
        </Typography.Text>
      </Flex>
    </Modal>
  );
}
