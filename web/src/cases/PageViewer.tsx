import {
  CameraOutlined,
  ColumnWidthOutlined,
  CompressOutlined,
  DownloadOutlined,
  FullscreenExitOutlined,
  FullscreenOutlined,
  LeftOutlined,
  RightOutlined,
  RotateLeftOutlined,
  RotateRightOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
} from '@ant-design/icons';
import { Button, Divider, Empty, Flex, Tag, Tooltip, Typography, theme } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useBilingual, useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import type { CaseImage, CaseMaterial } from './case-data.ts';
import { chordLabel, useShortcuts } from '../shared/keyboard.ts';
import { pageUrl } from '../shared/page-image.ts';
import { pageNoteMessages } from '../shared/page-messages.ts';
import { type ReuseFinding, unresolvedWarnings } from '../shared/page-notes.ts';
import { caseMessages } from './messages.ts';
import { hasNotes, PageNotes } from './PageNotes.tsx';
import { PageStage, type StageControls } from './PageStage.tsx';
import { PageThumbnail } from './PageThumbnail.tsx';

const KEYS = {
  previous: 'ArrowLeft',
  next: 'ArrowRight',
  zoomIn: 'Equal',
  zoomOut: 'Minus',
  fitWidth: 'KeyW',
  fitPage: 'Digit0',
  rotateLeft: 'KeyL',
  rotateRight: 'KeyR',
  fullScreen: 'KeyF',
} as const;

function ToolButton({
  label,
  chord,
  icon,
  onClick,
  disabled,
}: {
  label: string;
  chord?: string;
  icon: ReactNode;
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <Tooltip title={chord ? `${label} (${chordLabel(chord)})` : label}>
      <Button type="text" size="small" icon={icon} aria-label={label} onClick={onClick} disabled={disabled} />
    </Tooltip>
  );
}

/**
 * The captured pages beside the form: one page large (its preview: zoom, pan, rotate, fit, full
 * screen; the original file a click away), its material, capture and notes (补录, quality, reuse)
 * over it, every page's thumbnail below; ←/→ page through them.
 */
