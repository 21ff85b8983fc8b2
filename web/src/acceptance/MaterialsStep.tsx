import { Card, Col, Descriptions, Row, Table, Tag, Typography, theme } from 'antd';
import { divisionName } from '../../../server/modules/population/divisions.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import type { AcceptanceDraft, FieldValue } from './acceptance-draft.ts';
import type { CatalogField, CatalogMaterial, CatalogSubtype } from './catalog.ts';
import { acceptanceMessages } from './messages.ts';

interface Props {
  subtype: CatalogSubtype;
  draft: AcceptanceDraft;
}

function useFieldText() {
  const bilingual = useBilingual();
  return (field: CatalogField, value: FieldValue | undefined): string | undefined => {
    if (value === undefined || value === '') return undefined;
    if (field.type === 'enum') {
      const option = field.options?.find((candidate) => candidate.value === value);
      return option ? bilingual({ zh: option.label, en: option.labelEn }) : String(value);
    }
    if (field.type === 'divisionCode') return divisionName(String(value)) ?? String(value);
    return String(value);
  };
}

/** The last step: the materials the case will need (captured after acceptance) and what is about to be accepted. */
export function MaterialsStep({ subtype, draft }: Props) {
  const t = useT(acceptanceMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const fieldText = useFieldText();
  const requiredPages = subtype.materials.filter((m) => m.required).reduce((sum, m) => sum + m.minPages, 0);

  return (
    <Row gutter={[token.marginLG, token.marginLG]}>
      <Col xs={24} xl={13}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('materialsTitle')}
        </Typography.Title>
        <Table<CatalogMaterial>
          size="middle"
          rowKey="code"
          pagination={false}
          dataSource={subtype.materials}
          columns={[
            { key: 'name', title: t('materialName'), render: (_, m) => bilingual({ zh: m.name, en: m.nameEn }) },
            {
              key: 'required',
              title: t('materialRequired'),
              width: 90,
              render: (_, m) => (m.required ? <Tag color="blue">{t('materialRequired')}</Tag> : <Tag>{t('materialOptional')}</Tag>),
            },
            { key: 'pages', title: t('materialPages'), width: 100, align: 'right', render: (_, m) => t('materialPagesValue', { n: m.minPages }) },
            {
              key: 'original',
              title: t('materialOriginal'),
              width: 120,
              render: (_, m) => (m.verifyOriginal ? t('materialOriginalYes') : ''),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: token.marginSM }}>
          {t('pagesTotal', { n: requiredPages })}
        </Typography.Paragraph>
      </Col>
      <Col xs={24} xl={11}>
        <Card size="small" title={t('summaryTitle')}>
          <Descriptions
            size="small"
            column={1}
            styles={{ label: { color: token.colorTextSecondary } }}
            items={[
              { key: 'subtype', label: t('summarySubtype'), children: `${subtype.code} ${bilingual({ zh: subtype.name, en: subtype.nameEn })}` },
              {
                key: 'applicant',
                label: t('summaryApplicant'),
                children: [draft.applicant.name, draft.applicant.idNumber, draft.applicant.phone].filter(Boolean).join(' · '),
              },
              ...subtype.fields.map((field) => {
                const text = fieldText(field, draft.fields[field.key]);
                return {
                  key: field.key,
                  label: bilingual({ zh: field.label, en: field.labelEn }),
                  children: text ?? <Typography.Text type="secondary">{t('notFilled')}</Typography.Text>,
                };
              }),
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
