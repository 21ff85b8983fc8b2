import { Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { FormModal } from '../shared/FormModal.tsx';

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
  return (
    <FormModal
      name="confirmAct"
      open={request !== null}
      title={request?.title}
      okText={request?.okText}
      danger={request?.danger}
      maskClosable
      onSubmit={async () => {
        if (!request) return;
        await request.run();
        onClose();
      }}
      onCancel={onClose}
    >
      <Typography.Paragraph>{request?.body}</Typography.Paragraph>
    </FormModal>
  );
}

/**
 * A page's confirmed acts: `ask` opens the dialog for one; closing it, done or cancelled, ends the
 * intent (its idempotency key is not reused). Render `dialog` once in the page.
 */
export function useConfirmAct(intent: { done(): void }): { ask: (request: ActRequest) => void; dialog: ReactNode } {
  const [request, setRequest] = useState<ActRequest | null>(null);
  const dialog = (
    <ConfirmActModal
      // A dialog of its own for each act: one reopened while the last one is still closing would miss a click.
      key={request?.intent ?? 'none'}
      request={request}
      onClose={() => {
        intent.done();
        setRequest(null);
      }}
    />
  );
  return { ask: setRequest, dialog };
}
