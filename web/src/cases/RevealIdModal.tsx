import { Alert, Button, Form, Input, Modal, Typography, theme } from 'antd';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { sharedMessages } from '../shared/messages.ts';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import type { RevealTarget } from './CaseFields.tsx';
import { caseMessages } from './messages.ts';

const MIN_REASON = 2;
const MAX_REASON = 200;

/**
 * Shows one full ID number after the person says why (written to the trail by the server). The
 * number lives only in this dialog's state: closing it forgets the number.
 */
export function RevealIdModal({ caseId, target, onClose }: { caseId: string; target: RevealTarget | null; onClose: () => void }) {
  const t = useT(caseMessages);
  const ts = useT(sharedMessages);
  const describe = useErrorMessage();
  const { token } = theme.useToken();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const fieldId = useId();

  useEffect(() => {
    setReason('');
    setTouched(false);
    setError(null);
    setRevealed(null);
  }, [target]);

  if (!target) return null;
  const tooShort = reason.trim().length < MIN_REASON;

  const reveal = async () => {
    setTouched(true);
    if (tooShort || busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap(
        api.POST('/api/cases/{id}/reveal-id', { params: { path: { id: caseId } }, body: { field: target.field, reason: reason.trim() } }),
      );
      setRevealed(answer.idNumber);
    } catch (cause) {
      setError(describe(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('revealTitle')}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        revealed
          ? [
              <Button key="close" type="primary" onClick={onClose} autoFocus>
                {ts('close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {ts('cancel')}
              </Button>,
              <Button key="reveal" type="primary" loading={busy} onClick={() => void reveal()}>
                {t('revealConfirm')}
              </Button>,
            ]
      }
    >
      <Typography.Paragraph>{t('revealWhose', { label: target.label, masked: target.masked })}</Typography.Paragraph>
      {revealed ? (
        <>
          <Typography.Text type="secondary">{t('revealShownOnce')}</Typography.Text>
          <Typography.Paragraph
            copyable={{ text: revealed }}
            style={{ fontSize: token.fontSizeHeading4, fontFamily: token.fontFamilyCode, marginTop: token.marginXXS }}
            data-testid="revealed-id"
          >
            {revealed}
          </Typography.Paragraph>
        </>
      ) : (
        <>
          <Alert type="info" showIcon title={t('revealExplain')} style={{ marginBottom: token.margin }} />
          <Form layout="vertical">
            <Form.Item
              label={t('revealReason')}
              htmlFor={fieldId}
              required
              validateStatus={touched && tooShort ? 'error' : undefined}
              help={touched && tooShort ? t('revealReasonTooShort') : undefined}
              style={{ marginBottom: token.marginXS }}
            >
              <Input
                id={fieldId}
                autoFocus
                value={reason}
                maxLength={MAX_REASON}
                placeholder={t('revealReasonPlaceholder')}
                onChange={(event) => setReason(event.target.value)}
                onPressEnter={() => void reveal()}
              />
            </Form.Item>
          </Form>
          {error && <Alert type="error" showIcon title={error} role="alert" />}
        </>
      )}
    </Modal>
  );
}
