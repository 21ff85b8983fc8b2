import { CheckCircleOutlined, CopyOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Tooltip, Typography, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import { pageNoteMessages } from '../shared/page-messages.ts';
import { type CapturedPage, type ReuseFinding, unresolvedWarnings, useQualityText } from '../shared/page-notes.ts';
import { caseMessages } from './messages.ts';

export function hasNotes(page: CapturedPage): boolean {
  return page.supplement !== null || page.qualityWarnings.length > 0 || page.reuse.length > 0;
}

/**
 * What every later reader must see about the page shown: that it came as 补录 (why, who, when), what
 * the quality checks found and whether someone accepted it (why), and another person's case holding
 * the same image, with the comparison one click away.
 */
export function PageNotes({
  page,
  nameOf,
  onCompare,
}: {
  page: CapturedPage;
  nameOf: (userId: string) => string;
  onCompare: (finding: ReuseFinding) => void;
}) {
  const t = useT(caseMessages);
  const tn = useT(pageNoteMessages);
  const quality = useQualityText();
  const { token } = theme.useToken();
  const open = unresolvedWarnings(page);
  const line = { fontSize: token.fontSizeSM };

  if (!hasNotes(page)) return null;
  return (
    <Flex vertical gap={token.marginXXS} data-testid="page-notes" style={{ padding: `${token.paddingXXS}px ${token.paddingXS}px` }}>
      {page.supplement && (
        <Flex gap={token.marginXS} align="baseline" wrap data-testid="page-supplement">
          <Tag color="cyan" style={{ margin: 0 }}>
            {tn('supplement')}
          </Tag>
          <Typography.Text style={line}>
            {tn('supplementBy', { name: nameOf(page.capturedBy), time: formatDateTime(page.capturedAt), reason: page.supplement.reason })}
          </Typography.Text>
        </Flex>
      )}
      {open.length > 0 && (
        <Flex gap={token.marginXS} align="center" wrap data-testid="page-quality">
          <ExclamationCircleOutlined style={{ color: token.colorWarning }} aria-hidden />
          {open.map((warning) => (
            <Tooltip key={warning.code} title={quality.hint(warning)}>
              <Tag color="gold" style={{ margin: 0 }} data-warning={warning.code}>
                {quality.text(warning)}
              </Tag>
            </Tooltip>
          ))}
          <Typography.Text type="secondary" style={line}>
            {t('qualityOpen')}
          </Typography.Text>
        </Flex>
      )}
      {page.qualityOverride && (
        <Flex gap={token.marginXS} align="baseline" wrap data-testid="page-quality-accepted">
          <Tag icon={<CheckCircleOutlined />} style={{ margin: 0 }}>
            {tn('qualityAccepted')}
          </Tag>
          <Typography.Text type="secondary" style={line}>
            {page.qualityWarnings.map((warning) => quality.text(warning)).join('、')}
          </Typography.Text>
          <Typography.Text style={line}>
            {tn('qualityAcceptedBy', {
              name: nameOf(page.qualityOverride.by),
              time: formatDateTime(page.qualityOverride.at),
              reason: page.qualityOverride.reason,
            })}
          </Typography.Text>
        </Flex>
      )}
      {page.reuse.map((finding) => (
        <Flex key={finding.otherImageId} gap={token.marginXS} align="center" wrap data-testid="page-reuse">
          <Tag color="gold" icon={<CopyOutlined />} style={{ margin: 0 }}>
            {tn('reused')}
          </Tag>
          <Typography.Text style={line}>{tn('reusedWith', { caseNo: finding.otherCaseNo })}</Typography.Text>
          <Button size="small" type="link" style={{ padding: 0, height: 'auto' }} onClick={() => onCompare(finding)}>
            {t('compare')}
          </Button>
        </Flex>
      ))}
    </Flex>
  );
}
