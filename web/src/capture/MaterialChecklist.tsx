import { CheckCircleFilled, ExclamationCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Alert, Flex, Tag, Typography, theme } from 'antd';
import { useBilingual, useT } from '../i18n/messages.ts';
import type { CaseView } from './case-view.ts';
import { missingOf } from './case-view.ts';
import { captureMessages } from './messages.ts';
import type { StagedByMaterial } from './staged-pages.ts';

interface Props {
  kase: CaseView;
  staged: StagedByMaterial;
  current: string | undefined;
  onSelect: (code: string) => void;
}

/**
 * Every material of the case with the pages the server has confirmed against the pages it needs: it
 * ticks as uploads are answered, never before. Choosing a row makes it the material being captured.
 */
export function MaterialChecklist({ kase, staged, current, onSelect }: Props) {
  const t = useT(captureMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const missing = missingOf(kase);

  return (
    <Flex vertical gap={token.marginSM}>
      {missing.length === 0 ? (
        <Alert type="success" showIcon title={t('allRequiredComplete')} data-testid="checklist-summary" />
      ) : (
        <Alert type="warning" showIcon title={t('requiredMissing', { n: missing.length })} data-testid="checklist-summary" />
      )}
      <Flex vertical gap={token.marginXXS} role="group" aria-label={t('checklist')}>
        {kase.materials.map((material) => {
          const selected = material.code === current;
          const waiting = staged[material.code]?.length ?? 0;
          const short = Math.max(0, material.minPages - material.pagesCaptured);
          const icon = material.complete ? (
            <CheckCircleFilled style={{ color: token.colorSuccess }} />
          ) : material.required ? (
            <ExclamationCircleOutlined style={{ color: token.colorWarning }} />
          ) : (
            <MinusCircleOutlined style={{ color: token.colorTextTertiary }} />
          );
          return (
            <button
              key={material.code}
              type="button"
              aria-pressed={selected}
              data-testid={`material-${material.code}`}
              data-complete={material.complete}
              onClick={() => onSelect(material.code)}
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: token.marginXS,
                width: '100%',
                textAlign: 'start',
                padding: `${token.paddingXS}px ${token.paddingSM}px`,
                border: `1px solid ${selected ? token.colorPrimary : token.colorBorderSecondary}`,
                borderRadius: token.borderRadius,
                background: selected ? token.colorPrimaryBg : token.colorBgContainer,
                cursor: 'pointer',
                font: 'inherit',
                color: token.colorText,
              }}
            >
              {icon}
              <Flex vertical style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text strong={selected} ellipsis>
                  {bilingual({ zh: material.name, en: material.nameEn })}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }} data-testid={`pages-${material.code}`}>
                  {t('pagesProgress', { captured: material.pagesCaptured, min: material.minPages })}
                  {material.required && short > 0 && ` · ${t('stillNeeded', { n: short })}`}
                </Typography.Text>
              </Flex>
              {waiting > 0 && <Tag color="processing">{t('stagedBadge', { n: waiting })}</Tag>}
              <Tag color={material.required ? 'blue' : undefined}>{material.required ? t('materialRequired') : t('materialOptional')}</Tag>
            </button>
          );
        })}
      </Flex>
    </Flex>
  );
}
