import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { AUDIT_ACTIONS } from '../../../server/modules/audit/audit-actions.ts';
import { useT } from '../i18n/messages.ts';
import { useAuditLabels } from './labels.ts';
import { auditMessages } from './messages.ts';
import { ACTION_FAMILIES, OBJECT_TYPES, OUTCOMES, type Outcome, type TrailFilter } from './trail-filter.ts';
import { useFiltersFollowAddress } from '../shared/useFiltersFollowAddress.ts';

interface FormValues {
  action?: string;
  outcome?: Outcome;
  actor?: string;
  objectType?: string;
  objectId?: string;
  caseId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const MINUTE_FORMAT = 'YYYY-MM-DDTHH:mm';
const UUID = /^\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*$/i;

function toForm(filter: TrailFilter): FormValues {
  const { from, to, ...rest } = filter;
  return { ...rest, range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null };
}

function fromForm(values: FormValues): TrailFilter {
  const { range, ...rest } = values;
  const filter: TrailFilter = {};
  for (const [key, value] of Object.entries(rest) as [keyof typeof rest, string | undefined][]) {
    const trimmed = value?.trim();
    if (trimmed) (filter as Record<string, string>)[key] = key === 'actor' ? trimmed.toLowerCase() : trimmed;
  }
  // The picker's wall clock is read as Beijing time, whatever the browser's own zone (trail-filter.ts).
  const [from, to] = range ?? [];
  if (from) filter.from = from.format(MINUTE_FORMAT);
  if (to) filter.to = to.format(MINUTE_FORMAT);
  return filter;
}

/** The trail's filters; they live in the address so a search can be reloaded and shared. */
export function AuditFilters({ filter, onSearch }: { filter: TrailFilter; onSearch: (filter: TrailFilter) => void }) {
  const t = useT(auditMessages);
  const labels = useAuditLabels();
  const [form] = Form.useForm<FormValues>();
  const search = useFiltersFollowAddress(form, filter, toForm, onSearch);

  const actionOptions = [
    {
      label: t('actionGroupFamilies'),
      options: ACTION_FAMILIES.map((family) => ({ value: `${family}.`, label: labels.actionFilter(`${family}.`) })),
    },
    {
      label: t('actionGroupSingle'),
      options: AUDIT_ACTIONS.map((action) => ({ value: action, label: `${labels.action(action)} · ${action}` })),
    },
  ];

  return (
    <Card size="small" title={t('filtersTitle')}>
      <Form<FormValues> name="auditFilters" form={form} layout="vertical" onFinish={(values) => search(fromForm(values))} data-testid="audit-filters">
        <Row gutter={[16, 0]} align="bottom">
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="action" label={t('action')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('actionPlaceholder')}
                options={actionOptions}
                popupMatchSelectWidth={320}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={4}>
            <Form.Item name="outcome" label={t('outcome')}>
              <Select allowClear placeholder={t('outcomePlaceholder')} options={OUTCOMES.map((o) => ({ value: o, label: labels.outcome(o) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Form.Item name="actor" label={t('actor')}>
              <Input allowClear placeholder={t('actorPlaceholder')} maxLength={64} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={9}>
            <Form.Item name="range" label={t('timeRange')}>
              <DatePicker.RangePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                allowEmpty={[true, true]}
                placeholder={[t('timeFrom'), t('timeTo')]}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="objectType" label={t('objectType')}>
              <Select
                allowClear
                placeholder={t('objectTypePlaceholder')}
                options={OBJECT_TYPES.map((type) => ({ value: type, label: labels.objectType(type) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="objectId" label={t('objectId')}>
              <Input allowClear placeholder={t('objectIdPlaceholder')} maxLength={128} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="caseId" label={t('caseId')} rules={[{ pattern: UUID, message: t('caseIdInvalid') }]}>
              <Input allowClear maxLength={36} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('search')}
                </Button>
                <Button
                  icon={<UndoOutlined />}
                  onClick={() => {
                    form.resetFields();
                    search({});
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
