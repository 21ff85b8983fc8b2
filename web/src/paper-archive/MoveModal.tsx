import { Form, Input, InputNumber, Typography } from 'antd';
import { useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { ReasonField } from '../shared/ReasonField.tsx';
import { paperMessages } from './messages.ts';
import { usePlaceText } from './PaperStateTag.tsx';
import type { PaperFile } from './paper-types.ts';

export interface MoveValues {
  boxNo: string;
  volumeNo: string;
  sequence: number;
  reason: string;
}

const SHELF_MARK = /^[0-9A-Za-z-]+$/;

/** 移卷: a bound file's new place, and why (the file's log and the trail keep both places and the reason). */
export function MoveModal({
  file,
  onSend,
  onClose,
}: {
  file: PaperFile | null;
  onSend: (file: PaperFile, values: MoveValues) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT(paperMessages);
  const placeText = usePlaceText();
  const shelfRules = (required: string) => [
    { required: true, whitespace: true, message: required },
    { pattern: SHELF_MARK, message: t('shelfMarkPattern') },
  ];
  return (
    <FormModal<MoveValues>
      name="paperMove"
      open={file !== null}
      title={t('moveTitle')}
      okText={t('move')}
      holdWhileBusy
      quietUntilSubmit
      initialValues={file?.place ?? undefined}
      onSubmit={async (values) => {
        if (!file) return;
        await onSend(file, { ...values, boxNo: values.boxNo.trim(), volumeNo: values.volumeNo.trim(), reason: (values.reason ?? '').trim() });
        onClose();
      }}
      onCancel={onClose}
    >
      {file?.place && <Typography.Paragraph>{t('moveBody', { caseNo: file.caseNo, place: placeText(file.place) })}</Typography.Paragraph>}
      <Form.Item name="boxNo" label={t('boxNo')} rules={shelfRules(t('boxRequired'))}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="volumeNo" label={t('volumeNo')} rules={shelfRules(t('volumeRequired'))}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="sequence" label={t('sequence')} rules={[{ required: true, message: t('sequence') }]}>
        <InputNumber min={1} max={9999} precision={0} style={{ width: 140 }} />
      </Form.Item>
      <ReasonField label={t('reason')} tooShort={t('reasonTooShort')} min={2} max={300} placeholder={t('reasonPlaceholder')} multiline />
    </FormModal>
  );
}
