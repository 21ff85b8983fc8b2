import { CheckCircleFilled } from '@ant-design/icons';
import { Card, Descriptions, Tag, Typography, theme } from 'antd';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ApprovalChain } from './ApprovalChain.tsx';
import type { CatalogSubtype } from './catalog.ts';
import { acceptanceMessages } from './messages.ts';

/** What a sub-type asks of the window: who approves, how long capture and approval may take, which materials. */
export function SubtypeDetail({ subtype, chosen }: { subtype: CatalogSubtype; chosen: boolean }) {
  const t = useT(acceptanceMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const required = subtype.materials.filter((material) => material.required);
  return (
    <Card
      size="small"
      title={
        <span>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', marginInlineEnd: token.marginXS }}>
            {subtype.code}
          </Typography.Text>
          {bilingual({ zh: subtype.name, en: subtype.nameEn })}
        </span>
      }
      extra={
        chosen && (
          <Tag color="blue" icon={<CheckCircleFilled />}>
            {t('subtypeChosen')}
          </Tag>
        )
      }
    >
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { color: token.colorTextSecondary } }}
        items={[
          { key: 'chain', label: t('chain'), children: <ApprovalChain chain={subtype.approvalChain} /> },
          { key: 'capture', label: t('captureLimit'), children: t('hours', { n: subtype.captureLimitHours }) },
          { key: 'approval', label: t('approvalLimit'), children: t('hours', { n: subtype.approvalLimitHours }) },
          { key: 'fields', label: t('stepFields'), children: t('fieldsCount', { n: subtype.fields.length }) },
          {
            key: 'materials',
            label: t('stepMaterials'),
            children: t('materialsCount', { n: subtype.materials.length, required: required.length }),
          },
        ]}
      />
      <ul style={{ margin: `${token.marginXS}px 0 0`, paddingInlineStart: token.paddingLG }}>
        {subtype.materials.map((material) => (
          <li key={material.code}>
            <Typography.Text type={material.required ? undefined : 'secondary'}>
              {bilingual({ zh: material.name, en: material.nameEn })}
              {!material.required && ` (${t('materialOptional')})`}
            </Typography.Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}
