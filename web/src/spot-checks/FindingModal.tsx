import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, Input, Radio, Select, Typography, theme } from 'antd';
import { Link } from 'react-router-dom';
import { useBilingual, useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { spotMessages } from './messages.ts';
import type { RoundItem } from './spot-types.ts';

export interface FindingValues {
  result: 'pass' | 'problem';
  note?: string;
  doubtful: { materialCode: string; note: string; verifyPaper: boolean }[];
}

/**
 * 记录抽查结果: 合格, or 有问题 with what is wrong and which materials are doubtful, each of which may ask
 * the station to check its paper original. Recording again replaces the finding while the round is open.
 */
export function FindingModal({
  item,
  onSend,
  onClose,
}: {
  item: RoundItem | null;
  onSend: (item: RoundItem, values: FindingValues) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT(spotMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const [form] = Form.useForm<FindingValues>();
  const result = Form.useWatch('result', form);
  const initial = item
    ? {
        result: item.result ?? undefined,
        note: item.note ?? '',
        doubtful: item.doubtful.map((d) => ({ materialCode: d.materialCode, note: d.note, verifyPaper: false })),
      }
    : undefined;
  return (
    <FormModal<FindingValues>
      name="spotFinding"
      form={form}
      open={item !== null}
      title={item ? t('findingTitle', { caseNo: item.case.caseNo }) : ''}
      okText={t('saveFinding')}
      holdWhileBusy
      quietUntilSubmit
      initialValues={initial}
      onSubmit={async (values) => {
        if (!item) return;
        const problem = values.result === 'problem';
        const note = (values.note ?? '').trim();
        await onSend(item, {
          result: values.result,
          ...(note ? { note } : {}),
          doubtful: problem ? (values.doubtful ?? []).map((d) => ({ ...d, note: d.note.trim(), verifyPaper: Boolean(d.verifyPaper) })) : [],
        });
        onClose();
      }}
      onCancel={onClose}
    >
      {item && (
        <Typography.Paragraph>
          {t('findingBody', {
            subtype: bilingual({ zh: item.case.subtype.name, en: item.case.subtype.nameEn }),
            applicant: item.case.applicantName,
            station: item.case.stationName,
          })}{' '}
          <Link to={`/cases/${item.case.id}`} target="_blank">
            {t('openCase')}
          </Link>
        </Typography.Paragraph>
      )}
      <Form.Item name="result" label={t('result')} rules={[{ required: true, message: t('result') }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'pass', label: t('result_pass') },
            { value: 'problem', label: t('result_problem') },
          ]}
        />
      </Form.Item>
      {result === 'problem' && (
        <>
          <Form.Item
            name="note"
            label={t('findingNote')}
            dependencies={['doubtful']}
            rules={[
              {
                validator: (_, note: string | undefined) =>
                  (note ?? '').trim() || ((form.getFieldValue('doubtful') as FindingValues['doubtful'] | undefined) ?? []).length > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('problemNeedsNote'))),
              },
            ]}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('findingNotePlaceholder')} />
          </Form.Item>
          <Typography.Text strong>{t('doubtful')}</Typography.Text>
          <Form.List name="doubtful">
            {(fields, { add, remove }) => (
              <Flex vertical gap={token.marginXS} style={{ marginTop: token.marginXS, marginBottom: token.margin }}>
                {fields.map((field, index) => (
                  <Flex
                    key={field.key}
                    vertical
                    style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, padding: token.paddingSM }}
                  >
                    <Flex justify="space-between" align="center">
                      <Typography.Text type="secondary">{t('doubtfulN', { n: index + 1 })}</Typography.Text>
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<MinusCircleOutlined />}
                        aria-label={t('removeDoubtfulN', { n: index + 1 })}
                        onClick={() => remove(field.name)}
                      >
                        {t('removeDoubtful')}
                      </Button>
                    </Flex>
                    <Form.Item
                      name={[field.name, 'materialCode']}
                      label={t('doubtfulMaterial')}
                      rules={[{ required: true, message: t('doubtfulMaterialRequired') }]}
                      style={{ marginBottom: token.marginXS }}
                    >
                      <Select options={item?.materials.map((m) => ({ value: m.code, label: m.name }))} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'note']}
                      label={t('doubtfulNote')}
                      rules={[{ required: true, whitespace: true, message: t('doubtfulNoteRequired') }]}
                      style={{ marginBottom: token.marginXS }}
                    >
                      <Input maxLength={300} placeholder={t('doubtfulNotePlaceholder')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'verifyPaper']} valuePropName="checked" style={{ marginBottom: 0 }}>
                      <Checkbox>{t('verifyPaper')}</Checkbox>
                    </Form.Item>
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ verifyPaper: true })} style={{ alignSelf: 'flex-start' }}>
                  {t('addDoubtful')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </>
      )}
    </FormModal>
  );
}
