import { Alert, Button, Typography, theme } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { ReasonField } from '../shared/ReasonField.tsx';
import { sharedMessages } from '../shared/messages.ts';
import type { RevealTarget } from './CaseFields.tsx';
import { caseMessages } from './messages.ts';

const MIN_REASON = 2;
const MAX_REASON = 200;

/**
 * Shows one full ID number after the person says why (written to the trail by the server). The
 * number lives only in this dialog's state: closing it forgets the number.
 */
export function RevealIdModal({ caseId, target, onClose }: { caseId: string; target: RevealTarget | null; onClose: () => void }) {
  return target ? <Revealing key={target.field} caseId={caseId} target={target} onClose={onClose} /> : null;
}

function Revealing({ caseId, target, onClose }: { caseId: string; target: RevealTarget; onClose: () => void }) {
  const t = useT(caseMessages);
  const ts = useT(sharedMessages);
  const { token } = theme.useToken();
  const [revealed, setRevealed] = useState<string | null>(null);

  const reveal = async ({ reason = '' }: { reason?: string }) => {
    const answer = await unwrap(
      api.POST('/api/cases/{id}/reveal-id', { params: { path: { id: caseId } }, body: { field: target.field, reason: reason.trim() } }),
    );
    setRevealed(answer.idNumber);
  };

  return (
    <FormModal<{ reason?: string }>
      name="revealId"
      title={t('revealTitle')}
      okText={t('revealConfirm')}
      requiredMark
      quietUntilSubmit
      onSubmit={reveal}
      onCancel={onClose}
      footer={
        revealed
          ? [
              <Button key="close" type="primary" onClick={onClose} autoFocus>
                {ts('close')}
              </Button>,
            ]
          : undefined
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
          <ReasonField
            label={t('revealReason')}
            tooShort={t('revealReasonTooShort')}
            min={MIN_REASON}
            max={MAX_REASON}
            placeholder={t('revealReasonPlaceholder')}
          />
        </>
      )}
    </FormModal>
  );
}
