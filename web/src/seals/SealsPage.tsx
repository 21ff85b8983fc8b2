import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Skeleton, Switch, Tag, Typography, theme } from 'antd';
import { useId, useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useConfirmAct } from '../admin/ConfirmActModal.tsx';
import { appMessages } from '../app/messages.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDate, formatDateTime } from '../shared/format.ts';
import { useIntentKey } from '../shared/intent-key.ts';
import { Page } from '../shared/Page.tsx';
import { useUnits } from '../shared/units.ts';
import { type CertificateRow, CertificatesTable, certificateRows } from './CertificatesTable.tsx';
import { EnrolOfficerModal } from './EnrolOfficerModal.tsx';
import { sealMessages } from './messages.ts';
import { type RevokeRequest, RevokeModal } from './RevokeModal.tsx';
import { SEALS_KEY, type SealAuthority, type SealView, subjectPart, useSealAuthority } from './seals-data.ts';
import { type SealRow, SealsTable, sealRows } from './SealsTable.tsx';

/** A switch with its label beside it, for a card's header. */
function LabelledSwitch({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (on: boolean) => void; testId: string }) {
  const id = useId();
  const { token } = theme.useToken();
  return (
    <Flex align="center" gap={token.marginXS}>
      <Switch id={id} size="small" checked={checked} onChange={onChange} data-testid={testId} />
      <label htmlFor={id} style={{ fontWeight: 'normal', whiteSpace: 'nowrap' }}>
        {label}
      </label>
    </Flex>
  );
}

/** How the authority enrols, its root, and the revocation list in force. */
function AuthoritySummary({ authority }: { authority: SealAuthority }) {
  const t = useT(sealMessages);
  const { token } = theme.useToken();
  const { enrolment, root, crl } = authority;
  const code = { fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM };
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      data-testid="seal-authority"
      styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
      items={[
        {
          key: 'enrolment',
          label: t('enrolment'),
          span: 2,
          children: (
            <Flex gap={token.marginSM} align="baseline" data-testid="seal-enrolment" data-mode={enrolment}>
              <Tag color={enrolment === 'auto' ? 'blue' : 'gold'} style={{ margin: 0, flex: 'none' }}>
                {t(`enrolment_${enrolment}`)}
              </Tag>
              <Typography.Text type="secondary">{t(`enrolmentHint_${enrolment}`)}</Typography.Text>
            </Flex>
          ),
        },
        {
          key: 'root',
          label: t('root'),
          children: root ? (
            <Flex vertical>
              <Typography.Text>{subjectPart(root.subject, 'CN') ?? root.subject}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                {t('rootValidity', { from: formatDate(root.notBefore), to: formatDate(root.notAfter) })}
              </Typography.Text>
              <Typography.Text type="secondary" copyable={{ text: root.serial }} style={code}>
                {t('serial', { serial: root.serial })}
              </Typography.Text>
            </Flex>
          ) : (
            <Typography.Text type="secondary">{t('rootNone')}</Typography.Text>
          ),
        },
        {
          key: 'crl',
          label: t('crl'),
          children: crl ? (
            <Flex vertical data-testid="seal-crl">
              <Typography.Text>{t('crlNumber', { n: crl.number })}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                {t('crlIssued', { time: formatDateTime(crl.thisUpdate) })}
              </Typography.Text>
              <Typography.Text type={crl.revokedCount > 0 ? undefined : 'secondary'} style={{ fontSize: token.fontSizeSM }}>
                {t('crlRevoked', { n: crl.revokedCount })}
              </Typography.Text>
            </Flex>
          ) : (
            <Typography.Text type="secondary">{t('crlNone')}</Typography.Text>
          ),
        },
      ]}
    />
  );
}

/**
 * 印章与证书, for the security administrator: how the seal authority enrols, its root and CRL, each
 * unit's seal (made again, revoked) and the officers' and units' certificates (revoked, issued anew).
 * The server checks every act again and writes it to the trail.
 */
