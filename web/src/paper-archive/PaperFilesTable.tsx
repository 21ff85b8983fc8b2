import type { HTMLAttributes } from 'react';
import { Button, Table, type TableColumnsType, Typography, theme } from 'antd';
import { Link } from 'react-router-dom';
import { useBilingual, useT } from '../i18n/messages.ts';
import { formatDate, formatDateTime } from '../shared/format.ts';
import { paperMessages } from './messages.ts';
import { PaperStateTag, usePlaceText } from './PaperStateTag.tsx';
import type { PaperFile, PaperFileList } from './paper-types.ts';

/**
 * Decided cases and their paper files: overdue rows in red, files awaiting binding selectable in
 * the order they are picked (the order they go into the volume), bound ones movable.
 */
export function PaperFilesTable({
  page,
  loading,
  emptyText,
  selected,
  onSelect,
  onPage,
  onMove,
  showStation,
}: {
  page: PaperFileList | undefined;
  loading: boolean;
  emptyText: string;
  selected?: readonly string[];
  onSelect?: (caseIds: string[]) => void;
  /** Without it the table shows what it is given, unpaged. */
  onPage?: (page: number, pageSize: number) => void;
  onMove?: (file: PaperFile) => void;
  showStation: boolean;
}) {
  const t = useT(paperMessages);
  const bilingual = useBilingual();
  const placeText = usePlaceText();
  const { token } = theme.useToken();
  const columns: TableColumnsType<PaperFile> = [
    {
      title: t('colCase'),
      dataIndex: 'caseNo',
      width: 160,
      render: (caseNo: string, file) => <Link to={`/cases/${file.caseId}`}>{caseNo}</Link>,
    },
    { title: t('colApplicant'), dataIndex: 'applicantName', width: 90 },
    { title: t('colSubtype'), key: 'subtype', ellipsis: true, render: (_, file) => bilingual({ zh: file.subtype.name, en: file.subtype.nameEn }) },
    ...(showStation
      ? [
          {
            title: t('colStation'),
            key: 'station',
            width: 120,
            render: (_: unknown, file: PaperFile) => bilingual({ zh: file.station.name, en: file.station.nameEn }),
          },
        ]
      : []),
    { title: t('colDecided'), dataIndex: 'decidedAt', width: 100, render: (at: string) => formatDate(at) },
    {
      title: t('colDue'),
      dataIndex: 'dueDay',
      width: 100,
      render: (day: string, file) => (file.overdue ? <Typography.Text type="danger">{day}</Typography.Text> : day),
    },
    { title: t('colState'), key: 'state', width: 100, render: (_, file) => <PaperStateTag state={file.state} overdue={file.overdue} /> },
    {
      title: t('colPlace'),
      key: 'place',
      width: 170,
      render: (_, file) =>
        file.place ? <Typography.Text strong>{placeText(file.place)}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('colBound'),
      key: 'bound',
      width: 140,
      render: (_, file) =>
        file.bound ? (
          <Typography.Text style={{ fontSize: token.fontSizeSM }}>
            {file.bound.by.name}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {formatDateTime(file.bound.at)}
            </Typography.Text>
          </Typography.Text>
        ) : null,
    },
    ...(onMove
      ? [
          {
            title: t('colActions'),
            key: 'actions',
            width: 70,
            render: (_: unknown, file: PaperFile) =>
              file.state === 'bound' && file.canFile ? (
                <Button size="small" aria-label={t('moveRow', { caseNo: file.caseNo })} onClick={() => onMove(file)}>
                  {t('move')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Table<PaperFile>
      size="small"
      rowKey="caseId"
      columns={columns}
      dataSource={page?.items ?? []}
      loading={loading}
      locale={{ emptyText }}
      onRow={(file) =>
        ({
          'data-case-no': file.caseNo,
          'data-overdue': String(file.overdue),
          style: file.overdue ? { background: token.colorErrorBg } : undefined,
        }) as HTMLAttributes<HTMLElement>
      }
      rowSelection={
        onSelect
          ? {
              selectedRowKeys: [...(selected ?? [])],
              getCheckboxProps: (file) => ({ disabled: file.state === 'bound' || !file.canFile, 'aria-label': file.caseNo }),
              onChange: (keys) => {
                // Keep the order of picking: it is the order of the files in the volume.
                const kept = (selected ?? []).filter((id) => keys.includes(id));
                onSelect([...kept, ...keys.map(String).filter((id) => !kept.includes(id))]);
              },
            }
          : undefined
      }
      pagination={
        onPage
          ? {
              current: page?.page ?? 1,
              pageSize: page?.pageSize ?? 50,
              total: page?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (n) => t('total', { n }),
              onChange: onPage,
            }
          : false
      }
    />
  );
}
