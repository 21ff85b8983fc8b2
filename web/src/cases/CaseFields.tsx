import { EyeOutlined } from '@ant-design/icons';
import { Button, Descriptions, Skeleton, Tooltip, Typography } from 'antd';
import { divisionName } from '../../../server/modules/population/divisions.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import type { CatalogField, CatalogSubtype } from './case-data.ts';
import { caseMessages } from './messages.ts';

export interface RevealTarget {
  field: string;
  label: string;
  masked: string;
}

function FieldValue({ field, value }: { field: CatalogField | undefined; value: string | number }) {
  const t = useT(caseMessages);
  const bilingual = useBilingual();
  if (field?.type === 'enum') {
    const option = field.options?.find((o) => o.value === String(value));
    return <>{option ? bilingual({ zh: option.label, en: option.labelEn }) : value}</>;
  }
  if (field?.type === 'divisionCode') {
    const name = divisionName(String(value));
    return <>{name ? t('divisionWithCode', { name, code: value }) : value}</>;
  }
  return <>{value}</>;
}

/** The sub-type's own fields, labelled and ordered as the catalog has them; ID numbers masked, revealable. */
export function CaseFields({
  subtype,
  loading,
  fields,
  canRevealId,
  onReveal,
}: {
  subtype: CatalogSubtype | undefined;
  loading: boolean;
  fields: Record<string, string | number>;
  canRevealId: boolean;
  onReveal: (target: RevealTarget) => void;
}) {
  const t = useT(caseMessages);
  const bilingual = useBilingual();
  if (loading) return <Skeleton active paragraph={{ rows: 6 }} />;

  const known = subtype?.fields ?? [];
  const keys = [...known.map((f) => f.key).filter((key) => key in fields), ...Object.keys(fields).filter((key) => !known.some((f) => f.key === key))];
  if (keys.length === 0) return <Typography.Text type="secondary">{t('noFields')}</Typography.Text>;

  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      data-testid="case-fields"
      styles={{ label: { width: '38%' } }}
      items={keys.map((key) => {
        const field = known.find((f) => f.key === key);
        const label = field ? bilingual({ zh: field.label, en: field.labelEn }) : key;
        const value = fields[key] ?? '';
        return {
          key,
          label,
          children:
            field?.type === 'idNumber' && canRevealId ? (
              <>
                <FieldValue field={field} value={value} />{' '}
                <Tooltip title={t('reveal')}>
                  <Button
                    type="link"
                    size="small"
                    icon={<EyeOutlined />}
                    aria-label={t('revealFieldLabel', { label })}
                    onClick={() => onReveal({ field: key, label, masked: String(value) })}
                  />
                </Tooltip>
              </>
            ) : (
              <FieldValue field={field} value={value} />
            ),
        };
      })}
    />
  );
}
