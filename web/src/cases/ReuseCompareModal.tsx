import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, Modal, Spin, Typography, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { fetchImage, reusedPageUrl, useObjectUrl, usePageBlob } from '../shared/page-image.ts';
import type { ReuseFinding } from '../shared/page-notes.ts';
import type { CaseImage, CaseView } from './case-data.ts';
import { caseMessages } from './messages.ts';

/** The bits of a perceptual hash (perceptual-hash.ts): a distance of d means 64 − d bits agree. */
const HASH_BITS = 64;
/** The two pages as tall as the window allows below the dialog's title, note and captions. */
const IMAGE_HEIGHT = 'max(280px, min(calc(100vh - 330px), 900px))';

export interface Comparison {
  page: CaseImage;
  finding: ReuseFinding;
}

function PageImage({ url, alt, loading, error, onRetry }: { url?: string; alt: string; loading: boolean; error: unknown; onRetry: () => void }) {
  const { token } = theme.useToken();
  return (
    <Flex
      align="center"
      justify="center"
      style={{ height: IMAGE_HEIGHT, background: token.colorBgLayout, borderRadius: token.borderRadius, overflow: 'hidden' }}
    >
      {url ? (
        <img src={url} alt={alt} style={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain', boxShadow: token.boxShadowTertiary }} />
      ) : error && !loading ? (
        <ErrorAlert error={error} onRetry={onRetry} />
      ) : (
        <Spin />
      )}
    </Flex>
  );
}

interface Props {
  kase: CaseView;
  unitName: string;
  materialName: (code: string) => string;
  onClose: () => void;
}

/**
 * 疑似重复使用: our page beside the page of another person's case that has the same image, each with
 * its case number, unit, material and date, so the reader can judge whether one document was used
 * twice. Opening the other page is recorded on this case (open-reused-page.ts).
 */
export function ReuseCompareModal({ comparison, ...props }: Props & { comparison: Comparison | null }) {
  return comparison ? <Comparing key={`${comparison.page.id}:${comparison.finding.otherImageId}`} {...props} {...comparison} /> : null;
}

function Comparing({ kase, unitName, page, finding, materialName, onClose }: Props & Comparison) {
  const t = useT(caseMessages);
  const { token } = theme.useToken();
  const ours = usePageBlob(kase.id, page.id, 'preview');
  const theirs = useQuery({
    queryKey: ['case-reuse', kase.id, page.id, finding.otherImageId],
    queryFn: () => fetchImage(reusedPageUrl(kase.id, page.id, finding.otherImageId)),
    staleTime: Infinity,
    gcTime: 60_000,
  });
  const oursUrl = useObjectUrl(ours.data);
  const theirsUrl = useObjectUrl(theirs.data);

  const ourMaterial = t('materialPage', { material: materialName(page.materialCode), n: page.pageNo });
  const theirMaterial = t('materialPage', { material: materialName(finding.otherMaterialCode), n: finding.otherPageNo });
  const side = (title: string, caseNo: string, unit: string, material: string, at: string) => (
    <Flex vertical gap={2}>
      <Flex gap={token.marginXS} align="baseline" wrap>
        <Typography.Text strong>{title}</Typography.Text>
        <Typography.Text copyable={{ text: caseNo, tooltips: [t('copyCaseNo'), t('copyCaseNo')] }}>{caseNo}</Typography.Text>
      </Flex>
      <Typography.Text type="secondary">
        <span>{unit}</span> · <span>{material}</span> · <span>{t('compareCapturedAt', { time: formatDateTime(at) })}</span>
      </Typography.Text>
    </Flex>
  );

  return (
    <Modal
      open
      title={t('compareTitle')}
      width="min(1200px, 96vw)"
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      style={{ top: token.marginLG }}
      styles={{ body: { paddingTop: token.paddingXS } }}
    >
      <Flex vertical gap={token.margin} data-testid="reuse-compare">
        <Alert
          type="warning"
          showIcon
          title={t('compareExplain', { caseNo: finding.otherCaseNo, same: HASH_BITS - finding.distance, bits: HASH_BITS })}
        />
        <Flex gap={token.margin} wrap>
          <Flex vertical gap={token.marginXS} style={{ flex: '1 1 420px', minWidth: 0 }} data-testid="compare-ours">
            {side(t('compareOurs'), kase.caseNo, unitName, ourMaterial, page.capturedAt)}
            <PageImage
              url={oursUrl}
              alt={t('pageImageAlt', { material: materialName(page.materialCode), n: page.pageNo })}
              loading={ours.isPending}
              error={ours.error}
              onRetry={() => void ours.refetch()}
            />
          </Flex>
          <Flex vertical gap={token.marginXS} style={{ flex: '1 1 420px', minWidth: 0 }} data-testid="compare-theirs">
            {side(t('compareTheirs'), finding.otherCaseNo, finding.otherUnitName, theirMaterial, finding.otherCapturedAt)}
            <PageImage
              url={theirsUrl}
              alt={t('compareTheirAlt', { caseNo: finding.otherCaseNo, material: theirMaterial })}
              loading={theirs.isPending}
              error={theirs.error}
              onRetry={() => void theirs.refetch()}
            />
          </Flex>
        </Flex>
      </Flex>
    </Modal>
  );
}
