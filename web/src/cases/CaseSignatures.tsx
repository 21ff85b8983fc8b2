import { CheckCircleOutlined, CloseCircleOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Empty, Flex, Skeleton, Tag, Tooltip, Typography, theme } from 'antd';
import { useBilingual, useT } from '../i18n/messages.ts';
import { SealImage } from '../seals/SealImage.tsx';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { useUnitName } from '../shared/units.ts';
import { type CaseSignature, type CaseView, type CatalogSubtype, type SigningFailure, useSignatures } from './case-data.ts';
import { type SignatureMessageKey, signatureMessages } from './signature-messages.ts';

type Change = CaseSignature['verification']['changes'][number];

const CHECKS = new Set([
  'documentHash',
  'signature',
  'signerCertInSeal',
  'sealSignature',
  'sealMakerCertificate',
  'sealValidity',
  'certificateValidity',
  'format',
  'authority',
  'record',
]);
const ACTS = new Set(['submit', 'review', 'approve', 'return']);
const APPLICANT_ITEMS = new Set(['name', 'idNumber', 'phone']);
const CASE_ITEMS = new Set(['format', 'id', 'caseNo', 'unitId', 'catalogVersion', 'subtypeCode', 'acceptedAt', 'acceptedBy']);

/** The act a signature was made for, in the reader's words; the server's name for one not known here. */
function useActLabel(): (act: string) => string {
  const t = useT(signatureMessages);
  return (act) => (ACTS.has(act) ? t(`sigAct_${act}` as SignatureMessageKey) : act);
}

/** What a change names, in plain words: a page by its material and number, a field by its label, a step by its act. */
function useChangeText(kase: CaseView, subtype: CatalogSubtype | undefined, signatures: CaseSignature[], materialName: (code: string) => string) {
  const t = useT(signatureMessages);
  const bilingual = useBilingual();
  const actLabel = useActLabel();
  const actAt = (seq: string) => signatures.find((s) => String(s.seq) === seq)?.act;

  const what = ({ part, item }: Change): string => {
    switch (part) {
      case 'page': {
        const page = kase.images.find((image) => image.id === item);
        return page
          ? t('what_page', { name: t('pageName', { material: materialName(page.materialCode), n: page.pageNo }) })
          : t('what_pageUnknown', { id: item.slice(0, 8) });
      }
      case 'portrait':
        return t('what_portrait');
      case 'applicant':
        return t('what_applicant', { label: APPLICANT_ITEMS.has(item) ? t(`applicant_${item}` as SignatureMessageKey) : item });
      case 'fields': {
        const field = subtype?.fields.find((f) => f.key === item);
        return t('what_field', { label: field ? bilingual({ zh: field.label, en: field.labelEn }) : item });
      }
      case 'case':
        return t('what_case', { label: CASE_ITEMS.has(item) ? t(`case_${item}` as SignatureMessageKey) : item });
      case 'action': {
        const act = actAt(item);
        return act ? t('what_actionNamed', { n: item, act: actLabel(act) }) : t('what_action', { n: item });
      }
      case 'signature': {
        const act = actAt(item);
        return act ? t('what_signatureNamed', { act: actLabel(act) }) : t('what_signature', { n: item });
      }
    }
  };
  return (change: Change) => t(`change_${change.change}`, { what: what(change) });
}

function Verification({ signature, changeText }: { signature: CaseSignature; changeText: (change: Change) => string }) {
  const t = useT(signatureMessages);
  const { token } = theme.useToken();
  const { valid, failedCheck, reason, changes } = signature.verification;
  if (valid) {
    return (
      <Tooltip title={t('verifiedHint')}>
        <Tag color="green" icon={<CheckCircleOutlined />} style={{ margin: 0 }} data-testid="signature-verified">
          {t('verified')}
        </Tag>
      </Tooltip>
    );
  }
  const check = failedCheck && CHECKS.has(failedCheck) ? t(`check_${failedCheck}` as SignatureMessageKey) : t('check_unknown');
  return (
    <Flex vertical gap={token.marginXXS} data-testid="signature-failed" data-check={failedCheck ?? ''}>
      <Flex gap={token.marginXS} align="center" wrap>
        {/* The server's technical reason is for the expert who points at the tag; the words beside it are for everyone. */}
        <Tooltip title={reason ? t('technicalReason', { reason }) : undefined}>
          <Tag color="error" icon={<CloseCircleOutlined />} style={{ margin: 0 }}>
            {t('verifyFailed')}
          </Tag>
        </Tooltip>
        <Typography.Text type="danger" strong>
          {check}
        </Typography.Text>
      </Flex>
      {changes.length > 0 && (
        <Flex vertical gap={2}>
          <Typography.Text type="secondary">{t('changesTitle')}</Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: token.paddingLG }} data-testid="signature-changes">
            {changes.map((change) => (
              <li key={`${change.part}:${change.item}`} data-part={change.part}>
                <Typography.Text>{changeText(change)}</Typography.Text>
              </li>
            ))}
          </ul>
        </Flex>
      )}
    </Flex>
  );
}

