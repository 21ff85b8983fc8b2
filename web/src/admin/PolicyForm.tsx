import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Flex, Form, type FormInstance, InputNumber, Row, Typography, theme } from 'antd';
import type { z } from 'zod';
import { CHARACTER_CLASSES, LockoutPolicySchema, PasswordPolicySchema } from '../../../server/modules/org/security-policy.ts';
import { useT } from '../i18n/messages.ts';
import { BoundedNumberField, boundsOf } from '../shared/BoundedNumberField.tsx';
import type { SecurityPolicy } from './admin-data.ts';
import { adminMessages } from './messages.ts';

type AdminKey = keyof (typeof adminMessages)['zh-CN'];

const WAIT = LockoutPolicySchema.shape.waitMinutes;

function NumberField({ name, label, schema }: { name: [string, string]; label: AdminKey; schema: z.ZodNumber }) {
  const t = useT(adminMessages);
  return <BoundedNumberField name={name} label={t(label)} schema={schema} />;
}

/** The waits after each further failure: never shrinking, as many as the schema allows. */
function WaitList({ form }: { form: FormInstance<SecurityPolicy> }) {
  const t = useT(adminMessages);
  const { token } = theme.useToken();
  const { min, max } = boundsOf(WAIT.element);
  const waits = (Form.useWatch(['lockout', 'waitMinutes'], form) ?? []) as (number | null)[];
  const canAdd = WAIT.safeParse([...waits.map((w) => w ?? min), waits[waits.length - 1] ?? min]).success;
  return (
    <Form.Item label={t('waitMinutes')} extra={t('waitMinutesHint')} required>
      <Form.List name={['lockout', 'waitMinutes']}>
        {(fields, { add, remove }) => (
          <Flex vertical gap={token.marginXS}>
            {fields.map((field, index) => (
              <Flex key={field.key} align="center" gap={token.marginXS}>
                <Typography.Text style={{ width: 64 }}>{t('waitStep', { n: index + 1 })}</Typography.Text>
                <Form.Item
                  name={field.name}
                  noStyle
                  dependencies={index > 0 ? [['lockout', 'waitMinutes', index - 1]] : []}
                  rules={[
                    { required: true, type: 'integer', min, max, message: t('range', { min, max }) },
                    ({ getFieldValue }) => ({
                      validator: (_, value: number | null) => {
                        const before = index > 0 ? (getFieldValue(['lockout', 'waitMinutes', index - 1]) as number | null) : null;
                        return value !== null && before !== null && value < before ? Promise.reject(new Error(t('waitsShrink'))) : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <InputNumber min={min} max={max} precision={0} style={{ width: 120 }} aria-label={t('waitStep', { n: index + 1 })} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('waitRemove', { n: index + 1 })}
                  disabled={fields.length <= 1}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={!canAdd}
              onClick={() => add(waits[waits.length - 1] ?? min)}
              style={{ width: 200 }}
            >
              {t('waitAdd')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** The password rules and the sign-in throttle's numbers, as the security administrator sets them. */
export function PolicyForm({ form, onChange }: { form: FormInstance<SecurityPolicy>; onChange: () => void }) {
  const t = useT(adminMessages);
  return (
    <Form<SecurityPolicy>
      name="securityPolicy"
      form={form}
      layout="vertical"
      requiredMark={false}
      onValuesChange={onChange}
      data-testid="policy-form"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('passwordSection')} style={{ height: '100%' }}>
            <NumberField name={['password', 'minLength']} label="minLength" schema={PasswordPolicySchema.shape.minLength} />
            <Form.Item name={['password', 'requiredClasses']} label={t('requiredClasses')}>
              <Checkbox.Group options={CHARACTER_CLASSES.map((c) => ({ value: c, label: t(`class_${c}`) }))} />
            </Form.Item>
            <NumberField name={['password', 'minClasses']} label="minClasses" schema={PasswordPolicySchema.shape.minClasses} />
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Card size="small" title={t('lockoutSection')} style={{ height: '100%' }}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <NumberField name={['lockout', 'freeFailures']} label="freeFailures" schema={LockoutPolicySchema.shape.freeFailures} />
                <NumberField name={['lockout', 'streakResetHours']} label="streakResetHours" schema={LockoutPolicySchema.shape.streakResetHours} />
                <NumberField name={['lockout', 'sourceBurst']} label="sourceBurst" schema={LockoutPolicySchema.shape.sourceBurst} />
                <NumberField
                  name={['lockout', 'sourceIntervalSeconds']}
                  label="sourceIntervalSeconds"
                  schema={LockoutPolicySchema.shape.sourceIntervalSeconds}
                />
              </Col>
              <Col xs={24} md={12}>
                <WaitList form={form} />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
    </Form>
  );
}
