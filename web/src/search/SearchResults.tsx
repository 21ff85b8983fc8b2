import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, type TableColumnsType, Typography, theme } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useBilingual, useT } from '../i18n/messages.ts';
import { Deadline } from '../shared/Deadline.tsx';
import { formatDateTime } from '../shared/format.ts';
import { StatusTag } from '../shared/StatusTag.tsx';
import type { CaseRow } from './search-criteria.ts';
import { searchMessages } from './messages.ts';
import { useLevelLabel, useUnitName } from '../shared/units.ts';

/** The deadline a row is about: capture before submission, approval while under approval. */
function rowDeadline(row: CaseRow): string | null {
  if (row.status === 'accepted' || row.status === 'verified') return row.captureDeadline;
  if (row.status === 'submitted') return row.approvalDeadline;
  return null;
}

export function SearchResults({
  rows,
  loading,
  filtered,
  page,
  hasNext,
  onPrevious,
  onNext,
}: {
  rows: CaseRow[] | undefined;
  loading: boolean;
  filtered: boolean;
  page: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const t = useT(searchMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const location = useLocation();
  // The case page's breadcrumb leads back to this very search.
  const from = `${location.pathname}${location.search}`;
  const unitName = useUnitName();
  const levelLabel = useLevelLabel();

  const columns: TableColumnsType<CaseRow> = [
    {
      key: 'caseNo',
      title: t('colCaseNo'),
      width: 140,
      render: (_, row) => (
        <Link to={`/cases/${row.id}`} state={{ from }} onClick={(event) => event.stopPropagation()}>
          {row.caseNo}
        </Link>
      ),
    },
    { key: 'subtype', title: t('colSubtype'), ellipsis: true, render: (_, row) => bilingual({ zh: row.subtype.name, en: row.subtype.nameEn }) },
    { key: 'applicant', title: t('colApplicant'), width: 90, render: (_, row) => row.applicant.name },
    {
      key: 'idNumber',
      title: t('colIdNumber'),
      width: 170,
      render: (_, row) => <Typography.Text style={{ fontFamily: token.fontFamilyCode }}>{row.applicant.idNumberMasked}</Typography.Text>,
    },
    { key: 'unit', title: t('colUnit'), width: 110, ellipsis: true, render: (_, row) => unitName(row.unit) },
    {
      key: 'status',
      title: t('colStatus'),
      width: 150,
      render: (_, row) => (
        <Flex gap={token.marginXXS} wrap align="center">
          <StatusTag status={row.status} label={row.statusLabel} />
          {row.pendingLevel && <Typography.Text type="secondary">{t('pendingAt', { level: levelLabel(row.pendingLevel) })}</Typography.Text>}
        </Flex>
      ),
    },
    { key: 'acceptedAt', title: t('colAcceptedAt'), width: 135, render: (_, row) => formatDateTime(row.acceptedAt) },
    { key: 'deadline', title: t('colDeadline'), width: 140, render: (_, row) => <Deadline at={rowDeadline(row)} /> },
  ];

  return (
    <Flex vertical gap={token.marginSM}>
      <Table<CaseRow>
        size="middle"
        rowKey="id"
        data-testid="search-results"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 1000 }}
        onRow={(row) => ({ onClick: () => void navigate(`/cases/${row.id}`, { state: { from } }), style: { cursor: 'pointer' } })}
        locale={{
          emptyText: (
            <Empty
              description={
                <Flex vertical gap={token.marginXXS}>
                  <Typography.Text strong>{filtered ? t('emptyFiltered') : t('emptyAll')}</Typography.Text>
                  <Typography.Text type="secondary">{filtered ? t('emptyFilteredHint') : t('emptyAllHint')}</Typography.Text>
                </Flex>
              }
            />
          ),
        }}
      />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" data-testid="search-page">
          {t('pageNumber', { n: page })}
          {rows ? ` · ${t('resultsOnPage', { n: rows.length })}` : ''}
        </Typography.Text>
        <Flex gap={token.marginXS}>
          <Button icon={<LeftOutlined />} onClick={onPrevious} disabled={page <= 1 || loading}>
            {t('previousPage')}
          </Button>
          <Button onClick={onNext} disabled={!hasNext || loading}>
            {t('nextPage')} <RightOutlined />
          </Button>
        </Flex>
      </Flex>
    </Flex>
  );
}
