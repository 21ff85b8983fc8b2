import { CheckCircleOutlined, CloseCircleOutlined, DownloadOutlined, ExpandOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Collapse, Descriptions, Empty, Flex, Modal, Skeleton, Tag, Tooltip, Typography, theme } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';
import type { paths } from '../api/schema';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { type CaseMessageKey, caseMessages } from './messages.ts';
import { OfdView } from './OfdView.tsx';

type NoticeInfo = paths['/api/cases/{id}/notice/info']['get']['responses'][200]['content']['application/json'];
type OfdInfo = NonNullable<NoticeInfo['ofd']>;
type OfdCheck = OfdInfo['checks'][number];

export const noticeKey = (id: string) => ['case', id, 'notice'] as const;

const OFD_CHECKS = new Set([
  'package',
  'structure',
  'signatures',
  'unsignedFiles',
  'record',
  'references',
  'dataHash',
  'format',
  'signature',
  'signerCertInSeal',
  'sealSignature',
  'sealMakerCertificate',
  'sealValidity',
  'certificateValidity',
  'sealFile',
]);

/** The certificate's common name: the person, as the seal's holder is named on paper. */
const commonName = (subject: string | null) => (subject ? (/CN=([^,]+)/.exec(subject)?.[1] ?? subject) : '');

/** Statuses a case has once approved: only those can have a notice. */
export const NOTICE_STATUSES = new Set(['approved', 'completed']);

function Verdict({ valid, testId }: { valid: boolean; testId: string }) {
  const t = useT(caseMessages);
  return valid ? (
    <Tag color="green" icon={<CheckCircleOutlined />} style={{ margin: 0 }} data-testid={testId} data-valid="true">
      {t('noticeValid')}
    </Tag>
  ) : (
    <Tag color="error" icon={<CloseCircleOutlined />} style={{ margin: 0 }} data-testid={testId} data-valid="false">
      {t('noticeInvalid')}
    </Tag>
  );
}

function CheckList({ checks }: { checks: readonly OfdCheck[] }) {
  const t = useT(caseMessages);
  const { token } = theme.useToken();
  const color = { passed: 'green', failed: 'error', untrusted: 'gold', not_checked: 'default' } as const;
  return (
    <ul style={{ margin: 0, paddingInlineStart: token.paddingLG }} data-testid="notice-ofd-checks">
      {checks.map((check) => (
        <li key={check.name} data-check={check.name} data-status={check.status}>
          <Flex gap={token.marginXS} align="center" wrap>
            <Typography.Text>{OFD_CHECKS.has(check.name) ? t(`ofdCheck_${check.name}` as CaseMessageKey) : check.name}</Typography.Text>
            {/* The verifier's own words are for the expert who points at the tag. */}
            <Tooltip title={check.detail}>
              <Tag color={color[check.status]} style={{ margin: 0 }}>
                {t(`check_status_${check.status}`)}
              </Tag>
            </Tooltip>
          </Flex>
        </li>
      ))}
    </ul>
  );
}

function OfdVerification({ ofd }: { ofd: OfdInfo }) {
  const t = useT(caseMessages);
  const { token } = theme.useToken();
  const packageProblems = ofd.checks.filter((check) => check.status !== 'passed');
  return (
    <Flex vertical gap={token.marginXS}>
      {ofd.signatures.map((signature) => (
        <Flex key={signature.id} vertical gap={token.marginXXS} data-testid="notice-ofd-signature" data-valid={signature.valid}>
          <Flex gap={token.marginXS} align="center" wrap>
            <Verdict valid={signature.valid} testId="notice-ofd-signature-verdict" />
            <Typography.Text>
              {t('noticeSealOf', {
                seal: signature.sealName ?? signature.type,
                signer: commonName(signature.signer),
                time: formatDateTime(signature.signedAt),
              })}
            </Typography.Text>
          </Flex>
          {signature.changedFiles.length > 0 && (
            <Typography.Text type="danger">{t('noticeChangedFiles', { files: signature.changedFiles.join('、') })}</Typography.Text>
          )}
          <Collapse
            size="small"
            ghost
            items={[{ key: 'checks', label: t('noticeChecksTitle'), children: <CheckList checks={[...signature.checks]} /> }]}
          />
        </Flex>
      ))}
      {ofd.unsignedFiles.length > 0 && (
        <Typography.Text type="danger">{t('noticeUnsignedFiles', { files: ofd.unsignedFiles.join('、') })}</Typography.Text>
      )}
      {packageProblems.length > 0 && <CheckList checks={packageProblems} />}
    </Flex>
  );
}

