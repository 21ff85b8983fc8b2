import { Alert, Card, Col, Flex, Form, type FormInstance, Row, Switch, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { RULE_CODES, type RuleCode } from '../../../server/modules/supervision/rules/rule-codes.ts';
import { SupervisionPolicySchema } from '../../../server/modules/supervision/supervision-policy.ts';
import { useT } from '../i18n/messages.ts';
import { BoundedNumberField } from '../shared/BoundedNumberField.tsx';
import { useLevelLabel } from '../shared/units.ts';
import { supervisionMessages } from './messages.ts';
import type { WarningPolicy } from './warning-policy.ts';

/** The server's schema of each rule's settings: the bounds the form checks are the ones it checks. */
const RULE = SupervisionPolicySchema.shape;
const LEVELS = ['station', 'branch', 'city'] as const;

/** One rule: its name, what it finds, its on/off switch in the corner, its settings below. */
function RuleCard({ code, name, readOnly, children }: { code: RuleCode; name: string; readOnly: boolean; children: ReactNode }) {
  const t = useT(supervisionMessages);
  const { token } = theme.useToken();
  const enabled = Form.useWatch([code, 'enabled']) as boolean | undefined;
  return (
    <Card
      size="small"
      title={name}
      data-testid={`rule-${code}`}
      style={{ height: '100%' }}
      extra={
        // The words beside the switch, not on it: white on the grey of "off" is too faint to read.
        <Flex align="center" gap={token.marginXS}>
          <Typography.Text type={enabled === false ? 'secondary' : undefined}>{t(enabled === false ? 'ruleOff' : 'ruleOn')}</Typography.Text>
          <Form.Item name={[code, 'enabled']} valuePropName="checked" noStyle>
            <Switch aria-label={t('ruleSwitch', { rule: name })} disabled={readOnly} />
          </Form.Item>
        </Flex>
      }
    >
      <Flex vertical gap={token.marginSM}>
        <Typography.Text type="secondary">{t(`about_${code}`)}</Typography.Text>
        {enabled === false && <Alert type="warning" showIcon title={t('ruleIsOff')} />}
        <div>{children}</div>
      </Flex>
    </Card>
  );
}

function RuleSettings({ code, readOnly }: { code: RuleCode; readOnly: boolean }) {
  const t = useT(supervisionMessages);
  const levelLabel = useLevelLabel();
  const hours = t('hoursUnit');
  switch (code) {
    case 'not_uploaded':
    case 'incomplete':
      return (
        <BoundedNumberField
          name={[code, 'graceHours']}
          label={t('graceHours')}
          hint={t(`hint_${code}_graceHours`)}
          schema={RULE[code].shape.graceHours}
          unit={hours}
          readOnly={readOnly}
        />
      );
    case 'late_upload':
      return (
        <BoundedNumberField
          name={[code, 'minHoursLate']}
          label={t('minHoursLate')}
          hint={t('hint_late_upload_minHoursLate')}
          schema={RULE.late_upload.shape.minHoursLate}
          unit={hours}
          readOnly={readOnly}
        />
      );
    case 'supplement':
      return (
        <Form.Item
          name={[code, 'afterSubmissionOnly']}
          label={t('afterSubmissionOnly')}
          extra={t('hint_supplement_afterSubmissionOnly')}
          valuePropName="checked"
        >
          <Switch disabled={readOnly} />
        </Form.Item>
      );
    case 'approval_overdue':
      return (
        <>
          <Typography.Text strong>{t('hoursOverdue')}</Typography.Text>
          <Typography.Paragraph type="secondary">{t('hint_approval_overdue_hoursOverdue')}</Typography.Paragraph>
          <Row gutter={16}>
            {LEVELS.map((level) => (
              <Col key={level} xs={24} md={8}>
                <BoundedNumberField
                  name={[code, 'hoursOverdue', level]}
                  label={t('levelHours', { level: levelLabel(level) })}
                  schema={RULE.approval_overdue.shape.hoursOverdue.shape[level]}
                  unit={hours}
                  readOnly={readOnly}
                />
              </Col>
            ))}
          </Row>
        </>
      );
    default:
      // 协警越权操作 and 图像重复使用 are on or off, nothing more.
      return null;
  }
}

/**
 * 预警设置: one card per warning rule, in the order the 预警 page lists them. Read-only for those who
 * may read the settings but not set them: numbers shown as they are, switches that do not move.
 */
export function WarningPolicyForm({
  form,
  ruleName,
  readOnly,
  onChange,
}: {
  form: FormInstance<WarningPolicy>;
  ruleName: (code: RuleCode) => string;
  readOnly: boolean;
  onChange: () => void;
}) {
  return (
    <Form<WarningPolicy>
      name="warningPolicy"
      form={form}
      layout="vertical"
      requiredMark={false}
      onValuesChange={onChange}
      data-testid="warning-policy-form"
    >
      <Row gutter={[16, 16]}>
        {RULE_CODES.map((code) => (
          <Col key={code} xs={24} xl={12}>
            <RuleCard code={code} name={ruleName(code)} readOnly={readOnly}>
              <RuleSettings code={code} readOnly={readOnly} />
            </RuleCard>
          </Col>
        ))}
      </Row>
    </Form>
  );
}
