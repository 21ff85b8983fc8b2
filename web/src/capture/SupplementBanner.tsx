import { Alert, Flex, Input, type InputRef, Typography, theme } from 'antd';
import { type RefObject, useId } from 'react';
import { useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import { captureMessages } from './messages.ts';
import { MAX_REASON, MIN_REASON } from './ReasonModal.tsx';

export type SupplementCause = 'late' | 'submitted';

/**
 * 补录 mode, said plainly at the top of the page: why pages now come as 补录, and the reason, asked
 * once for this visit and sent with every file. Every later reader sees the pages marked with it.
 */
export function SupplementBanner({
  cause,
  captureDeadline,
  reason,
  onReason,
  showMissing,
  inputRef,
}: {
  cause: SupplementCause;
  captureDeadline: string;
  reason: string;
  onReason: (reason: string) => void;
  /** The officer tried to upload without a reason: say what is missing, beside the field. */
  showMissing: boolean;
  inputRef: RefObject<InputRef | null>;
}) {
  const t = useT(captureMessages);
  const { token } = theme.useToken();
  const fieldId = useId();
  const missing = showMissing && reason.trim().length < MIN_REASON;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="supplement-banner"
      title={cause === 'late' ? t('supplementLate', { deadline: formatDateTime(captureDeadline) }) : t('supplementSubmitted')}
      description={
        <Flex align="center" gap={token.marginXS} wrap>
          <label htmlFor={fieldId} style={{ whiteSpace: 'nowrap' }}>
            {t('supplementReason')}
          </label>
          <Input
            id={fieldId}
            ref={inputRef}
            value={reason}
            maxLength={MAX_REASON}
            status={missing ? 'error' : undefined}
            placeholder={t('supplementReasonPlaceholder')}
            onChange={(event) => onReason(event.target.value)}
            style={{ flex: '1 1 280px', maxWidth: 480 }}
            aria-describedby={`${fieldId}-note`}
          />
          {missing ? (
            <Typography.Text type="danger" id={`${fieldId}-note`} role="alert">
              {t('supplementReasonMissing')}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary" id={`${fieldId}-note`}>
              {t('supplementExplain')}
            </Typography.Text>
          )}
        </Flex>
      }
    />
  );
}
