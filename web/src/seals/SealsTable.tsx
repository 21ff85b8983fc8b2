import { ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { useT } from '../i18n/messages.ts';
import { formatDate, formatDateTime } from '../shared/format.ts';
import { type SealMessageKey, sealMessages } from './messages.ts';
import { SealImage } from './SealImage.tsx';
import type { SealState, SealView } from './seals-data.ts';

/** One unit's seal: its latest version (or none yet), or an earlier version when history is shown. */
export interface SealRow {
  key: string;
  unitId: string;
  unitName: string;
  seal: SealView | null;
  /** The unit's latest version (or its row without a seal): the one the acts are about. */
  latest: boolean;
}

const SEAL_STATE_COLOURS: Record<SealState, string> = { in_force: 'green', superseded: 'default', expired: 'gold', revoked: 'error' };

/** Each unit's latest seal, in the unit tree's order; earlier versions under it when asked for. */
export function sealRows(units: readonly { id: string; name: string }[], seals: readonly SealView[], withHistory: boolean): SealRow[] {
  const byUnit = new Map<string, SealView[]>();
  for (const seal of seals) byUnit.set(seal.unitId, [...(byUnit.get(seal.unitId) ?? []), seal]);
  const known = new Set(units.map((unit) => unit.id));
  const order = [...units, ...[...byUnit.keys()].filter((id) => !known.has(id)).map((id) => ({ id, name: id }))];
  const groups = order.map((unit) => {
    const versions = [...(byUnit.get(unit.id) ?? [])].sort((a, b) => b.version - a.version);
    const [latest, ...earlier] = versions;
    const head: SealRow = { key: latest?.id ?? `unit:${unit.id}`, unitId: unit.id, unitName: unit.name, seal: latest ?? null, latest: true };
    const rest = withHistory ? earlier.map((seal): SealRow => ({ key: seal.id, unitId: unit.id, unitName: unit.name, seal, latest: false })) : [];
    return [head, ...rest];
  });
  // Units that have a seal first; those still without one after them, in the same order.
  return [...groups.filter(([head]) => head!.seal), ...groups.filter(([head]) => !head!.seal)].flat();
}

export function SealStateTag({ seal }: { seal: SealView }) {
  const t = useT(sealMessages);
  const { token } = theme.useToken();
  const detail =
    seal.state === 'revoked' && seal.revokedAt
      ? t('revokedWhen', { time: formatDateTime(seal.revokedAt), reason: seal.revocationReason ?? '' })
      : seal.state === 'superseded' && seal.supersededAt
        ? t('supersededAt', { time: formatDateTime(seal.supersededAt) })
        : null;
  return (
    <Flex vertical gap={2} align="flex-start" data-testid="seal-state" data-state={seal.state}>
      <Tag color={SEAL_STATE_COLOURS[seal.state]} style={{ margin: 0 }}>
        {t(`sealState_${seal.state}` as SealMessageKey)}
      </Tag>
      {detail && (
        <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
          {detail}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The seals by unit, with the acts on each unit's latest one: make it again, revoke it. */
export function SealsTable({
  rows,
  loading,
  automatic,
  onMake,
  onRevoke,
}: {
  rows: SealRow[] | undefined;
  loading: boolean;
  automatic: boolean;
  onMake: (row: SealRow) => void;
  onRevoke: (row: SealRow & { seal: SealView }) => void;
}) {
  const t = useT(sealMessages);
  const { token } = theme.useToken();

  const columns: TableColumnsType<SealRow> = [
    {
      key: 'seal',
      title: t('colSeal'),
      render: (_, row) =>
        row.seal ? (
          <Flex gap={token.marginSM} align="center" style={{ opacity: row.latest ? 1 : 0.6 }}>
            <SealImage sealId={row.seal.id} name={row.seal.name} size={44} />
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Text strong={row.latest}>{row.seal.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM }}>
                {row.seal.esId}
              </Typography.Text>
            </Flex>
          </Flex>
        ) : (
          <Flex gap={token.marginSM} align="baseline" wrap>
            <Typography.Text>{row.unitName}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {automatic ? t('noSealAuto') : t('noSeal')}
            </Typography.Text>
          </Flex>
        ),
    },
    { key: 'version', title: t('colVersion'), width: 88, render: (_, row) => row.seal && t('version', { n: row.seal.version }) },
    {
      key: 'validity',
      title: t('colValidity'),
      width: 200,
      render: (_, row) => row.seal && t('validity', { from: formatDate(row.seal.validStart), to: formatDate(row.seal.validEnd) }),
    },
    {
      key: 'signers',
      title: <Tooltip title={t('signersHint')}>{t('colSigners')}</Tooltip>,
      width: 96,
      render: (_, row) => row.seal && t('signers', { n: row.seal.signerCount }),
    },
    { key: 'state', title: t('colState'), width: 220, render: (_, row) => row.seal && <SealStateTag seal={row.seal} /> },
    {
      key: 'actions',
      title: t('colActions'),
      width: 200,
      render: (_, row) => {
        if (!row.latest) return null;
        const seal = row.seal;
        return (
          <Flex gap={token.marginXS}>
            <Button
              size="small"
              icon={<ReloadOutlined />}
              aria-label={t(seal ? 'remakeSealOf' : 'makeSealOf', { unit: row.unitName })}
              // What a unit needs before it can sign again stands out; where signing enrols by itself, a first seal can wait.
              type={seal ? (seal.state === 'in_force' ? 'default' : 'primary') : automatic ? 'default' : 'primary'}
              onClick={() => onMake(row)}
            >
              {seal ? t('remakeSeal') : t('makeSeal')}
            </Button>
            {seal?.state === 'in_force' && (
              <Button
                size="small"
                icon={<StopOutlined />}
                aria-label={t('revokeSealOf', { unit: row.unitName })}
                onClick={() => onRevoke({ ...row, seal })}
              >
                {t('revokeSeal')}
              </Button>
            )}
          </Flex>
        );
      },
    },
  ];

  return (
    <Table<SealRow>
      size="middle"
      rowKey="key"
      data-testid="seals-table"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 1000 }}
      onRow={(row) => ({ 'data-unit': row.unitId, 'data-latest': row.latest }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t('sealsEmpty') }}
    />
  );
}
