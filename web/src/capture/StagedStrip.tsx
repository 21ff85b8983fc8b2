import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Flex, Typography, theme } from 'antd';
import { useRef, useState } from 'react';
import { useT } from '../i18n/messages.ts';
import { captureMessages } from './messages.ts';
import type { StagedAction, StagedPage } from './staged-pages.ts';
import { StagedPageCard } from './StagedPageCard.tsx';

interface Props {
  materialCode: string;
  materialName: string;
  pages: readonly StagedPage[];
  /** Pages the server already holds for the material: staged pages follow them. */
  serverPages: number;
  retakeId: string | null;
  uploading: boolean;
  otherStaged: number;
  canCapture: boolean;
  height: string;
  dispatch: (action: StagedAction) => void;
  onRetake: (id: string | null) => void;
  onUpload: () => void;
  onUploadAll: () => void;
  onFiles: (files: File[]) => void;
}

export const STRIP_WIDTH = 180;

/**
 * The pages of the current material waiting to be uploaded, beside the live image, in the order the
 * server will number them; image files dropped here join them. The upload sends them in that order.
 */
export function StagedStrip(props: Props) {
  const {
    materialCode: material,
    materialName,
    pages,
    serverPages,
    retakeId,
    uploading,
    otherStaged,
    canCapture,
    dispatch,
    onRetake,
    onFiles,
  } = props;
  const t = useT(captureMessages);
  const { token } = theme.useToken();
  const dragged = useRef<string | null>(null);
  const [fileOver, setFileOver] = useState(false);
  const failed = pages.some((page) => page.state === 'failed');

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
          if (canCapture) onFiles([...event.dataTransfer.files]);
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
      <Typography.Text strong ellipsis={{ tooltip: materialName }}>
        {materialName}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM, marginTop: -token.marginXS }}>
        {t('stagedCount', { n: pages.length })}
      </Typography.Text>
      {pages.length === 0 ? (
        <Flex vertical flex={1} align="center" justify="center" gap={token.marginXS} style={{ textAlign: 'center' }}>
          <InboxOutlined style={{ fontSize: 28, color: token.colorTextTertiary }} />
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {t('stagedEmpty')}
          </Typography.Text>
        </Flex>
      ) : (
        <Flex vertical flex={1} gap={token.marginXS} role="list" aria-label={t('staged')} style={{ overflowY: 'auto', minHeight: 0 }}>
          {pages.map((page, index) => (
            <StagedPageCard
              key={page.id}
              page={page}
              pageNo={serverPages + index + 1}
              first={index === 0}
              last={index === pages.length - 1}
              retakeArmed={retakeId === page.id}
              onRotate={() => dispatch({ type: 'rotate', material, id: page.id })}
              onRetake={() => onRetake(retakeId === page.id ? null : page.id)}
              onRemove={() => {
                if (retakeId === page.id) onRetake(null);
                dispatch({ type: 'remove', material, id: page.id });
              }}
              onMove={(by) => dispatch({ type: 'move', material, id: page.id, to: index + by })}
              onDragStart={() => (dragged.current = page.id)}
              onDropHere={() => {
                if (dragged.current) dispatch({ type: 'move', material, id: dragged.current, to: index });
                dragged.current = null;
              }}
            />
          ))}
        </Flex>
      )}
      <Button type="primary" block onClick={props.onUpload} disabled={pages.length === 0} loading={uploading} icon={<CloudUploadOutlined />}>
        {failed ? t('uploadRetry') : pages.length > 0 ? t('uploadMaterial', { n: pages.length }) : t('upload')}
      </Button>
      {otherStaged > 0 && (
        <Button block onClick={props.onUploadAll} disabled={uploading}>
          {t('uploadAll', { n: otherStaged + pages.length })}
        </Button>
      )}
    </Flex>
  );
}
