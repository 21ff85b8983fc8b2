import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { ReasonField } from '../shared/ReasonField.tsx';
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

  return (
    <FormModal<{ reason?: string }>
      name="pageReason"
      title={request.title}
      okText={request.okText}
      danger={request.danger}
      okButtonProps={{ 'data-testid': 'reason-ok' }}
      requiredMark
      quietUntilSubmit
      onSubmit={async ({ reason = '' }) => {
        await request.onSubmit(reason.trim());
        onClose();
      }}
      onCancel={onClose}
    >
      <Typography.Paragraph>{request.explain}</Typography.Paragraph>
      <ReasonField
        label={t('reasonLabel')}
        tooShort={t('reasonTooShort')}
        min={MIN_REASON}
        max={MAX_REASON}
        placeholder={request.placeholder}
        multiline
      />
    </FormModal>
  );
}
