import { CameraOutlined, DeleteOutlined, FilePdfOutlined, FileImageOutlined, RedoOutlined } from '@ant-design/icons';
import { Tooltip, Typography, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { ArrangeBar, CardIconButton, PageCardFrame, PageThumbBox, SendError, SendProgress, THUMB_HEIGHT } from '../shared/PageCard.tsx';
import { isDocumentType } from './file-kind.ts';
import { captureMessages } from './messages.ts';
import { isEditable, isRotatable, type StagedPage } from './staged-pages.ts';

interface Props {
  page: StagedPage;
  pageNo: number;
  first: boolean;
  last: boolean;
  retakeArmed: boolean;
  onRotate: () => void;
  onRetake: () => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
  onDragStart: () => void;
  onDropHere: () => void;
}

/** The box's width at the strip's width: bounds a sideways picture's height. */
const THUMB_WIDTH = 140;

function sizeLabel(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
}

/**
 * One staged page: its thumbnail as it will be uploaded (turned), its place, and what can be done
 * with it. A PDF or TIFF shows as its file: the browser does not draw it; its pages appear once the
 * server has read them.
 */
export function StagedPageCard({ page, pageNo, first, last, retakeArmed, onRotate, onRetake, onRemove, onMove, onDragStart, onDropHere }: Props) {
  const t = useT(captureMessages);
  const { token } = theme.useToken();
  const editable = isEditable(page);
  const isFile = isDocumentType(page.type);
  const busy = page.state === 'uploading';
  const label = t('pageNo', { n: pageNo });
  const sideways = page.rotation === 90 || page.rotation === 270;

  return (
    <PageCardFrame
      label={label}
      data={{ 'data-testid': 'staged-page', 'data-rotation': page.rotation, 'data-state': page.state }}
      retakeArmed={retakeArmed}
      borderColor={page.state === 'failed' ? token.colorError : token.colorBorderSecondary}
      background={token.colorBgContainer}
      draggable={!busy}
      onDragStart={onDragStart}
      onDropHere={onDropHere}
    >
      <Tooltip title={editable ? t('dragHint') : undefined}>
        <PageThumbBox>
          {page.thumbUrl ? (
            <img
              src={page.thumbUrl}
              alt={label}
              draggable={false}
              style={{
                // Turned sideways, the picture's width becomes its height: bound each by the other side of the box.
                maxWidth: sideways ? THUMB_HEIGHT : '100%',
                maxHeight: sideways ? THUMB_WIDTH : THUMB_HEIGHT,
                transform: `rotate(${page.rotation}deg)`,
                transition: 'transform 0.15s',
              }}
            />
          ) : (
            <>
              {page.type === 'application/pdf' ? (
                <FilePdfOutlined style={{ fontSize: 32, color: token.colorError }} aria-hidden />
              ) : (
                <FileImageOutlined style={{ fontSize: 32, color: token.colorPrimary }} aria-hidden />
              )}
              <Typography.Text
                ellipsis={{ tooltip: page.name }}
                style={{ fontSize: token.fontSizeSM, maxWidth: '90%' }}
                data-testid="staged-file-name"
              >
                {page.name}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                {t('fileKind', { type: page.type === 'application/pdf' ? 'PDF' : 'TIFF', size: sizeLabel(page.image.size) })}
              </Typography.Text>
            </>
          )}
        </PageThumbBox>
      </Tooltip>
      <Typography.Text style={{ textAlign: 'center', fontSize: token.fontSizeSM }}>{isFile ? t('fileFrom', { n: pageNo }) : label}</Typography.Text>
      {(page.state === 'staged' || page.state === 'failed') && (
        <ArrangeBar label={label} earlierText={t('moveEarlier')} laterText={t('moveLater')} first={first} last={last} onMove={onMove}>
          <CardIconButton label={label} title={t('rotate')} icon={<RedoOutlined />} disabled={!isRotatable(page)} onClick={onRotate} />
          <CardIconButton label={label} title={t('retake')} icon={<CameraOutlined />} disabled={!editable || isFile} onClick={onRetake} />
          <CardIconButton label={label} title={t('remove')} danger icon={<DeleteOutlined />} onClick={onRemove} />
        </ArrangeBar>
      )}
      {page.state !== 'staged' && <SendProgress upload={page} label={t('uploading')} data={{ 'data-testid': 'page-progress' }} />}
      {page.error && <SendError>{page.error}</SendError>}
    </PageCardFrame>
  );
}
