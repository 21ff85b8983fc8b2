import { CheckCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography, theme } from 'antd';
import { useBilingual, useT } from '../i18n/messages.ts';
import type { CaseMaterial } from './case-data.ts';
import { caseMessages } from './messages.ts';

/**
 * What the sub-type asks for and what has been captured: at a glance, which required material is
 * still missing. Choosing a material shows its first page in the viewer.
 */
export function MaterialsChecklist({ materials, onShow }: { materials: CaseMaterial[]; onShow: (code: string) => void }) {
  const t = useT(caseMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const required = materials.filter((m) => m.required);
  const done = required.filter((m) => m.complete).length;

  return (
    <Flex vertical gap={token.marginXS}>
      <Typography.Text strong data-testid="materials-summary">
        {done === required.length ? t('materialsAllDone') : t('materialsSummary', { done, total: required.length })}
      </Typography.Text>
      <ul
        data-testid="materials"
        style={{ listStyle: 'none', margin: 0, padding: 0, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius }}
      >
        {materials.map((material, i) => {
          const name = bilingual({ zh: material.name, en: material.nameEn });
          const missing = Math.max(0, material.minPages - material.pagesCaptured);
          const icon = material.complete ? (
            <CheckCircleFilled style={{ color: token.colorSuccess }} />
          ) : material.required ? (
            <ExclamationCircleFilled style={{ color: token.colorWarning }} />
          ) : (
            <MinusCircleOutlined style={{ color: token.colorTextTertiary }} />
          );
          return (
            <li
              key={material.code}
              data-material={material.code}
              data-complete={material.complete}
              style={{
                padding: `${token.paddingXS}px ${token.paddingSM}px`,
                borderTop: i > 0 ? `1px solid ${token.colorBorderSecondary}` : undefined,
              }}
            >
              <Flex align="center" gap={token.marginXS} style={{ minWidth: 0 }}>
                {icon}
                {material.pagesCaptured > 0 ? (
                  <Typography.Link onClick={() => onShow(material.code)} title={t('showPages', { name })} style={{ flex: 1, minWidth: 0 }}>
                    {name}
                  </Typography.Link>
                ) : (
                  <Typography.Text style={{ flex: 1, minWidth: 0 }}>{name}</Typography.Text>
                )}
                {material.verifyOriginal && <Tag style={{ margin: 0 }}>{t('verifyOriginal')}</Tag>}
                <Tag color={material.required ? 'blue' : 'default'} style={{ margin: 0 }}>
                  {material.required ? t('required') : t('optional')}
                </Tag>
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {t('pagesCount', { captured: material.pagesCaptured, min: material.minPages })}
                </Typography.Text>
                {material.required && missing > 0 && (
                  <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                    {t('materialMissing', { n: missing })}
                  </Typography.Text>
                )}
              </Flex>
            </li>
          );
        })}
      </ul>
    </Flex>
  );
}
