import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Table, Tooltip, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { useLocale } from '../i18n/locale.tsx';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { Page } from '../shared/Page.tsx';
import { bulletinMessages } from './messages.ts';

type BulletinAnswer = Awaited<ReturnType<typeof fetchBulletin>>;
type UnitRow = BulletinAnswer['units'][number];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * This month in Beijing time by the browser's clock: only the first guess. The server decides which
 * months have begun, so the page follows the month it names as soon as it has answered.
 */
function browserMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** The month it is by the server: named in every bulletin, and in the refusal of a month not begun. */
function serverMonthOf(data: BulletinAnswer | undefined, error: unknown): string | undefined {
  if (data) return data.currentMonth;
  if (error instanceof ApiError && error.code === 'BULLETIN_MONTH_NOT_STARTED' && typeof error.details.currentMonth === 'string') {
    return error.details.currentMonth;
  }
  return undefined;
}

function fetchBulletin(month: string) {
  return unwrap(api.GET('/api/bulletins/{month}', { params: { path: { month } } }));
}

/**
 * 月度通报: a month's figures and assessment scores of the units in the reader's area, branches and the
 * city as totals over their stations, sortable; the same bulletin as a PDF to print or an Excel sheet.
 */
export default function BulletinPage() {
  const t = useT(bulletinMessages);
  const { locale } = useLocale();
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const [params, setParams] = useSearchParams();
  const requested = params.get('month');
  const [serverMonth, setServerMonth] = useState<string>();
  // No month asked for: the current one, by the server's clock once known.
  const month = requested && MONTH.test(requested) ? requested : (serverMonth ?? browserMonth());
  const query = useQuery({ queryKey: ['bulletin', month], queryFn: () => fetchBulletin(month), placeholderData: keepPreviousData });
  const data = query.data;
  const named = serverMonthOf(data, query.error);
  // Adjusted while rendering (not in an effect), so a wrong first guess is never shown.
  if (named && named !== serverMonth) setServerMonth(named);
  const latest = serverMonth ?? browserMonth();

  const count = (title: string, key: keyof UnitRow['figures']) => ({
    title,
    key,
    align: 'right' as const,
    sorter: (a: UnitRow, b: UnitRow) => a.figures[key] - b.figures[key],
    render: (_: unknown, row: UnitRow) => row.figures[key],
  });
  const columns: ColumnsType<UnitRow> = [
    {
      title: t('colUnit'),
      key: 'unit',
      fixed: 'left',
      width: 170,
      render: (_, row) => {
        const name = bilingual({ zh: row.unit.name, en: row.unit.nameEn });
        return row.unit.kind === 'station' ? name : <Typography.Text strong>{`${name}${t('subtotal')}`}</Typography.Text>;
      },
    },
    count(t('colAccepted'), 'accepted'),
    count(t('colCompleted'), 'completed'),
    count(t('colDue'), 'captureDue'),
    count(t('colInTime'), 'capturedInTime'),
    {
      title: t('colRate'),
      key: 'rate',
      align: 'right',
      sorter: (a, b) => (a.inTimeRate ?? 2) - (b.inTimeRate ?? 2),
      render: (_, row) => (row.inTimeRate === null ? '—' : `${(row.inTimeRate * 100).toFixed(1)}%`),
    },
    count(t('colNonCompliant'), 'nonCompliant'),
    count(t('colSupplement'), 'supplementCases'),
    count(t('colLate'), 'lateCases'),
    count(t('colOverdue'), 'overdueApprovals'),
    count(t('colChecked'), 'spotChecked'),
    count(t('colFindings'), 'spotFindings'),
    count(t('colChecksDone'), 'spotChecksDone'),
    {
      title: t('colScore'),
      key: 'score',
      align: 'right',
      fixed: 'right',
      width: 100,
      sorter: (a, b) => (a.score ?? 101) - (b.score ?? 101),
      render: (_, row) =>
        row.score === null ? (
          <Tooltip title={t('noScore')}>—</Tooltip>
        ) : (
          <Tooltip title={t('deductions', row.deductions)}>
            <Typography.Text strong type={row.score < 60 ? 'danger' : undefined} data-testid={`score-${row.unit.id}`}>
              {row.score.toFixed(1)}
            </Typography.Text>
          </Tooltip>
        ),
    },
  ];

  const base = `/api/bulletins/${month}`;
  return (
    <Page
      title={t('pageTitle')}
      extra={
        <>
          <DatePicker
            picker="month"
            allowClear={false}
            aria-label={t('month')}
            value={dayjs(`${month}-01`)}
            disabledDate={(day) => day.format('YYYY-MM') > latest}
            onChange={(day) => day && setParams({ month: day.format('YYYY-MM') })}
          />
          <Button icon={<DownloadOutlined />} href={`${base}/pdf`} download data-testid="bulletin-pdf">
            {t('downloadPdf')}
          </Button>
          <Button icon={<DownloadOutlined />} href={`${base}/xlsx`} download data-testid="bulletin-xlsx">
            {t('downloadXlsx')}
          </Button>
        </>
      }
    >
      {query.error && <ErrorAlert error={query.error} />}
      {data && !data.complete && <Alert type="info" showIcon message={t('running', { time: formatDateTime(data.generatedAt) })} />}
      <Table<UnitRow>
        rowKey={(row) => row.unit.id}
        size="middle"
        bordered
        loading={query.isFetching}
        columns={columns}
        dataSource={data?.units ?? []}
        pagination={false}
        scroll={{ x: 1300 }}
        key={locale}
      />
      <Flex>
        <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
          {t('formula')}
        </Typography.Text>
      </Flex>
    </Page>
  );
}
