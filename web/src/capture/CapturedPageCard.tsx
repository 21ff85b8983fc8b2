import { CameraOutlined, CheckCircleOutlined, CopyOutlined, DeleteOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Flex, Spin, Tag, Tooltip, Typography, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { useObjectUrl, usePageBlob } from '../shared/page-image.ts';
import { pageNoteMessages } from '../shared/page-messages.ts';
import { ArrangeBar, CardIconButton, PageCardFrame, PageThumbBox, SendError, SendProgress, THUMB_HEIGHT } from '../shared/PageCard.tsx';
import { type CapturedPage, unresolvedWarnings, useQualityText } from '../shared/page-notes.ts';
import { captureMessages } from './messages.ts';
import type { StagedPage } from './staged-pages.ts';

export interface CapturedPagePermissions {
  /** 整理: reorder and remove (before submission). */
  arrange: boolean;
  /** 重拍: a new page in this one's place (before submission). */
  retake: boolean;
  /** 仍然使用: an officer's acceptance of the warnings. */
  override: boolean;
}

interface Props {
  caseId: string;
  page: CapturedPage;
  first: boolean;
  last: boolean;
  may: CapturedPagePermissions;
  /** Another act on the material's pages is under way. */
  busy: boolean;
  retakeArmed: boolean;
  /** The retake of this page, while it is sent or after it failed. */
  replacement: StagedPage | undefined;
  onMove: (by: -1 | 1) => void;
  onRetake: () => void;
  onOverride: () => void;
  onRemove: () => void;
  onRetryReplacement: () => void;
  onDropReplacement: () => void;
  onDragStart: () => void;
  onDropHere: () => void;
}

/**
 * A page the server holds, as it came back from the upload: its thumbnail, its number, and at once
 * what the quality checks found, in plain words, with 重拍 and 仍然使用 beside them; 补录 and a reuse
 * finding are marked too. Pages are reordered and removed here while the station holds the case.
 */
export function CapturedPageCard(props: Props) {
  const { caseId, page, first, last, may, busy, retakeArmed, replacement } = props;
  const t = useT(captureMessages);
  const tn = useT(pageNoteMessages);
  const quality = useQualityText();
  const { token } = theme.useToken();
  const thumb = usePageBlob(caseId, page.id, 'thumbnail');
  const url = useObjectUrl(thumb.data);
  const open = unresolvedWarnings(page);
  const label = t('pageNo', { n: page.pageNo });
  const replacing = replacement?.state === 'uploading';
  const small = { fontSize: token.fontSizeSM };

  return (
    <PageCardFrame
      label={label}
      data={{ 'data-testid': 'captured-page', 'data-image-id': page.id, 'data-warnings': open.map((w) => w.code).join(' ') }}
      retakeArmed={retakeArmed}
      borderColor={open.length > 0 ? token.colorWarningBorder : token.colorBorderSecondary}
      background={open.length > 0 ? token.colorWarningBg : token.colorBgContainer}
      draggable={may.arrange && !busy}
      onDragStart={props.onDragStart}
      onDropHere={props.onDropHere}
    >
      <PageThumbBox>
        {url ? (
          <img src={url} alt={label} draggable={false} style={{ maxWidth: '100%', maxHeight: THUMB_HEIGHT, opacity: replacing ? 0.4 : 1 }} />
        ) : (
          <Spin size="small" />
        )}
      </PageThumbBox>
      <Flex justify="space-between" align="center" gap={token.marginXXS}>
        <Typography.Text style={small}>{label}</Typography.Text>
        {page.supplement && (
          <Tooltip title={t('supplementReasonOf', { reason: page.supplement.reason })}>
            <Tag color="cyan" style={{ margin: 0, ...small }} data-testid="captured-supplement">
              {tn('supplement')}
            </Tag>
          </Tooltip>
        )}
      </Flex>
      {open.map((warning) => (
        <Tooltip key={warning.code} title={quality.hint(warning)}>
          <Typography.Text style={{ ...small, color: token.colorWarningText }} data-warning={warning.code}>
            <WarningFilled style={{ color: token.colorWarning, marginInlineEnd: 4 }} aria-hidden />
            {quality.text(warning)}
          </Typography.Text>
        </Tooltip>
      ))}
      {open.length > 0 && !replacement && (may.retake || may.override) && (
        <Flex gap={token.marginXXS}>
          {may.retake && (
            <Button
              size="small"
              icon={<CameraOutlined />}
              onClick={props.onRetake}
              type={retakeArmed ? 'primary' : 'default'}
              disabled={busy}
              style={{ flex: 1 }}
            >
              {t('retakeShort')}
            </Button>
          )}
          {may.override && (
            <Button size="small" onClick={props.onOverride} disabled={busy} style={{ flex: 1 }} data-testid="override">
              {t('useAnyway')}
            </Button>
          )}
        </Flex>
      )}
      {open.length > 0 && may.retake && !may.override && (
        <Typography.Text type="secondary" style={small}>
          {t('overrideByOfficer')}
        </Typography.Text>
      )}
      {page.qualityOverride && (
        <Tooltip title={t('acceptedReason', { reason: page.qualityOverride.reason })}>
          <Typography.Text type="secondary" style={small} data-testid="quality-accepted">
            <CheckCircleOutlined style={{ marginInlineEnd: 4 }} aria-hidden />
            {tn('qualityAccepted')}
          </Typography.Text>
        </Tooltip>
      )}
      {page.reuse.map((finding) => (
        <Typography.Text key={finding.otherImageId} style={{ ...small, color: token.colorWarningText }} data-testid="captured-reuse">
          <CopyOutlined style={{ marginInlineEnd: 4 }} aria-hidden />
          {tn('reused')}：{tn('reusedWith', { caseNo: finding.otherCaseNo })}
        </Typography.Text>
      ))}
      {replacement && (
        <Flex vertical gap={2}>
          <SendProgress upload={replacement} label={t('replacing')} />
          {replacement.error && (
            <>
              <SendError>{replacement.error}</SendError>
              <Flex gap={token.marginXXS}>
                <Button size="small" type="primary" onClick={props.onRetryReplacement} style={{ flex: 1 }}>
                  {t('uploadRetry')}
                </Button>
                <Button size="small" onClick={props.onDropReplacement} style={{ flex: 1 }}>
                  {t('retakeDrop')}
                </Button>
              </Flex>
            </>
          )}
        </Flex>
      )}
      {may.arrange && !replacement && (
        <ArrangeBar
          label={label}
          earlierText={t('moveEarlier')}
          laterText={t('moveLater')}
          first={first}
          last={last}
          disabled={busy}
          onMove={props.onMove}
        >
          {may.retake && open.length === 0 && (
            <CardIconButton
              label={label}
              title={t('retake')}
              type={retakeArmed ? 'primary' : 'text'}
              icon={<CameraOutlined />}
              disabled={busy}
              onClick={props.onRetake}
            />
          )}
          <CardIconButton label={label} title={t('removeUploaded')} danger icon={<DeleteOutlined />} disabled={busy} onClick={props.onRemove} />
        </ArrangeBar>
      )}
    </PageCardFrame>
  );
}
