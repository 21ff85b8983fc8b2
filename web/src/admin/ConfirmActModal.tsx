import { Alert, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/messages.ts';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import { sharedMessages } from '../shared/messages.ts';

export interface ActRequest {
  /** Names the intent, so a retry of the same request reuses its idempotency key. */
  intent: string;
  title: string;
  body: string;
  okText: string;
  danger?: boolean;
  run: () => Promise<void>;
}

/**
 * Confirms one administrative act with what it will do; the server's refusal appears in the dialog,
 * beside the button that was pressed, and the dialog stays for a retry or a cancel.
 */
export function ConfirmActModal({ request, onClose }: { request: ActRequest | null; onClose: () => void }) {
  const ts = useT(sharedMessages);
  const describe = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    setBusy(false);
  }, [request]);

  const confirm = async () => {
    if (!request || busy) return;
    setBusy(true);
    setError(null);
    try {
      await request.run();
      onClose();
    } catch (cause) {
      setError(describe(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={request !== null}
      title={request?.title}
      okText={request?.okText}
      cancelText={ts('cancel')}
      okButtonProps={{ danger: request?.danger, loading: busy }}
      onOk={() => void confirm()}
      onCancel={onClose}
      maskClosable={!busy}
      destroyOnHidden
    >
      <Typography.Paragraph>{request?.body}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
