import { SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { useT } from '../i18n/messages.ts';
import { formatDate, formatDateTime } from '../shared/format.ts';
import { type SealMessageKey, sealMessages } from './messages.ts';
import { type CertificateState, type CertificateView, holderKey, holderName, subjectPart } from './seals-data.ts';

/** A certificate with whom it names, and whether it is its holder's latest. */
export interface CertificateRow {
  key: string;
  certificate: CertificateView;
  /** The holder's name: the officer's display name, or the unit's. */
  holder: string;
  /** The officer's user name, when the certificate names it. */
  username: string | null;
  unitName: string;
  latest: boolean;
}

const CERT_STATE_COLOURS: Record<CertificateState, string> = { valid: 'green', expired: 'gold', revoked: 'error' };

/**
 * The certificates in the unit tree's order, each unit's own first, then its officers by name; only
 * each holder's latest unless history is asked for (the earlier ones right under it).
 */
export function certificateRows(
  units: readonly { id: string; name: string }[],
  certificates: readonly CertificateView[],
  withHistory: boolean,
): CertificateRow[] {
  const unitRank = new Map(units.map((unit, index) => [unit.id, index]));
  const unitName = (id: string | null) => units.find((unit) => unit.id === id)?.name ?? id ?? '';
  const byHolder = new Map<string, CertificateView[]>();
  for (const certificate of certificates) {
    const key = holderKey(certificate);
    byHolder.set(key, [...(byHolder.get(key) ?? []), certificate]);
  }
  // The server lists them oldest first: a holder's latest is the last of its own.
  const groups = [...byHolder.values()].map((list) => [...list].reverse());
  const rowOf = (certificate: CertificateView, latest: boolean): CertificateRow => ({
    key: certificate.id,
    certificate,
    ...holderOf(certificate),
    unitName:
      certificate.kind === 'officer' ? (subjectPart(certificate.subject, 'OU') ?? unitName(certificate.unitId)) : unitName(certificate.unitId),
    latest,
  });
  return groups
    .map((list) => list.map((certificate, index) => rowOf(certificate, index === 0)))
    .sort((a, b) => {
      const [x, y] = [a[0]!, b[0]!];
      const rank = (row: CertificateRow) => unitRank.get(row.certificate.unitId ?? '') ?? Number.MAX_SAFE_INTEGER;
      return (
        rank(x) - rank(y) ||
        Number(x.certificate.kind === 'officer') - Number(y.certificate.kind === 'officer') ||
        x.holder.localeCompare(y.holder, 'zh-CN')
      );
    })
    .flatMap((rows) => (withHistory ? rows : rows.slice(0, 1)));
}

function holderOf(certificate: CertificateView): { holder: string; username: string | null } {
  const commonName = subjectPart(certificate.subject, 'CN') ?? certificate.subject;
  if (certificate.kind !== 'officer') return { holder: commonName, username: null };
  const { name, username } = holderName(commonName);
  return { holder: name, username };
}

function CertificateStateTag({ certificate }: { certificate: CertificateView }) {
  const t = useT(sealMessages);
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={2} align="flex-start" data-testid="certificate-state" data-state={certificate.state}>
      <Tag color={CERT_STATE_COLOURS[certificate.state]} style={{ margin: 0 }}>
        {t(`certState_${certificate.state}` as SealMessageKey)}
      </Tag>
      {certificate.state === 'revoked' && certificate.revokedAt && (
        <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
          {t('revokedWhen', { time: formatDateTime(certificate.revokedAt), reason: certificate.revocationReason ?? '' })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** Officers' and units' certificates with their state; revoke a valid one, issue anew to an officer left without. */
export function CertificatesTable({
  rows,
  loading,
  emptyText,
  onRevoke,
  onIssue,
}: {
  rows: CertificateRow[] | undefined;
  loading: boolean;
  emptyText: string;
  onRevoke: (row: CertificateRow) => void;
  onIssue: (row: CertificateRow) => void;
}) {
  const t = useT(sealMessages);
  const { token } = theme.useToken();
  const who = (row: CertificateRow) => row.username ?? row.holder;

  const columns: TableColumnsType<CertificateRow> = [
    {
      key: 'holder',
      title: t('colHolder'),
      render: (_, row) => (
        <Flex vertical style={{ opacity: row.latest ? 1 : 0.6 }}>
          <Flex gap={token.marginXS} align="center" wrap>
            <Tooltip title={row.certificate.subject}>
              <Typography.Text strong={row.latest}>{row.holder}</Typography.Text>
            </Tooltip>
            <Tag style={{ margin: 0 }}>{t(`kind_${row.certificate.kind}` as SealMessageKey)}</Tag>
          </Flex>
          {row.certificate.kind === 'officer' && (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {row.username && <span style={{ fontFamily: token.fontFamilyCode }}>{row.username}</span>}
              {row.username && ' · '}
              {row.unitName}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'serial',
      title: t('colSerial'),
      width: 260,
      render: (_, row) => (
        <Typography.Text
          type="secondary"
          copyable={{ text: row.certificate.serial }}
          ellipsis={{ tooltip: row.certificate.serial }}
          style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM, maxWidth: 240 }}
        >
          {row.certificate.serial}
        </Typography.Text>
      ),
    },
    {
      key: 'validity',
      title: t('colValidity'),
      width: 200,
      render: (_, row) => t('validity', { from: formatDate(row.certificate.notBefore), to: formatDate(row.certificate.notAfter) }),
    },
    { key: 'state', title: t('colState'), width: 220, render: (_, row) => <CertificateStateTag certificate={row.certificate} /> },
    {
      key: 'actions',
      title: t('colActions'),
      width: 200,
      render: (_, row) => {
        const { certificate } = row;
        if (certificate.state === 'valid') {
          return (
            <Button size="small" icon={<StopOutlined />} aria-label={t('revokeCertificateOf', { holder: who(row) })} onClick={() => onRevoke(row)}>
              {t('revokeCertificate')}
            </Button>
          );
        }
        if (row.latest && certificate.kind === 'officer' && certificate.userId) {
          return (
            <Button
              size="small"
              type="primary"
              icon={<SafetyCertificateOutlined />}
              aria-label={t('issueCertificateOf', { holder: who(row) })}
              onClick={() => onIssue(row)}
            >
              {t('issueCertificate')}
            </Button>
          );
        }
        return null;
      },
    },
  ];

  return (
    <Table<CertificateRow>
      size="middle"
      rowKey="key"
      data-testid="certificates-table"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 1000 }}
      onRow={(row) => ({ 'data-holder': holderKey(row.certificate), 'data-latest': row.latest }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText }}
    />
  );
}
