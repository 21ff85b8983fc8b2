import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Divider, Flex, Typography, theme } from 'antd';
import { useRef, useState } from 'react';
import { useT } from '../i18n/messages.ts';
import type { CapturedPage } from '../shared/page-notes.ts';
import { CapturedPageCard, type CapturedPagePermissions } from './CapturedPageCard.tsx';
import { captureMessages } from './messages.ts';
import { queued, type StagedAction, type StagedPage } from './staged-pages.ts';
import { StagedPageCard } from './StagedPageCard.tsx';

/** What the next capture does: a new page, or a page in place of a staged one or of one the server holds. */
export type RetakeTarget = { kind: 'staged'; id: string } | { kind: 'captured'; imageId: string; pageNo: number };

interface Props {
  caseId: string;
  materialCode: string;
  materialName: string;
  /** The material's pages the server holds, in their order. */
  captured: readonly CapturedPage[];
  /** The material's staged pages, retakes waiting to be sent included. */
  staged: readonly StagedPage[];
  retake: RetakeTarget | null;
  uploading: boolean;
  otherStaged: number;
  canAdd: boolean;
  may: CapturedPagePermissions;
  /** An act on the pages the server holds is under way. */
  actsBusy: boolean;
  height: string;
  dispatch: (action: StagedAction) => void;
  onRetake: (target: RetakeTarget | null) => void;
  onReorder: (imageIds: string[]) => void;
  onOverride: (page: CapturedPage) => void;
  onRemove: (page: CapturedPage) => void;
  onRetryReplacement: (stagedId: string) => void;
  onUpload: () => void;
  onUploadAll: () => void;
  onFiles: (files: File[]) => void;
}

export const STRIP_WIDTH = 200;

function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(Math.max(0, Math.min(next.length, to)), 0, item);
  return next;
}

/**
 * The current material beside the live image: first its pages the server holds (each with what the
 * quality checks found), then the pages waiting to be uploaded, numbered as the server will number
 * them; files dropped here join them. The upload sends the waiting pages in their order.
 */