export function PageViewer({
  caseId,
  pages,
  materials,
  index,
  onIndexChange,
  nameOf,
  captureHref,
  onCompare,
}: {
  caseId: string;
  pages: CaseImage[];
  materials: CaseMaterial[];
  index: number;
  onIndexChange: (index: number) => void;
  nameOf: (userId: string) => string;
  /** Where pages are captured, when this person may capture them now. */
  captureHref?: string;
  onCompare: (page: CaseImage, finding: ReuseFinding) => void;
}) {
  const t = useT(caseMessages);
  const tn = useT(pageNoteMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const frame = useRef<HTMLDivElement>(null);
  const stage = useRef<StageControls>(null);
  const navigate = useNavigate();
  const [rotations, setRotations] = useState<Record<string, number>>({});
  const [fullScreen, setFullScreen] = useState(false);

  const page = pages[index];
  const rotation = page ? (rotations[page.id] ?? 0) : 0;
  const materialName = (code: string) => {
    const material = materials.find((m) => m.code === code);
    return material ? bilingual({ zh: material.name, en: material.nameEn }) : code;
  };

  useEffect(() => {
    const onChange = () => setFullScreen(document.fullscreenElement === frame.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const thumbnailLabel = (p: CaseImage, n: number) => {
    const base = t('thumbnail', { n, material: t('materialPage', { material: materialName(p.materialCode), n: p.pageNo }) });
    const notes = [
      p.late && t('late'),
      p.supplement && tn('supplement'),
      unresolvedWarnings(p).length > 0 && t('qualityNote'),
      p.reuse.length > 0 && tn('reused'),
    ].filter((note): note is string => Boolean(note));
    return notes.length > 0 ? t('withNotes', { base, notes: notes.join(t('listSeparator')) }) : base;
  };

  const go = (delta: number) => {
    if (pages.length === 0) return;
    onIndexChange(Math.min(pages.length - 1, Math.max(0, index + delta)));
  };
  const rotate = (degrees: number) => {
    if (page) setRotations((all) => ({ ...all, [page.id]: ((all[page.id] ?? 0) + degrees + 360) % 360 }));
  };
  const toggleFullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frame.current?.requestFullscreen();
  };

  useShortcuts({
    [KEYS.previous]: () => go(-1),
    [KEYS.next]: () => go(1),
    [KEYS.zoomIn]: () => stage.current?.zoomIn(),
    [KEYS.zoomOut]: () => stage.current?.zoomOut(),
    [KEYS.fitWidth]: () => stage.current?.fitWidth(),
    [KEYS.fitPage]: () => stage.current?.fitPage(),
    [KEYS.rotateLeft]: () => rotate(-90),
    [KEYS.rotateRight]: () => rotate(90),
    [KEYS.fullScreen]: toggleFullScreen,
  });

  if (!page) {
    return (
      <Flex vertical align="center" justify="center" style={{ height: '100%' }} data-testid="page-viewer-empty">
        <Empty description={t('viewerEmpty')}>
          {captureHref ? (
            <Button type="primary" icon={<CameraOutlined />} onClick={() => void navigate(captureHref)}>
              {t('capture')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('viewerEmptyHint')}</Typography.Text>
          )}
        </Empty>
      </Flex>
    );
  }

  const material = materialName(page.materialCode);
  return (
    <Flex
      vertical
      ref={frame}
      data-testid="page-viewer"
      style={{ height: '100%', minHeight: 0, background: token.colorBgLayout, borderRadius: fullScreen ? 0 : token.borderRadius }}
    >
      <Flex
        align="center"
        wrap
        gap={token.marginXXS}
        style={{
          padding: `${token.paddingXXS}px ${token.paddingXS}px`,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
        role="toolbar"
        aria-label={t('viewerTitle')}
      >
        <ToolButton label={t('previousPage')} chord={KEYS.previous} icon={<LeftOutlined />} onClick={() => go(-1)} disabled={index === 0} />
        <Typography.Text data-testid="page-position" style={{ minWidth: 88, textAlign: 'center' }}>
          {t('pageOf', { n: index + 1, total: pages.length })}
        </Typography.Text>
        <ToolButton label={t('nextPage')} chord={KEYS.next} icon={<RightOutlined />} onClick={() => go(1)} disabled={index === pages.length - 1} />
        <Divider orientation="vertical" />
        <ToolButton label={t('zoomOut')} chord={KEYS.zoomOut} icon={<ZoomOutOutlined />} onClick={() => stage.current?.zoomOut()} />
        <ToolButton label={t('zoomIn')} chord={KEYS.zoomIn} icon={<ZoomInOutlined />} onClick={() => stage.current?.zoomIn()} />
        <ToolButton label={t('fitWidth')} chord={KEYS.fitWidth} icon={<ColumnWidthOutlined />} onClick={() => stage.current?.fitWidth()} />
        <ToolButton label={t('fitPage')} chord={KEYS.fitPage} icon={<CompressOutlined />} onClick={() => stage.current?.fitPage()} />
        <ToolButton label={t('rotateLeft')} chord={KEYS.rotateLeft} icon={<RotateLeftOutlined />} onClick={() => rotate(-90)} />
        <ToolButton label={t('rotateRight')} chord={KEYS.rotateRight} icon={<RotateRightOutlined />} onClick={() => rotate(90)} />
        <Divider orientation="vertical" />
        <Tooltip title={t('downloadOriginalHint')}>
          <Button
            type="text"
            size="small"
            icon={<DownloadOutlined />}
            aria-label={t('downloadOriginal')}
            href={pageUrl(caseId, page.id, 'original')}
            download
            data-testid="page-original"
          />
        </Tooltip>
        <ToolButton
          label={fullScreen ? t('exitFullScreen') : t('fullScreen')}
          chord={KEYS.fullScreen}
          icon={fullScreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
          onClick={toggleFullScreen}
        />
      </Flex>

      <Flex
        wrap
        gap={token.marginXS}
        align="center"
        style={{
          padding: `${token.paddingXXS}px ${token.paddingXS}px`,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <Tag color="processing" style={{ margin: 0 }} data-testid="page-material">
          {t('materialPage', { material, n: page.pageNo })}
        </Tag>
        {page.late && (
          <Tooltip title={t('lateHint')}>
            <Tag color="error" style={{ margin: 0 }} data-testid="page-late">
              {t('late')}
            </Tag>
          </Tooltip>
        )}
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto', fontSize: token.fontSizeSM }}>
          {t('capturedBy', { name: nameOf(page.capturedBy), time: formatDateTime(page.capturedAt) })}
        </Typography.Text>
      </Flex>
      {hasNotes(page) && (
        <div style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <PageNotes page={page} nameOf={nameOf} onCompare={(finding) => onCompare(page, finding)} />
        </div>
      )}

      <div style={{ position: 'relative', flex: 1, minHeight: 0, overflow: 'hidden' }}>
        <PageStage
          key={page.id}
          caseId={caseId}
          imageId={page.id}
          rotation={rotation}
          alt={t('pageImageAlt', { material, n: page.pageNo })}
          controlsRef={stage}
        />
      </div>

      <Flex
        gap={token.marginXS}
        role="group"
        aria-label={t('thumbnails')}
        style={{
          padding: token.paddingXS,
          overflowX: 'auto',
          background: token.colorBgContainer,
          borderTop: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        {pages.map((p, i) => (
          <PageThumbnail
            key={p.id}
            caseId={caseId}
            imageId={p.id}
            number={i + 1}
            marks={{ late: p.late, supplement: p.supplement !== null, attention: unresolvedWarnings(p).length > 0 || p.reuse.length > 0 }}
            current={i === index}
            label={thumbnailLabel(p, i + 1)}
            onSelect={() => onIndexChange(i)}
          />
        ))}
      </Flex>
    </Flex>
  );
}
