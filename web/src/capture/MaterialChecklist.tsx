import { CheckCircleFilled, ExclamationCircleOutlined, MinusCircleOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Flex, Tag, Typography, theme } from 'antd';
import { type CSSProperties } from 'react';
import { useBilingual, useT } from '../i18n/messages.ts';
import { unresolvedWarnings } from '../shared/page-notes.ts';
import { atTheStation } from './useSupplementMode.ts';
import type { CaseView } from './case-view.ts';
import { missingOf } from './case-view.ts';
import { captureMessages } from './messages.ts';
import type { StagedByMaterial } from './staged-pages.ts';

interface Props {
  kase: CaseView;
  staged: StagedByMaterial;
  current: string | undefined;
  onSelect: (code: string) => void;
  /** The 现场照片 step, when this person may take it: whether one is taken, or waits to be uploaded. */
  portrait: { selected: boolean; staged: boolean; onSelect: () => void } | null;
}

/**
 * Every material of the case with the pages the server has confirmed against the pages it needs: it
 * ticks as uploads are answered, never before. Choosing a row makes it the material being captured.
 */
export function MaterialChecklist({ kase, staged, current, onSelect, portrait }: Props) {
  const t = useT(captureMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const missing = missingOf(kase);
  const row = (selected: boolean): CSSProperties => ({
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
  });
  const openQuality = (code: string) => kase.images.filter((image) => image.materialCode === code && unresolvedWarnings(image).length > 0).length;

  return (
    <Flex vertical gap={token.marginSM}>
      {missing.length === 0 ? (
        <Alert type="success" showIcon title={t('allRequiredComplete')} data-testid="checklist-summary" />
      ) : (
        <Alert type="warning" showIcon title={t('requiredMissing', { n: missing.length })} data-testid="checklist-summary" />
      )}
      {kase.capture.qualityUnresolved > 0 && (
        <Alert
          type="warning"
          showIcon
          // Retake and 仍然使用 are the station's until submission; afterwards the note only informs.
          title={t(atTheStation(kase) ? 'qualityUnresolved' : 'qualityUnresolvedLater', { n: kase.capture.qualityUnresolved })}
          data-testid="quality-summary"
        />
      )}
      <Flex vertical gap={token.marginXXS} role="group" aria-label={t('checklist')}>
        {kase.materials.map((material) => {
          const selected = material.code === current;
          const waiting = staged[material.code]?.length ?? 0;
          const short = Math.max(0, material.minPages - material.pagesCaptured);
          const toCheck = openQuality(material.code);
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
              style={row(selected)}
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
              {toCheck > 0 && <Tag color="gold">{t('qualityBadge', { n: toCheck })}</Tag>}
              {waiting > 0 && <Tag color="processing">{t('stagedBadge', { n: waiting })}</Tag>}
              <Tag color={material.required ? 'blue' : undefined}>{material.required ? t('materialRequired') : t('materialOptional')}</Tag>
            </button>
          );
        })}
        {portrait && (
          <button
            type="button"
            aria-pressed={portrait.selected}
            data-testid="portrait-step"
            onClick={portrait.onSelect}
            style={row(portrait.selected)}
          >
            {kase.portrait ? (
              <CheckCircleFilled style={{ color: token.colorSuccess }} />
            ) : (
              <UserOutlined style={{ color: token.colorTextTertiary }} />
            )}
            <Flex vertical style={{ flex: 1, minWidth: 0 }}>
              <Typography.Text strong={portrait.selected}>{t('portrait')}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                {kase.portrait ? t('portraitDone') : t('portraitNone')}
              </Typography.Text>
            </Flex>
            {portrait.staged && <Tag color="processing">{t('stagedBadge', { n: 1 })}</Tag>}
          </button>
        )}
      </Flex>
    </Flex>
  );
}
