import { CameraOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select, Spin, Tag, Tooltip, Typography, theme } from 'antd';
import { type ChangeEvent, type ReactNode, type RefObject, useEffect, useRef } from 'react';
import { useT } from '../i18n/messages.ts';
import { captureMessages } from './messages.ts';
import type { CameraState } from './useCamera.ts';

interface Props {
  camera: CameraState;
  videoRef: RefObject<HTMLVideoElement | null>;
  canCapture: boolean;
  capturing: boolean;
  /** What the next capture will replace, said above the live image; null for a new page. */
  retakeNote: string | null;
  /** The capture button's words: 拍摄, or 拍摄现场照片 on the portrait step. */
  captureLabel: string;
  /** The files the picker offers: pages (images, PDF, TIFF), or only pictures for the portrait. */
  accept: string;
  onCapture: () => void;
  onCancelRetake: () => void;
  onFiles: (files: File[]) => void;
  /** What sits beside the live image: the pages staged for the current material. */
  aside: ReactNode;
  /** The live image's height: less when a notice above the camera takes room. */
  previewHeight?: string;
}

/** The live image fills what the window leaves below the page header (1366×768 included). */
export const PREVIEW_HEIGHT = 'max(300px, calc(100vh - 310px))';
/** The same, below a notice (补录, capture closed). */
export const PREVIEW_HEIGHT_BELOW_NOTICE = 'max(300px, calc(100vh - 410px))';

/** Below this a page of small print is hard to read (about 2 MP). */
const LOW_RESOLUTION = 1600 * 1200;

/** The live image of the document camera, large, with the device, the resolution obtained and the capture button. */
export function CameraPanel(props: Props) {
  const { camera, videoRef, canCapture, capturing, retakeNote, captureLabel, accept, onCapture, onCancelRetake, onFiles, aside } = props;
  const previewHeight = props.previewHeight ?? PREVIEW_HEIGHT;
  const t = useT(captureMessages);
  const { token } = theme.useToken();
  const fileInput = useRef<HTMLInputElement>(null);
  const { stream, devices, deviceId, resolution, problem } = camera;

  useEffect(() => {
    const video = videoRef.current;
    if (video && video.srcObject !== stream) video.srcObject = stream;
  }, [stream, videoRef]);

  const chooseFiles = (event: ChangeEvent<HTMLInputElement>) => {
    onFiles([...(event.target.files ?? [])]);
    event.target.value = '';
  };

  const problemText = problem === 'denied' ? t('cameraDenied') : problem === 'notFound' ? t('cameraNotFound') : t('cameraBusy');
  const megapixels = resolution ? ((resolution.width * resolution.height) / 1_000_000).toFixed(1) : '';

  return (
    <Flex vertical gap={token.marginSM}>
      <Flex gap={token.marginSM} align="center" wrap>
        <Select
          aria-label={t('cameraDevice')}
          style={{ minWidth: 220, maxWidth: 320 }}
          value={deviceId}
          placeholder={t('cameraDefault')}
          options={devices.map((device, index) => ({ value: device.deviceId, label: device.label || t('cameraUnnamed', { n: index + 1 }) }))}
          onChange={camera.chooseDevice}
          disabled={devices.length === 0}
        />
        {resolution && (
          <Tooltip title={t('cameraResolutionLabel')}>
            <Tag data-testid="camera-resolution" color={resolution.width * resolution.height < LOW_RESOLUTION ? 'orange' : 'blue'}>
              {t('cameraResolution', { width: resolution.width, height: resolution.height, mp: megapixels })}
            </Tag>
          </Tooltip>
        )}
        <Flex flex={1} justify="flex-end" gap={token.marginXS}>
          <Tooltip title={t('chooseFilesHint')}>
            <Button icon={<FolderOpenOutlined />} onClick={() => fileInput.current?.click()} disabled={!canCapture}>
              {t('chooseFiles')}
            </Button>
          </Tooltip>
          <input
            ref={fileInput}
            type="file"
            accept={accept}
            multiple
            hidden
            aria-label={t('chooseFiles')}
            data-testid="choose-files"
            onChange={chooseFiles}
          />
          <Tooltip title={t('captureShortcut')}>
            <Button type="primary" icon={<CameraOutlined />} onClick={onCapture} disabled={!stream || !canCapture} loading={capturing}>
              {captureLabel}
            </Button>
          </Tooltip>
        </Flex>
      </Flex>
      {problem && (
        <Alert
          type="warning"
          showIcon
          title={problemText}
          action={
            <Button size="small" onClick={camera.retry}>
              {t('cameraRetry')}
            </Button>
          }
        />
      )}
      {resolution && resolution.width * resolution.height < LOW_RESOLUTION && <Alert type="warning" showIcon title={t('cameraLowResolution')} />}
      {retakeNote !== null && (
        <Alert
          type="info"
          showIcon
          data-testid="retake-armed"
          title={retakeNote}
          action={
            <Button size="small" onClick={onCancelRetake}>
              {t('retakeCancel')}
            </Button>
          }
        />
      )}
      <Flex gap={token.marginSM} align="stretch">
        <div
          style={{
            position: 'relative',
            flex: 1,
            minWidth: 0,
            background: token.colorBgSpotlight,
            borderRadius: token.borderRadius,
            height: previewHeight,
            overflow: 'hidden',
          }}
        >
          <video
            ref={videoRef}
            autoPlay
            muted
            playsInline
            aria-label={t('preview')}
            data-testid="camera-preview"
            style={{ width: '100%', height: '100%', objectFit: 'contain', display: 'block' }}
          />
          {!stream && !problem && (
            <Flex vertical align="center" justify="center" gap={token.marginXS} style={{ position: 'absolute', inset: 0 }}>
              <Spin />
              <Typography.Text style={{ color: token.colorTextLightSolid }}>{t('cameraStarting')}</Typography.Text>
            </Flex>
          )}
        </div>
        {aside}
      </Flex>
    </Flex>
  );
}
