import { Alert, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { ReasonField } from '../shared/ReasonField.tsx';
import { sealMessages } from './messages.ts';

/** The server's bounds on a revocation's reason (seals.schema.ts RevokeBody). */
export const MIN_REASON = 2;
export const MAX_REASON = 200;

export interface RevokeRequest {
  /** Names what is revoked, so a retry of the same revocation reuses its idempotency key. */
  intent: string;
  title: string;
  warning: string;
  placeholder: string;
  run: (reason: string) => Promise<void>;
}

/**
 * Revokes a seal or a certificate with the reason the trail and the CRL keep; says first what stops
 * and what stays valid. The server's refusal appears in the dialog, which stays for a retry.
 */
export function RevokeModal({ request, onClose }: { request: RevokeRequest | null; onClose: () => void }) {
  const t = useT(sealMessages);
  const { token } = theme.useToken();
  return (
    <FormModal<{ reason?: string }>
      name="revoke"
      open={request !== null}
      title={request?.title}
      okText={t('confirmRevoke')}
      danger
      requiredMark
      quietUntilSubmit
      holdWhileBusy
      onSubmit={async ({ reason = '' }) => {
        if (!request) return;
        await request.run(reason.trim());
        onClose();
      }}
      onCancel={onClose}
    >
      <Alert type="warning" showIcon title={request?.warning} style={{ marginBottom: token.margin }} />
      <ReasonField
        label={t('reason')}
        tooShort={t('reasonTooShort')}
        min={MIN_REASON}
        max={MAX_REASON}
        placeholder={request?.placeholder ?? ''}
        multiline
      />
    </FormModal>
  );
}
