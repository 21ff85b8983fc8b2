import { Alert, Button, Form, Input, Modal, Typography, theme } from 'antd';
import { type ReactNode, useId, useState } from 'react';
import { useT } from '../i18n/messages.ts';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import { sharedMessages } from '../shared/messages.ts';
import { captureMessages } from './messages.ts';

/** The server's bounds on a reason (capture.schema.ts Reason). */
export const MIN_REASON = 2;
export const MAX_REASON = 500;

export interface ReasonRequest {
  title: string;
  explain: ReactNode;
  placeholder: string;
  okText: string;
  danger?: boolean;
  /** Does the act; a refusal is shown in the dialog, which stays open with the reason as typed. */
  onSubmit: (reason: string) => Promise<unknown>;
}

/** An act on a page that needs a reason (仍然使用, 删除): what it does, the reason, and the server's answer in place. */
export function ReasonModal({ request, onClose }: { request: ReasonRequest | null; onClose: () => void }) {
  return request ? <Asking key={request.title} request={request} onClose={onClose} /> : null;
}

function Asking({ request, onClose }: { request: ReasonRequest; onClose: () => void }) {
  const t = useT(captureMessages);
  const ts = useT(sharedMessages);
  const describe = useErrorMessage();
  const { token } = theme.useToken();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const tooShort = reason.trim().length < MIN_REASON;

  const submit = async () => {
    setTouched(true);
    if (tooShort || busy) return;
    setBusy(true);
    setError(null);
    try {
      await request.onSubmit(reason.trim());
      onClose();
    } catch (cause) {
      setError(describe(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={request.title}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {ts('cancel')}
        </Button>,
        <Button key="ok" type="primary" danger={request.danger} loading={busy} onClick={() => void submit()} data-testid="reason-ok">
          {request.okText}
        </Button>,
      ]}
    >
      <Typography.Paragraph>{request.explain}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          label={t('reasonLabel')}
          htmlFor={fieldId}
          required
          validateStatus={touched && tooShort ? 'error' : undefined}
          help={touched && tooShort ? t('reasonTooShort') : undefined}
          style={{ marginBottom: token.marginXS }}
        >
          <Input.TextArea
            id={fieldId}
            autoFocus
            value={reason}
            maxLength={MAX_REASON}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={request.placeholder}
            onChange={(event) => setReason(event.target.value)}
            onPressEnter={(event) => {
              if (event.ctrlKey || event.metaKey) void submit();
            }}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