/**
 * 通知单: the approval notice of an approved case, its verification code, both files to download,
 * each seal verified just now by the server, and the OFD as an open OFD viewer draws it.
 */
export function CaseNotice({ caseId }: { caseId: string }) {
  const t = useT(caseMessages);
  const { token } = theme.useToken();
  const [enlarged, setEnlarged] = useState(false);
  const info = useQuery({
    queryKey: noticeKey(caseId),
    queryFn: () => unwrap(api.GET('/api/cases/{id}/notice/info', { params: { path: { id: caseId } } })),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });

  if (info.error instanceof ApiError && info.error.code === 'NOTICE_NOT_FOUND') {
    return <Empty data-testid="notice-none" description={t('noticeNone')} />;
  }
  if (info.isError && !info.data) return <ErrorAlert error={info.error} onRetry={() => void info.refetch()} />;
  if (!info.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  const notice = info.data;
  const base = `/api/cases/${encodeURIComponent(caseId)}/notice`;
  return (
    <Flex vertical gap={token.margin} data-testid="notice-section">
      <Typography.Text type="secondary">{t('noticeHint')}</Typography.Text>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'code',
            label: t('noticeCode'),
            children: (
              <Typography.Text copyable strong data-testid="notice-code" style={{ fontFamily: token.fontFamilyCode }}>
                {notice.verificationCode}
              </Typography.Text>
            ),
          },
          { key: 'signedAt', label: t('noticeSignedAt'), children: formatDateTime(notice.signedAt) },
          { key: 'unit', label: t('noticeUnit'), children: `${notice.publicInfo.approvingUnit}（${notice.approvedBy.name}）` },
          {
            key: 'pdfSeal',
            label: t('noticePdfSeal'),
            children: (
              <Flex gap={token.marginXS} align="center" wrap>
                <Verdict valid={notice.ses.valid} testId="notice-pdf-verdict" />
                <Typography.Text type="secondary">{notice.ses.seal.name}</Typography.Text>
              </Flex>
            ),
          },
          { key: 'pades', label: t('noticePdfSignature'), children: <Typography.Text type="secondary">{notice.pades.signer}</Typography.Text> },
          {
            key: 'ofdSeal',
            label: t('noticeOfdSeal'),
            children: notice.ofd ? <OfdVerification ofd={notice.ofd} /> : <Typography.Text type="secondary">{t('noticeOfdMissing')}</Typography.Text>,
          },
        ]}
      />
      <Flex gap={token.marginSM} wrap>
        <Button icon={<DownloadOutlined />} href={base} download data-testid="notice-download-pdf">
          {t('noticeDownloadPdf')}
        </Button>
        {notice.ofd && (
          <Button icon={<DownloadOutlined />} href={`${base}.ofd`} download data-testid="notice-download-ofd">
            {t('noticeDownloadOfd')}
          </Button>
        )}
      </Flex>
      {notice.ofd && (
        <Flex vertical gap={token.marginXS}>
          <Flex justify="space-between" align="center">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('noticeOfdViewTitle')}
            </Typography.Title>
            <Button type="link" icon={<ExpandOutlined />} onClick={() => setEnlarged(true)} data-testid="notice-ofd-enlarge">
              {t('noticeOfdEnlarge')}
            </Button>
          </Flex>
          <OfdView url={`${base}.ofd`} />
          {/* The page at its own size (A4 at 96 dpi), when the panel is too narrow to read it. */}
          <Modal open={enlarged} onCancel={() => setEnlarged(false)} footer={null} width={880} title={t('noticeOfdViewTitle')} destroyOnHidden>
            <div data-testid="notice-ofd-enlarged">
              <OfdView url={`${base}.ofd`} />
            </div>
          </Modal>
        </Flex>
      )}
    </Flex>
  );
}
