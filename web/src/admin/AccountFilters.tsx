import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useBilingual, useT } from '../i18n/messages.ts';
import { roleLabel } from './admin-data.ts';
import { type AccountFilter, FILTER_ROLES } from './account-filter.ts';
import { adminMessages } from './messages.ts';
import { UnitSelect } from './UnitSelect.tsx';

type FilterValues = Omit<AccountFilter, 'page'>;

/** Unit (with the units below it), role, a piece of the name, enabled or not; kept in the address. */
export function AccountFilters({ filter, onSearch }: { filter: AccountFilter; onSearch: (filter: AccountFilter) => void }) {
  const t = useT(adminMessages);
  const bilingual = useBilingual();
  const [form] = Form.useForm<FilterValues>();
  const { unitId, role, q, disabled } = filter;

  // Back and forward in the browser change the address: the form follows it.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ unitId, role, q, disabled });
  }, [form, unitId, role, q, disabled]);

  const search = (values: FilterValues) => {
    const next: AccountFilter = { page: 1 };
    if (values.unitId) next.unitId = values.unitId;
    if (values.role) next.role = values.role;
    if (values.q?.trim()) next.q = values.q.trim();
    if (values.disabled) next.disabled = values.disabled;
    onSearch(next);
  };

  return (
    <Card size="small">
      <Form<FilterValues> name="accountFilters" form={form} layout="vertical" onFinish={search} data-testid="account-filters">
        <Row gutter={[16, 0]} align="bottom">
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="unitId" label={t('filterUnit')}>
              <UnitSelect allowClear placeholder={t('filterUnitPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Form.Item name="role" label={t('filterRole')}>
              <Select
                allowClear
                placeholder={t('filterRolePlaceholder')}
                options={FILTER_ROLES.map((role) => ({ value: role, label: bilingual(roleLabel(role)) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Form.Item name="q" label={t('filterText')}>
              <Input allowClear placeholder={t('filterTextPlaceholder')} maxLength={64} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={3}>
            <Form.Item name="disabled" label={t('filterStatus')}>
              <Select
                allowClear
                placeholder={t('filterStatusPlaceholder')}
                options={[
                  { value: 'false', label: t('statusEnabled') },
                  { value: 'true', label: t('statusDisabled') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('search')}
                </Button>
                <Button
                  icon={<UndoOutlined />}
                  onClick={() => {
                    form.resetFields();
                    onSearch({ page: 1 });
                  }}
                >
                  {t('reset')}
                </Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
