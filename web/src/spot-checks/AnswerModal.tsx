import { Form, Radio, Typography } from 'antd';
import { useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { ReasonField } from '../shared/ReasonField.tsx';
import { spotMessages } from './messages.ts';
import type { Verification } from './spot-types.ts';

export interface AnswerValues {
  result: 'consistent' | 'inconsistent';
  note: string;
}

/** 答复核实: the station compares the paper original with the archive and says 一致 or 不一致, and how it knows. */
export function AnswerModal({
  verification,
  onSend,
  onClose,
}: {
  verification: Verification | null;
  onSend: (v: Verification, values: AnswerValues) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT(spotMessages);
  return (
    <FormModal<{ result?: AnswerValues['result']; reason?: string }>
      name="paperVerificationAnswer"
      open={verification !== null}
      title={t('answerTitle')}
      okText={t('answer')}
      holdWhileBusy
      quietUntilSubmit
      onSubmit={async (values) => {
        if (!verification || !values.result) return;
        await onSend(verification, { result: values.result, note: (values.reason ?? '').trim() });
        onClose();
      }}
      onCancel={onClose}
    >
      {verification && (
        <Typography.Paragraph>
          {t('answerBody', {
            checker: verification.checkerUnitName,
            caseNo: verification.case.caseNo,
            material: verification.material.name,
            doubt: verification.doubt,
          })}
        </Typography.Paragraph>
      )}
      <Form.Item name="result" label={t('answerResult')} rules={[{ required: true, message: t('answerResultRequired') }]}>
        <Radio.Group
          vertical
          options={[
            { value: 'consistent', label: t('answerConsistent') },
            { value: 'inconsistent', label: t('answerInconsistent') },
          ]}
        />
      </Form.Item>
      <ReasonField label={t('answerNote')} tooShort={t('answerNoteTooShort')} min={1} max={500} placeholder={t('answerNotePlaceholder')} multiline />
    </FormModal>
  );
}
