import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  CameraOutlined,
  DeleteOutlined,
  FilePdfOutlined,
  FileImageOutlined,
  RedoOutlined,
} from '@ant-design/icons';
import { Button, Flex, Progress, Tooltip, Typography, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
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

const THUMB_WIDTH = 140;
const THUMB_HEIGHT = 105;

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
    <Flex
      vertical
      gap={token.marginXXS}
      role="listitem"
      aria-label={label}
      data-testid="staged-page"
      data-rotation={page.rotation}
      data-state={page.state}
      draggable={!busy}
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = 'move';
        onDragStart();
      }}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        onDropHere();
      }}
      style={{
        padding: token.paddingXS,
        border: `${retakeArmed ? 2 : 1}px solid ${retakeArmed ? token.colorPrimary : page.state === 'failed' ? token.colorError : token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        background: token.colorBgContainer,
        cursor: busy ? 'default' : 'grab',
        flex: 'none',
      }}
    >
      <Tooltip title={editable ? t('dragHint') : undefined}>
        <div
          style={{
            height: THUMB_HEIGHT,
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'center',
            justifyContent: 'center',
            gap: token.marginXXS,
            background: token.colorFillTertiary,
            overflow: 'hidden',
          }}
        >
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
        </div>
      </Tooltip>
      <Typography.Text style={{ textAlign: 'center', fontSize: token.fontSizeSM }}>{isFile ? t('fileFrom', { n: pageNo }) : label}</Typography.Text>
      {page.state === 'staged' || page.state === 'failed' ? (
        <Flex justify="space-between" style={{ marginInline: -token.marginXXS }}>
          <Tooltip title={t('moveEarlier')}>
            <Button
              size="small"
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={`${label} ${t('moveEarlier')}`}
              disabled={first}
              onClick={() => onMove(-1)}
            />
          </Tooltip>
          <Tooltip title={t('rotate')}>
            <Button
              size="small"
              type="text"
              icon={<RedoOutlined />}
              aria-label={`${label} ${t('rotate')}`}
              disabled={!isRotatable(page)}
              onClick={onRotate}
            />
          </Tooltip>
          <Tooltip title={t('retake')}>
            <Button
              size="small"
              type="text"
              icon={<CameraOutlined />}
              aria-label={`${label} ${t('retake')}`}
              disabled={!editable || isFile}
              onClick={onRetake}
            />
          </Tooltip>
          <Tooltip title={t('remove')}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${label} ${t('remove')}`} onClick={onRemove} />
          </Tooltip>
          <Tooltip title={t('moveLater')}>
            <Button
              size="small"
              type="text"
              icon={<ArrowRightOutlined />}
              aria-label={`${label} ${t('moveLater')}`}
              disabled={last}
              onClick={() => onMove(1)}
            />
          </Tooltip>
        </Flex>
      ) : null}
      {page.state !== 'staged' && (
        <Progress
          percent={Math.round(page.progress * 100)}
          size="small"
          status={page.state === 'failed' ? 'exception' : 'active'}
          aria-label={t('uploading')}
          data-testid="page-progress"
        />
      )}
      {page.error && (
        <Typography.Text type="danger" style={{ fontSize: token.fontSizeSM }} role="alert">
          {page.error}
        </Typography.Text>
      )}
    </Flex>
  );
}
