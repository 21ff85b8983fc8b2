import { Form, Input, InputNumber, Typography } from 'antd';
import { useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { paperMessages } from './messages.ts';

export interface BindValues {
  boxNo: string;
  volumeNo: string;
  firstSequence?: number | null;
}

const SHELF_MARK = /^[0-9A-Za-z-]+$/;

/** 装订成卷: the box and volume the selected files go into, and where their numbering starts. */
export function BindModal({
  caseNos,
  onSend,
  onClose,
}: {
  caseNos: readonly string[] | null;
  onSend: (values: BindValues) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT(paperMessages);
  const shelfRules = (required: string) => [
    { required: true, whitespace: true, message: required },
    { pattern: SHELF_MARK, message: t('shelfMarkPattern') },
  ];
  return (
    <FormModal<BindValues>
      name="paperBind"
      open={caseNos !== null}
      title={t('bindTitle')}
      okText={t('bind')}
      holdWhileBusy
      onSubmit={async (values) => {
        await onSend({ boxNo: values.boxNo.trim(), volumeNo: values.volumeNo.trim(), firstSequence: values.firstSequence ?? null });
        onClose();
      }}
      onCancel={onClose}
    >
      <Typography.Paragraph>
        {t('bindBody', { n: caseNos?.length ?? 0 })}
        <br />
        <Typography.Text type="secondary">{caseNos?.join('、')}</Typography.Text>
      </Typography.Paragraph>
      <Form.Item name="boxNo" label={t('boxNo')} rules={shelfRules(t('boxRequired'))}>
        <Input autoFocus maxLength={20} />
      </Form.Item>
      <Form.Item name="volumeNo" label={t('volumeNo')} rules={shelfRules(t('volumeRequired'))}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="firstSequence" label={t('firstSequence')} extra={t('firstSequenceHint')}>
        <InputNumber min={1} max={9999} precision={0} style={{ width: 140 }} />
      </Form.Item>
    </FormModal>
  );
}
