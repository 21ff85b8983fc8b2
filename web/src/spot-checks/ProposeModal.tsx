import { DatePicker, Form, InputNumber, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { spotMessages } from './messages.ts';

export interface ProposeValues {
  from: string;
  to: string;
  size: number;
}

interface FormValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  size?: number;
}

/** Today in Beijing: the server counts decided days in Beijing time, whatever the browser's zone. */
function beijingToday(): Dayjs {
  return dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
}

/**
 * 生成抽查样本: the period of approval (this week by default, never after today, at most a year) and
 * how many to draw. The server draws and says how many it found.
 */
export function ProposeModal({ open, onSend, onClose }: { open: boolean; onSend: (values: ProposeValues) => Promise<void>; onClose: () => void }) {
  const t = useT(spotMessages);
  const today = beijingToday();
  // Monday of this week: a branch's quota is weekly by default.
  const monday = today.subtract((today.day() + 6) % 7, 'day');
  return (
    <FormModal<FormValues>
      name="spotPropose"
      open={open}
      title={t('proposeTitle')}
      okText={t('propose')}
      holdWhileBusy
      initialValues={{ range: [monday, today], size: 10 }}
      onSubmit={async (values) => {
        const [from, to] = values.range ?? [];
        if (!from || !to || !values.size) return;
        await onSend({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD'), size: values.size });
        onClose();
      }}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('proposeBody')}</Typography.Paragraph>
      <Form.Item
        name="range"
        label={t('period')}
        rules={[
          {
            validator: (_, range: FormValues['range']) => {
              if (!range?.[0] || !range[1]) return Promise.reject(new Error(t('periodRequired')));
              if (range[1].diff(range[0], 'day') > 365) return Promise.reject(new Error(t('periodTooLong')));
              return Promise.resolve();
            },
          },
        ]}
      >
        <DatePicker.RangePicker
          placeholder={[t('periodFrom'), t('periodTo')]}
          disabledDate={(day) => day.isAfter(today, 'day')}
          allowClear={false}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item name="size" label={t('size')} extra={t('sizeHint')} rules={[{ required: true, message: t('sizeHint') }]}>
        <InputNumber min={1} max={50} precision={0} style={{ width: 140 }} />
      </Form.Item>
    </FormModal>
  );
}