export default function SealsPage() {
  const t = useT(sealMessages);
  const tApp = useT(appMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const authority = useSealAuthority();
  const units = useUnits();
  const [sealHistory, setSealHistory] = useState(false);
  const [certificateHistory, setCertificateHistory] = useState(false);
  const confirm = useConfirmAct(intent);
  const [revoking, setRevoking] = useState<RevokeRequest | null>(null);
  const [enrolling, setEnrolling] = useState(false);

  const unitList = useMemo(
    () => (units.data?.units ?? []).map((unit) => ({ id: unit.id, name: bilingual({ zh: unit.name, en: unit.nameEn }) })),
    [units.data, bilingual],
  );
  const data = authority.data;
  const seals = data && units.data ? sealRows(unitList, data.seals, sealHistory) : undefined;
  const certificates = data && units.data ? certificateRows(unitList, data.certificates, certificateHistory) : undefined;
  const holders = useMemo(
    () => new Set((data?.certificates ?? []).filter((c) => c.kind === 'officer' && c.state === 'valid' && c.userId).map((c) => c.userId!)),
    [data],
  );
  const automatic = data?.enrolment === 'auto';

  const changed = () => void queryClient.invalidateQueries({ queryKey: SEALS_KEY });
  const keyed = (name: string) => ({ headers: { 'Idempotency-Key': intent.keyFor(name) } });

  const makeSeal = (row: SealRow) => {
    const unit = row.unitName;
    const latest = row.seal;
    const again = latest !== null && latest.state === 'in_force';
    const name = `make:${row.unitId}:${latest?.id ?? 'first'}`;
    confirm.ask({
      intent: name,
      title: t(again ? 'remakeTitle' : 'makeTitle', { unit }),
      body: again ? t('remakeBody', { n: latest.version + 1, old: latest.version }) : t('makeBody', { unit, n: (latest?.version ?? 0) + 1 }),
      okText: t('confirmMake'),
      run: async () => {
        const made = await unwrap(api.POST('/api/admin/units/{id}/seal', { params: { path: { id: row.unitId } }, ...keyed(name) }));
        intent.done();
        changed();
        void message.success(t('sealMade', { unit, n: made.version }));
      },
    });
  };

  const revokeSeal = (row: SealRow & { seal: SealView }) => {
    const unit = row.unitName;
    setRevoking({
      intent: `revoke-seal:${row.seal.id}`,
      title: t('revokeSealTitle', { name: row.seal.name }),
      warning: t('revokeSealWarning', { unit }),
      placeholder: t('revokeSealPlaceholder'),
      run: async (reason) => {
        const name = `revoke-seal:${row.seal.id}:${reason}`;
        await unwrap(api.POST('/api/admin/seals/{id}/revoke', { params: { path: { id: row.seal.id } }, body: { reason }, ...keyed(name) }));
        intent.done();
        changed();
        void message.success(t('sealRevoked', { unit }));
      },
    });
  };

  const revokeCertificate = (row: CertificateRow) => {
    const holder = row.holder;
    setRevoking({
      intent: `revoke-certificate:${row.certificate.id}`,
      title: t('revokeCertificateTitle', { holder }),
      warning: t(row.certificate.kind === 'officer' ? 'revokeOfficerWarning' : 'revokeUnitWarning', { holder }),
      placeholder: t('revokeCertificatePlaceholder'),
      run: async (reason) => {
        const name = `revoke-certificate:${row.certificate.id}:${reason}`;
        await unwrap(
          api.POST('/api/admin/certificates/{id}/revoke', { params: { path: { id: row.certificate.id } }, body: { reason }, ...keyed(name) }),
        );
        intent.done();
        changed();
        void message.success(t('certificateRevoked', { holder }));
      },
    });
  };

  const issueCertificate = (row: CertificateRow) => {
    const userId = row.certificate.userId;
    if (!userId) return;
    const holder = row.holder;
    const name = `issue:${userId}`;
    confirm.ask({
      intent: name,
      title: t('issueTitle', { holder }),
      body: t('issueBody', { holder, unit: row.unitName }),
      okText: t('confirmIssue'),
      run: async () => {
        await unwrap(api.POST('/api/admin/users/{id}/certificate', { params: { path: { id: userId } }, ...keyed(name) }));
        intent.done();
        changed();
        void message.success(t('certificateIssued', { holder }));
      },
    });
  };

  const failed = authority.isError && !data ? authority.error : units.isError && !units.data ? units.error : null;
  const retry = () => {
    void authority.refetch();
    void units.refetch();
  };

  return (
    <Page title={t('title')} crumbs={[{ title: tApp('navAdmin') }, { title: t('title') }]}>
      <Typography.Text type="secondary">{t('hint')}</Typography.Text>
      {failed ? (
        <ErrorAlert error={failed} onRetry={retry} />
      ) : !data ? (
        <Card size="small">
          <Skeleton active paragraph={{ rows: 3 }} />
        </Card>
      ) : (
        <Card size="small" title={t('authorityTitle')}>
          <AuthoritySummary authority={data} />
        </Card>
      )}
      {!failed && (
        <>
          <Card
            size="small"
            title={
              <Flex gap={token.marginSM} align="baseline" wrap>
                {t('sealsTitle')}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: token.fontSizeSM }}>
                  {t('sealsHint')}
                </Typography.Text>
              </Flex>
            }
            extra={<LabelledSwitch label={t('showHistory')} checked={sealHistory} onChange={setSealHistory} testId="seal-history" />}
          >
            <SealsTable rows={seals} loading={!seals || authority.isFetching} automatic={automatic} onMake={makeSeal} onRevoke={revokeSeal} />
          </Card>
          <Card
            size="small"
            title={
              <Flex gap={token.marginSM} align="baseline" wrap>
                {t('certificatesTitle')}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: token.fontSizeSM }}>
                  {t('certificatesHint')}
                </Typography.Text>
              </Flex>
            }
            extra={
              <Flex gap={token.margin} align="center">
                <LabelledSwitch
                  label={t('showCertificateHistory')}
                  checked={certificateHistory}
                  onChange={setCertificateHistory}
                  testId="certificate-history"
                />
                <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => setEnrolling(true)}>
                  {t('enrolOfficer')}
                </Button>
              </Flex>
            }
          >
            <CertificatesTable
              rows={certificates}
              loading={!certificates || authority.isFetching}
              emptyText={automatic ? t('certificatesEmptyAuto') : t('certificatesEmpty')}
              onRevoke={revokeCertificate}
              onIssue={issueCertificate}
            />
          </Card>
        </>
      )}
      {confirm.dialog}
      <RevokeModal
        key={revoking?.intent ?? 'none'}
        request={revoking}
        onClose={() => {
          intent.done();
          setRevoking(null);
        }}
      />
      <EnrolOfficerModal
        open={enrolling}
        holders={holders}
        onClose={() => setEnrolling(false)}
        onIssued={(user) => {
          setEnrolling(false);
          changed();
          void message.success(t('certificateIssued', { holder: user.displayName }));
        }}
      />
    </Page>
  );
}
