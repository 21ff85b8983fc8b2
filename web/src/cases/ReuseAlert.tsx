import { Alert, Button, Flex, Typography, theme } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/messages.ts';
import type { ReuseFinding } from '../shared/page-notes.ts';
import type { CaseImage } from './case-data.ts';
import { caseMessages } from './messages.ts';

/** Findings listed before the rest fold away: the case itself must stay on the reviewer's first screen. */
const SHOWN_FIRST = 3;

/**
 * 疑似重复使用 in the case summary: every page of this case whose image was found in another person's
 * case, each with the comparison one click away. The reader decides; nothing is refused.
 */
export function ReuseAlert({
  pages,
  materialName,
  onCompare,
}: {
  pages: CaseImage[];
  materialName: (code: string) => string;
  onCompare: (page: CaseImage, finding: ReuseFinding) => void;
}) {
  const t = useT(caseMessages);
  const { token } = theme.useToken();
  const [expanded, setExpanded] = useState(false);
  const findings = pages.flatMap((page) => page.reuse.map((finding) => ({ page, finding })));
  if (findings.length === 0) return null;
  const cases = new Set(findings.map(({ finding }) => finding.otherCaseNo));
  const [first] = findings;
  const title =
    cases.size === 1 && first
      ? t('reuseTitleOne', { caseNo: first.finding.otherCaseNo })
      : t('reuseTitleMany', { pages: new Set(findings.map(({ page }) => page.id)).size, cases: cases.size });

  const line = ({ page, finding }: (typeof findings)[number]) =>
    t('reuseLine', {
      ours: t('materialPage', { material: materialName(page.materialCode), n: page.pageNo }),
      caseNo: finding.otherCaseNo,
      unit: finding.otherUnitName,
      theirs: t('materialPage', { material: materialName(finding.otherMaterialCode), n: finding.otherPageNo }),
    });
  const compareButton = ({ page, finding }: (typeof findings)[number]) => (
    <Button size="small" onClick={() => onCompare(page, finding)} data-testid="reuse-compare-open">
      {t('compare')}
    </Button>
  );

  // One finding: one line with its comparison beside it, so the split view below keeps its height.
  if (findings.length === 1 && first) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="reuse-alert"
        title={
          <Flex gap={token.marginXS} align="baseline" wrap>
            <Typography.Text strong>{title}</Typography.Text>
            <Typography.Text type="secondary">{line(first)}</Typography.Text>
          </Flex>
        }
        action={compareButton(first)}
      />
    );
  }
  const hidden = expanded ? 0 : Math.max(0, findings.length - SHOWN_FIRST);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="reuse-alert"
      title={title}
      description={
        <Flex vertical gap={token.marginXXS}>
          {findings.slice(0, findings.length - hidden).map((finding) => (
            <Flex key={`${finding.page.id}:${finding.finding.otherImageId}`} gap={token.marginXS} align="center" wrap>
              <Typography.Text>{line(finding)}</Typography.Text>
              {compareButton(finding)}
            </Flex>
          ))}
          {findings.length > SHOWN_FIRST && (
            <Button
              type="link"
              size="small"
              style={{ alignSelf: 'flex-start', paddingInline: 0 }}
              onClick={() => setExpanded(!expanded)}
              data-testid="reuse-more"
            >
              {expanded ? t('reuseFewer') : t('reuseMore', { n: hidden })}
            </Button>
          )}
        </Flex>
      }
    />
  );
}
