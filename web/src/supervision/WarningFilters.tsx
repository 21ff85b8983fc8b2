import { SearchOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Row, Select, TreeSelect, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { RULE_CODES, type RuleCode } from '../../../server/modules/supervision/rules/rule-codes.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { useFiltersFollowAddress } from '../shared/useFiltersFollowAddress.ts';
import { useUnitTree } from '../shared/unit-tree.ts';
import { supervisionMessages } from './messages.ts';
import { STATE_CHOICES, type StateChoice, type WarningFilter } from './warning-filter.ts';

interface FormValues {
  state: StateChoice;
  rule?: RuleCode;
  unitId?: string;
  from?: Dayjs | null;
  to?: Dayjs | null;
}

function toForm(filter: WarningFilter): FormValues {
  return {
    state: filter.state,
    rule: filter.rule,
    unitId: filter.unitId,
    from: filter.from ? dayjs(filter.from) : null,
    to: filter.to ? dayjs(filter.to) : null,
  };
}

/** The list's filters; they live in the address, so a list can be reloaded and shared. A case filter stays until cleared. */
export function WarningFilters({
  filter,
  ruleNames,
  onSearch,
}: {
  filter: WarningFilter;
  ruleNames: Map<string, { zh: string; en: string }>;
  onSearch: (filter: WarningFilter) => void;
}) {
  const t = useT(supervisionMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const [form] = Form.useForm<FormValues>();
  const unitTree = useUnitTree();
  const search = useFiltersFollowAddress(form, filter, toForm, onSearch);
  const fromForm = (values: FormValues): WarningFilter => ({
    state: values.state,
    page: 1,
    ...(values.rule ? { rule: values.rule } : {}),
    ...(values.unitId ? { unitId: values.unitId } : {}),
    ...(filter.caseId ? { caseId: filter.caseId } : {}),
    ...(values.from ? { from: values.from.format('YYYY-MM-DD') } : {}),
    ...(values.to ? { to: values.to.format('YYYY-MM-DD') } : {}),
  });
  const item = { style: { marginBottom: token.marginSM } };

  return (
    <Form<FormValues> form={form} layout="vertical" onFinish={(values) => search(fromForm(values))} aria-label={t('filters')} role="search">
      <Row gutter={token.margin} align="bottom">
        <Col xs={24} sm={12} xl={4}>
          <Form.Item name="state" label={t('state')} {...item}>
            <Select options={STATE_CHOICES.map((state) => ({ value: state, label: t(`state_${state}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={5}>
          <Form.Item name="rule" label={t('rule')} {...item}>
            <Select
              allowClear
              placeholder={t('rulePlaceholder')}
              options={RULE_CODES.map((code) => ({ value: code, label: ruleNames.has(code) ? bilingual(ruleNames.get(code)) : code }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={5}>
          <Form.Item name="unitId" label={t('unit')} {...item}>
            <TreeSelect
              placeholder={t('unitPlaceholder')}
              treeData={unitTree}
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} xl={3}>
          <Form.Item name="from" label={t('raisedFrom')} {...item}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} xl={3}>
          <Form.Item
            name="to"
            label={t('raisedTo')}
            dependencies={['from']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | null | undefined) => {
                  const from = getFieldValue('from') as Dayjs | null | undefined;
                  return value && from && value.isBefore(from, 'day') ? Promise.reject(new Error(t('datesReversed'))) : Promise.resolve();
                },
              }),
            ]}
            {...item}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} xl={4}>
          <Form.Item {...item}>
            <Row gutter={token.marginXS} justify="end" wrap={false}>
              <Col>
                <Button
                  onClick={() => {
                    const cleared: WarningFilter = { state: 'open', page: 1 };
                    form.resetFields();
                    form.setFieldsValue(toForm(cleared));
                    search(cleared);
                  }}
                >
                  {t('reset')}
                </Button>
              </Col>
              <Col>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('search')}
                </Button>
              </Col>
            </Row>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
