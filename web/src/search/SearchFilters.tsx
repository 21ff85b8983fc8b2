import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, DatePicker, Form, Input, Row, Select, Tooltip, TreeSelect, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { CASE_STATUSES, STATUS_LABELS } from '../../../server/modules/cases/workflow.ts';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { sharedMessages } from '../shared/messages.ts';
import { type Criteria, LEVELS } from './search-criteria.ts';
import { searchMessages } from './messages.ts';
import { useUnitTree } from '../shared/unit-tree.ts';
import { useFiltersFollowAddress } from '../shared/useFiltersFollowAddress.ts';

interface FormValues {
  caseNo?: string;
  idNumber?: string;
  name?: string;
  subtypeCode?: string;
  unitId?: string;
  status?: Criteria['status'];
  pendingLevel?: Criteria['pendingLevel'];
  acceptedFrom?: Dayjs | null;
  acceptedTo?: Dayjs | null;
}

const ID_NUMBER = /^\d{17}[\dXx]$/;
const isStation = (unit: { kind: string }) => unit.kind === 'station';

function toForm(criteria: Criteria): FormValues {
  return {
    ...criteria,
    acceptedFrom: criteria.acceptedFrom ? dayjs(criteria.acceptedFrom) : null,
    acceptedTo: criteria.acceptedTo ? dayjs(criteria.acceptedTo) : null,
  };
}

function fromForm(values: FormValues): Criteria {
  const criteria: Criteria = {
    caseNo: values.caseNo?.trim() || undefined,
    idNumber: values.idNumber?.trim() || undefined,
    name: values.name?.trim() || undefined,
    subtypeCode: values.subtypeCode || undefined,
    unitId: values.unitId || undefined,
    status: values.status || undefined,
    pendingLevel: values.pendingLevel || undefined,
    acceptedFrom: values.acceptedFrom?.format('YYYY-MM-DD'),
    acceptedTo: values.acceptedTo?.format('YYYY-MM-DD'),
  };
  return Object.fromEntries(Object.entries(criteria).filter(([, value]) => value !== undefined));
}

function useSubtypeOptions() {
  const bilingual = useBilingual();
  const catalog = useQuery({ queryKey: ['catalog', 'current'], queryFn: () => unwrap(api.GET('/api/catalog')), staleTime: 10 * 60_000 });
  return useMemo(
    () =>
      (catalog.data?.categories ?? []).map((category) => ({
        label: bilingual({ zh: category.name, en: category.nameEn }),
        title: category.code,
        options: category.subtypes.map((subtype) => ({
          value: subtype.code,
          label: `${subtype.code} ${bilingual({ zh: subtype.name, en: subtype.nameEn })}`,
        })),
      })),
    [catalog.data, bilingual],
  );
}

/**
 * Every criterion the search API has; Enter searches, Reset clears the address too. The search
 * button never shows a loading state: a loading antd button swallows clicks, so a search asked for
 * while the previous one is still answering would be lost. The results table shows the wait.
 */
export function SearchFilters({ criteria, onSearch }: { criteria: Criteria; onSearch: (criteria: Criteria) => void }) {
  const t = useT(searchMessages);
  const ts = useT(sharedMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const [form] = Form.useForm<FormValues>();
  const subtypes = useSubtypeOptions();
  // Cases are accepted at stations and the search matches the accepting unit exactly.
  const unitTree = useUnitTree(isStation);
  const levelLabels = { station: ts('stationLevel'), branch: ts('branchLevel'), city: ts('cityLevel') };

  const search = useFiltersFollowAddress(form, criteria, toForm, onSearch);

  const col = { xs: 24, sm: 12, xl: 6 };
  return (
    <Form<FormValues> form={form} layout="vertical" onFinish={(values) => search(fromForm(values))} aria-label={t('filters')} role="search">
      <Row gutter={token.margin}>
        <Col {...col}>
          <Form.Item name="caseNo" label={t('caseNo')} rules={[{ max: 32 }]} style={{ marginBottom: token.marginSM }}>
            <Input placeholder={t('caseNoPlaceholder')} allowClear autoFocus />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="name" label={t('name')} rules={[{ max: 50 }]} style={{ marginBottom: token.marginSM }}>
            <Input placeholder={t('namePlaceholder')} allowClear />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            name="idNumber"
            label={t('idNumber')}
            tooltip={t('idNumberNotInLink')}
            rules={[{ pattern: ID_NUMBER, message: t('idNumberInvalid') }]}
            style={{ marginBottom: token.marginSM }}
          >
            <Input placeholder={t('idNumberPlaceholder')} allowClear autoComplete="off" maxLength={18} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="subtypeCode" label={t('subtype')} style={{ marginBottom: token.marginSM }}>
            <Select placeholder={t('subtypePlaceholder')} options={subtypes} allowClear showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="unitId" label={t('unit')} style={{ marginBottom: token.marginSM }}>
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
        <Col {...col}>
          <Form.Item name="status" label={t('status')} style={{ marginBottom: token.marginSM }}>
            <Select
              placeholder={t('statusPlaceholder')}
              allowClear
              options={CASE_STATUSES.map((status) => ({ value: status, label: bilingual(STATUS_LABELS[status]) }))}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="pendingLevel" label={t('pendingLevel')} style={{ marginBottom: token.marginSM }}>
            <Select
              placeholder={t('pendingLevelPlaceholder')}
              allowClear
              options={LEVELS.map((level) => ({ value: level, label: t('pendingAt', { level: levelLabels[level] }) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Row gutter={token.marginXS}>
            <Col span={12}>
              <Form.Item name="acceptedFrom" label={t('acceptedFrom')} style={{ marginBottom: token.marginSM }}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="acceptedTo"
                label={t('acceptedTo')}
                dependencies={['acceptedFrom']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: Dayjs | null | undefined) => {
                      const from = getFieldValue('acceptedFrom') as Dayjs | null | undefined;
                      return value && from && value.isBefore(from, 'day') ? Promise.reject(new Error(t('datesReversed'))) : Promise.resolve();
                    },
                  }),
                ]}
                style={{ marginBottom: token.marginSM }}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Col>
      </Row>
      <Row justify="end" gutter={token.marginXS}>
        <Col>
          <Button
            onClick={() => {
              form.resetFields();
              form.setFieldsValue(toForm({}));
              search({});
            }}
          >
            {t('reset')}
          </Button>
        </Col>
        <Col>
          <Tooltip title={t('searchShortcut')}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('search')}
            </Button>
          </Tooltip>
        </Col>
      </Row>
    </Form>
  );
}
