import { CheckCircleFilled, CloudUploadOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import type { CaseView } from './case-view.ts';
import { STRIP_WIDTH } from './MaterialStrip.tsx';
import { captureMessages } from './messages.ts';

/** A portrait taken but not yet uploaded: kept in memory only, like staged pages. */
export interface StagedPortrait {
  blob: Blob;
  url: string;
  type: 'image/jpeg' | 'image/png';
  key: string;
  state: 'staged' | 'uploading' | 'failed';
  progress: number;
  error?: string;
}

/**
 * 现场照片 beside the live image: the photograph just taken, to upload or take again, or whether the
 * case has one. The uploaded portrait is never shown here: viewing it is an audited act of its own.
 */
export function PortraitPanel({
  portrait,
  staged,
  height,
  onUpload,
  onDiscard,
}: {
  portrait: CaseView['portrait'];
  staged: StagedPortrait | null;
  height: string;
  onUpload: () => void;
  onDiscard: () => void;
}) {
  const t = useT(captureMessages);
  const { token } = theme.useToken();
  const busy = staged?.state === 'uploading';
  return (
    <Flex
      vertical
      gap={token.marginXS}
      data-testid="portrait-panel"
      style={{
        width: STRIP_WIDTH,
        flex: 'none',
        height,
        padding: token.paddingXS,
        border: `1px dashed ${token.colorBorder}`,
        borderRadius: token.borderRadiusLG,
        background: token.colorFillQuaternary,
      }}
    >
      <Typography.Text strong>{t('portrait')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
        {t('portraitExplain')}
      </Typography.Text>
      <Flex vertical flex={1} align="center" justify="center" gap={token.marginXS} style={{ minHeight: 0 }}>
        {staged ? (
          <img
            src={staged.url}
            alt={t('portraitStagedAlt')}
            style={{ maxWidth: '100%', maxHeight: '100%', minHeight: 0, objectFit: 'contain', borderRadius: token.borderRadius }}
          />
        ) : portrait ? (
          <>
            <CheckCircleFilled style={{ fontSize: 32, color: token.colorSuccess }} />
            <Typography.Text data-testid="portrait-taken">{t('portraitTaken', { time: formatDateTime(portrait.capturedAt) })}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM, textAlign: 'center' }}>
              {t('portraitReplaceHint')}
            </Typography.Text>
          </>
        ) : (
          <>
            <UserOutlined style={{ fontSize: 32, color: token.colorTextTertiary }} />
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {t('portraitNone')}
            </Typography.Text>
          </>
        )}
      </Flex>
      {staged && staged.state !== 'staged' && (
        <Progress
          percent={Math.round(staged.progress * 100)}
          size="small"
          status={staged.state === 'failed' ? 'exception' : 'active'}
          aria-label={t('uploading')}
        />
      )}
      {staged?.error && (
        <Typography.Text type="danger" style={{ fontSize: token.fontSizeSM }} role="alert">
          {staged.error}
        </Typography.Text>
      )}
      {staged && (
        <>
          <Button type="primary" block icon={<CloudUploadOutlined />} loading={busy} onClick={onUpload} data-testid="portrait-upload">
            {staged.state === 'failed' ? t('uploadRetry') : t('portraitUpload')}
          </Button>
          <Button block disabled={busy} onClick={onDiscard}>
            {t('portraitDiscard')}
          </Button>
        </>
      )}
    </Flex>
  );
}