function SignatureEntry({ signature, changeText }: { signature: CaseSignature; changeText: (change: Change) => string }) {
  const t = useT(signatureMessages);
  const actLabel = useActLabel();
  const unitName = useUnitName();
  const { token } = theme.useToken();
  const notes = [
    signature.certificate.revokedAt && t('certificateRevoked', { time: formatDateTime(signature.certificate.revokedAt) }),
    signature.seal.revokedAt && t('sealRevoked', { time: formatDateTime(signature.seal.revokedAt) }),
  ].filter((note): note is string => Boolean(note));

  return (
    <Flex gap={token.marginSM} align="flex-start">
      <SealImage sealId={signature.seal.id} name={signature.seal.name} size={44} />
      <Flex vertical gap={token.marginXXS} style={{ flex: 1, minWidth: 0 }}>
        <Flex gap={token.marginXS} align="center" wrap>
          <Typography.Text strong>{actLabel(signature.act)}</Typography.Text>
          <Typography.Text>{t('signer', { unit: unitName(signature.unit), name: signature.signer.name })}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginInlineStart: 'auto', fontSize: token.fontSizeSM, whiteSpace: 'nowrap' }}>
            {formatDateTime(signature.signedAt)}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
          {t('sealOf', { name: signature.seal.name })} · {t('sealVersion', { n: signature.seal.version })}
        </Typography.Text>
        {/* A block of its own, so the tag keeps its width in the column. */}
        <div>
          <Verification signature={signature} changeText={changeText} />
        </div>
        {notes.map((note) => (
          <Typography.Text key={note} type="secondary" data-testid="signature-note">
            <InfoCircleOutlined style={{ marginInlineEnd: token.marginXXS }} />
            {note}
          </Typography.Text>
        ))}
        {/* One paragraph, so a long digest wraps under its label rather than beside it. */}
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: token.fontSizeSM }}>
          <Tooltip title={t('digestHint')}>
            <span style={{ marginInlineEnd: token.marginXS, whiteSpace: 'nowrap' }}>{t('digest')}</span>
          </Tooltip>
          <Typography.Text
            type="secondary"
            copyable={{ text: signature.dataHash, tooltips: [t('copyDigest'), t('copyDigest')] }}
            data-testid="signature-digest"
            style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM, wordBreak: 'break-all' }}
          >
            {signature.dataHash}
          </Typography.Text>
        </Typography.Paragraph>
      </Flex>
    </Flex>
  );
}

const SIGNING_REASONS = new Set(['timeout', 'unreachable', 'service_error', 'refused', 'bad_answer']);

/** 签章失败: the latest decision could not be signed by the seal system; it did not take effect. */
function SigningFailureAlert({ failure }: { failure: SigningFailure }) {
  const t = useT(signatureMessages);
  const actLabel = useActLabel();
  const reason =
    failure.reason && SIGNING_REASONS.has(failure.reason) ? t(`signingReason_${failure.reason}` as SignatureMessageKey) : (failure.reason ?? '');
  return (
    <Alert
      type="error"
      showIcon
      data-testid="signing-failure"
      title={t('signingFailure', { name: failure.actorName ?? '', time: formatDateTime(failure.at), act: actLabel(failure.act) })}
      description={reason ? t('signingFailureReason', { reason, n: failure.attempts ?? 1 }) : undefined}
    />
  );
}

/**
 * 签章: each decision's electronic seal and signature on the case, oldest first, as the server
 * verified them just now; what failed and what changed since, in plain words.
 */
export function CaseSignatures({
  kase,
  subtype,
  materialName,
}: {
  kase: CaseView;
  subtype: CatalogSubtype | undefined;
  materialName: (code: string) => string;
}) {
  const t = useT(signatureMessages);
  const { token } = theme.useToken();
  const signatures = useSignatures(kase.id);
  const list = signatures.data ? [...signatures.data.signatures].sort((a, b) => a.seq - b.seq) : [];
  const failure = signatures.data?.signingFailure ?? null;
  const changeText = useChangeText(kase, subtype, list, materialName);

  if (signatures.isError && !signatures.data) return <ErrorAlert error={signatures.error} onRetry={() => void signatures.refetch()} />;
  if (!signatures.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (list.length === 0) {
    return (
      <Flex vertical gap={token.marginSM}>
        {failure && <SigningFailureAlert failure={failure} />}
        <Empty
          data-testid="signatures-empty"
          description={
            <Flex vertical gap={token.marginXXS}>
              <Typography.Text strong>{t('signaturesEmpty')}</Typography.Text>
              <Typography.Text type="secondary">{t('signaturesEmptyHint')}</Typography.Text>
            </Flex>
          }
        />
      </Flex>
    );
  }
  const failed = list.filter((signature) => !signature.verification.valid).length;
  return (
    <Flex vertical gap={token.marginSM}>
      <Typography.Text type="secondary">{t('signaturesHint')}</Typography.Text>
      {failure && <SigningFailureAlert failure={failure} />}
      {failed > 0 && <Alert type="error" showIcon data-testid="signatures-failed" title={t('signaturesFailed', { n: failed, total: list.length })} />}
      <ul
        aria-label={t('signaturesList')}
        data-testid="signatures"
        style={{ listStyle: 'none', margin: 0, padding: 0, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius }}
      >
        {list.map((signature, i) => (
          <li
            key={signature.id}
            data-act={signature.act}
            data-valid={signature.verification.valid}
            style={{ padding: token.paddingSM, borderTop: i > 0 ? `1px solid ${token.colorBorderSecondary}` : undefined }}
          >
            <SignatureEntry signature={signature} changeText={changeText} />
          </li>
        ))}
      </ul>
    </Flex>
  );
}
