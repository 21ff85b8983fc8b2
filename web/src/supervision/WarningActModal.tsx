import { Typography } from 'antd';
import { useBilingual, useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { ReasonField } from '../shared/ReasonField.tsx';
import { supervisionMessages } from './messages.ts';
import type { Warning, WarningAct } from './warning-filter.ts';
import { useWarningText } from './warning-text.ts';

export interface WarningActRequest {
  warning: Warning;
  act: WarningAct;
}

/**
 * 确认 says what taking the warning on means; 处理完毕 asks how it was dealt with (the note the trail
 * keeps). The server's refusal (someone else closed it first) appears in the dialog.
 */
export function WarningActModal({
  request,
  onSend,
  onClose,
}: {
  request: WarningActRequest | null;
  onSend: (request: WarningActRequest, note: string | null) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT(supervisionMessages);
  const bilingual = useBilingual();
  const describe = useWarningText();
  const warning = request?.warning;
  const names = warning
    ? { rule: bilingual(warning.ruleName), caseNo: warning.case?.caseNo ?? '', unit: bilingual({ zh: warning.unit.name, en: warning.unit.nameEn }) }
    : null;
  const resolving = request?.act === 'resolve';
  return (
    <FormModal<{ reason?: string }>
      name="warningAct"
      open={request !== null}
      title={resolving ? t('resolveTitle') : t('acknowledgeTitle')}
      okText={resolving ? t('resolve') : t('acknowledge')}
      holdWhileBusy
      quietUntilSubmit={resolving}
      onSubmit={async (values) => {
        if (!request) return;
        await onSend(request, resolving ? (values.reason ?? '').trim() : null);
        onClose();
      }}
      onCancel={onClose}
    >
      {warning && names && (
        <Typography.Paragraph>
          {resolving ? t('resolveBody', { ...names, what: describe(warning) }) : t('acknowledgeBody', names)}
        </Typography.Paragraph>
      )}
      {resolving && (
        <ReasonField label={t('noteLabel')} tooShort={t('noteTooShort')} min={1} max={500} placeholder={t('notePlaceholder')} multiline />
      )}
    </FormModal>
  );
}