export function MaterialStrip(props: Props) {
  const { materialCode: material, captured, staged, retake, uploading, canAdd, may, actsBusy, dispatch, onRetake, onFiles } = props;
  const t = useT(captureMessages);
  const { token } = theme.useToken();
  const dragged = useRef<{ kind: 'captured' | 'staged'; id: string } | null>(null);
  const [fileOver, setFileOver] = useState(false);
  const waiting = queued(staged);
  const failed = waiting.some((page) => page.state === 'failed');
  const replacementOf = (imageId: string) => staged.find((page) => page.replaces === imageId);

  const dropOn = (kind: 'captured' | 'staged', index: number) => {
    const from = dragged.current;
    dragged.current = null;
    if (!from || from.kind !== kind) return;
    if (kind === 'staged') {
      dispatch({ type: 'move', material, id: from.id, to: index });
      return;
    }
    const ids = captured.map((page) => page.id);
    const at = ids.indexOf(from.id);
    if (at >= 0 && at !== index) props.onReorder(moved(ids, at, index));
  };

  return (
    <Flex
      vertical
      gap={token.marginXS}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) {
          event.preventDefault();
          setFileOver(true);
        }
      }}
      onDragLeave={() => setFileOver(false)}
      onDrop={(event) => {
        setFileOver(false);
        if (event.dataTransfer.files.length > 0) {
          event.preventDefault();
          if (canAdd) onFiles([...event.dataTransfer.files]);
        }
      }}
      style={{
        width: STRIP_WIDTH,
        flex: 'none',
        height: props.height,
        padding: token.paddingXS,
        border: `1px ${fileOver ? 'solid' : 'dashed'} ${fileOver ? token.colorPrimary : token.colorBorder}`,
        borderRadius: token.borderRadiusLG,
        background: fileOver ? token.colorPrimaryBg : token.colorFillQuaternary,
      }}
      data-testid="staged-strip"
    >
      <Typography.Text strong ellipsis={{ tooltip: props.materialName }}>
        {props.materialName}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM, marginTop: -token.marginXS }} data-testid="strip-counts">
        {t('stripCounts', { captured: captured.length, staged: waiting.length })}
      </Typography.Text>
      {captured.length === 0 && waiting.length === 0 ? (
        <Flex vertical flex={1} align="center" justify="center" gap={token.marginXS} style={{ textAlign: 'center' }}>
          <InboxOutlined style={{ fontSize: 28, color: token.colorTextTertiary }} />
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {canAdd ? t('stagedEmpty') : t('nothingCaptured')}
          </Typography.Text>
        </Flex>
      ) : (
        <Flex vertical flex={1} gap={token.marginXS} style={{ overflowY: 'auto', minHeight: 0 }}>
          {captured.length > 0 && (
            <Flex vertical gap={token.marginXS} role="list" aria-label={t('capturedPages')} data-testid="captured-pages">
              {captured.map((page, index) => (
                <CapturedPageCard
                  key={page.id}
                  caseId={props.caseId}
                  page={page}
                  first={index === 0}
                  last={index === captured.length - 1}
                  may={may}
                  busy={actsBusy}
                  retakeArmed={retake?.kind === 'captured' && retake.imageId === page.id}
                  replacement={replacementOf(page.id)}
                  onMove={(by) =>
                    props.onReorder(
                      moved(
                        captured.map((p) => p.id),
                        index,
                        index + by,
                      ),
                    )
                  }
                  onRetake={() =>
                    onRetake(
                      retake?.kind === 'captured' && retake.imageId === page.id ? null : { kind: 'captured', imageId: page.id, pageNo: page.pageNo },
                    )
                  }
                  onOverride={() => props.onOverride(page)}
                  onRemove={() => props.onRemove(page)}
                  onRetryReplacement={() => {
                    const replacement = replacementOf(page.id);
                    if (replacement) props.onRetryReplacement(replacement.id);
                  }}
                  onDropReplacement={() => {
                    const replacement = replacementOf(page.id);
                    if (replacement) dispatch({ type: 'remove', material, id: replacement.id });
                  }}
                  onDragStart={() => (dragged.current = { kind: 'captured', id: page.id })}
                  onDropHere={() => dropOn('captured', index)}
                />
              ))}
            </Flex>
          )}
          {captured.length > 0 && waiting.length > 0 && (
            <Divider plain style={{ margin: 0, fontSize: token.fontSizeSM }}>
              {t('staged')}
            </Divider>
          )}
          {waiting.length > 0 && (
            <Flex vertical gap={token.marginXS} role="list" aria-label={t('staged')}>
              {waiting.map((page, index) => (
                <StagedPageCard
                  key={page.id}
                  page={page}
                  pageNo={captured.length + index + 1}
                  first={index === 0}
                  last={index === waiting.length - 1}
                  retakeArmed={retake?.kind === 'staged' && retake.id === page.id}
                  onRotate={() => dispatch({ type: 'rotate', material, id: page.id })}
                  onRetake={() => onRetake(retake?.kind === 'staged' && retake.id === page.id ? null : { kind: 'staged', id: page.id })}
                  onRemove={() => {
                    if (retake?.kind === 'staged' && retake.id === page.id) onRetake(null);
                    dispatch({ type: 'remove', material, id: page.id });
                  }}
                  onMove={(by) => dispatch({ type: 'move', material, id: page.id, to: index + by })}
                  onDragStart={() => (dragged.current = { kind: 'staged', id: page.id })}
                  onDropHere={() => dropOn('staged', index)}
                />
              ))}
            </Flex>
          )}
        </Flex>
      )}
      {canAdd && (
        <Button type="primary" block onClick={props.onUpload} disabled={waiting.length === 0} loading={uploading} icon={<CloudUploadOutlined />}>
          {failed ? t('uploadRetry') : waiting.length > 0 ? t('uploadMaterial', { n: waiting.length }) : t('upload')}
        </Button>
      )}
      {canAdd && props.otherStaged > 0 && (
        <Button block onClick={props.onUploadAll} disabled={uploading}>
          {t('uploadAll', { n: props.otherStaged + waiting.length })}
        </Button>
      )}
    </Flex>
  );
}
