import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, type TableColumnsType, Typography, theme } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { childKindOf } from '../../../server/modules/org/unit-tree.ts';
import { appMessages } from '../app/messages.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { Page } from '../shared/Page.tsx';
import { type AdminUnit, type UnitNode, unitTree, useAdminUnits } from './admin-data.ts';
import { adminMessages } from './messages.ts';
import { type UnitEdit, UnitFormModal } from './UnitFormModal.tsx';

interface UnitRow {
  key: string;
  unit: AdminUnit;
  children?: UnitRow[];
}

function rowsOf(nodes: UnitNode<AdminUnit>[]): UnitRow[] {
  return nodes.map((node) => ({ key: node.unit.id, unit: node.unit, ...(node.children ? { children: rowsOf(node.children) } : {}) }));
}

/** 单位管理, for the system administrator: the unit tree with its accounts, a new unit under a parent, a rename. */
export default function UnitsPage() {
  const t = useT(adminMessages);
  const tApp = useT(appMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const units = useAdminUnits();
  const [edit, setEdit] = useState<UnitEdit | null>(null);
  const rows = units.data ? rowsOf(unitTree(units.data.units)) : undefined;
  const name = (unit: AdminUnit) => bilingual({ zh: unit.name, en: unit.nameEn });

  const columns: TableColumnsType<UnitRow> = [
    {
      key: 'name',
      title: t('colUnitName'),
      render: (_, { unit }) => <Typography.Text strong={unit.kind !== 'station'}>{name(unit)}</Typography.Text>,
    },
    {
      key: 'code',
      title: t('colUnitCode'),
      width: 150,
      render: (_, { unit }) => <Typography.Text style={{ fontFamily: token.fontFamilyCode }}>{unit.code}</Typography.Text>,
    },
    { key: 'kind', title: t('colUnitKind'), width: 96, render: (_, { unit }) => t(`kind_${unit.kind}`) },
    { key: 'prefix', title: t('colCasePrefix'), width: 120, render: (_, { unit }) => unit.casePrefix },
    {
      key: 'accounts',
      title: t('colAccounts'),
      width: 150,
      render: (_, { unit }) => (
        <Link to={`/admin/users?unitId=${encodeURIComponent(unit.id)}`} title={t('showAccounts', { name: name(unit) })}>
          {t('accountsCount', { n: unit.accounts })}
          {unit.disabledAccounts > 0 && <Typography.Text type="secondary">{t('accountsDisabled', { n: unit.disabledAccounts })}</Typography.Text>}
        </Link>
      ),
    },
    {
      key: 'actions',
      title: t('colActions'),
      width: 210,
      render: (_, { unit }) => {
        const childKind = childKindOf(unit.kind);
        return (
          <Flex gap={token.marginXS}>
            {childKind && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                aria-label={t('addChildOf', { name: name(unit), kind: t(`kind_${childKind}`) })}
                onClick={() => setEdit({ mode: 'create', parent: unit })}
              >
                {t('addChild')}
              </Button>
            )}
            <Button
              size="small"
              icon={<EditOutlined />}
              aria-label={t('renameOf', { name: name(unit) })}
              onClick={() => setEdit({ mode: 'rename', unit })}
            >
              {t('rename')}
            </Button>
          </Flex>
        );
      },
    },
  ];

  return (
    <Page title={t('unitsTitle')} crumbs={[{ title: tApp('navAdmin') }, { title: t('unitsTitle') }]}>
      <Typography.Text type="secondary">{t('unitsHint')}</Typography.Text>
      <Card size="small">
        {units.isError ? (
          <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />
        ) : (
          <Table<UnitRow>
            size="middle"
            data-testid="units-table"
            columns={columns}
            dataSource={rows}
            loading={units.isPending}
            pagination={false}
            expandable={{ defaultExpandAllRows: true }}
            // The tree opens fully once its rows are there; antd reads defaultExpandAllRows only at mount.
            key={rows ? 'loaded' : 'loading'}
            locale={{ emptyText: t('unitsEmpty') }}
          />
        )}
      </Card>
      <UnitFormModal edit={edit} onClose={() => setEdit(null)} />
    </Page>
  );
}
