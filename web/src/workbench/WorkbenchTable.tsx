import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Table, type TableColumnsType, Typography, theme } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useBilingual, useT } from '../i18n/messages.ts';
import { Deadline } from '../shared/Deadline.tsx';
import { formatDateTime } from '../shared/format.ts';
import { StatusTag } from '../shared/StatusTag.tsx';
import { workbenchMessages } from './messages.ts';
import type { GroupName, WorkbenchGroup, WorkbenchItem } from './workbench-data.ts';
import { useLevelLabel, useUnitName } from '../shared/units.ts';

/** Groups about cases still at the station; the others are about approval. */
const STATION_GROUPS: readonly GroupName[] = ['toCapture', 'toVerify', 'toSubmit', 'returned', 'dueSoon', 'captureOverdue'];
/** Groups whose cases still need pages: the capture page is one click away. */
const CAPTURE_GROUPS: readonly GroupName[] = ['toCapture', 'returned'];

type EmptyHint = 'emptyHint_station' | 'emptyHint_toReview' | 'emptyHint_toApprove' | 'emptyHint_supervision';

function emptyHintOf(name: GroupName): EmptyHint {
  if (name === 'toReview' || name === 'toApprove') return `emptyHint_${name}`;
  if (name === 'approvalOverdue' || name === 'captureOverdue') return 'emptyHint_supervision';
  return 'emptyHint_station';
}

/** One group of the workbench as a dense table; a row opens its case, overdue rows are marked red. */
export function WorkbenchTable({ name, group, now, canCapture }: { name: GroupName; group: WorkbenchGroup; now: number; canCapture: boolean }) {
  const t = useT(workbenchMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const location = useLocation();
  const from = `${location.pathname}${location.search}`;
  const unitName = useUnitName();
  const levelLabel = useLevelLabel();
  const atStation = STATION_GROUPS.includes(name);
  const offersCapture = canCapture && CAPTURE_GROUPS.includes(name);

  const columns: TableColumnsType<WorkbenchItem> = [
    {
      key: 'caseNo',
      title: t('colCaseNo'),
      width: 140,
      render: (_, item) => (
        <Link to={`/cases/${item.id}`} state={{ from }} onClick={(event) => event.stopPropagation()}>
          {item.caseNo}
        </Link>
      ),
    },
    { key: 'subtype', title: t('colSubtype'), ellipsis: true, render: (_, item) => bilingual({ zh: item.subtype.name, en: item.subtype.nameEn }) },
    { key: 'applicant', title: t('colApplicant'), width: 84, ellipsis: true, render: (_, item) => item.applicant.name },
    {
      key: 'idNumber',
      title: t('colIdNumber'),
      width: 190,
      render: (_, item) => (
        <Typography.Text style={{ fontFamily: token.fontFamilyCode, whiteSpace: 'nowrap' }}>{item.applicant.idNumberMasked}</Typography.Text>
      ),
    },
    ...(atStation
      ? []
      : [{ key: 'unit', title: t('colUnit'), width: 116, ellipsis: true, render: (_: unknown, item: WorkbenchItem) => unitName(item.unit) }]),
    atStation
      ? { key: 'acceptedAt', title: t('colAcceptedAt'), width: 136, render: (_, item) => formatDateTime(item.acceptedAt) }
      : { key: 'submittedAt', title: t('colSubmittedAt'), width: 136, render: (_, item) => formatDateTime(item.submittedAt) },
    ...(atStation
      ? [
          {
            key: 'status',
            title: t('colStatus'),
            width: 96,
            render: (_: unknown, item: WorkbenchItem) => <StatusTag status={item.status} label={item.statusLabel} />,
          },
        ]
      : []),
    // An inbox is one level's by definition; across levels the supervisor needs to see whose it is.
    ...(name === 'approvalOverdue'
      ? [{ key: 'level', title: t('colLevel'), width: 96, render: (_: unknown, item: WorkbenchItem) => levelLabel(item.pendingLevel) }]
      : []),
    ...(name === 'returned'
      ? []
      : [
          {
            key: 'deadline',
            title: t('colDeadline'),
            width: 180,
            render: (_: unknown, item: WorkbenchItem) => <Deadline at={item.deadline} now={now} />,
          },
        ]),
    // The case number opens the case (so does the row); the capture page is the one other place to go.
    ...(offersCapture
      ? [
          {
            key: 'actions',
            title: t('colActions'),
            width: 110,
            render: (_: unknown, item: WorkbenchItem) => (
              <Button
                size="small"
                icon={<CameraOutlined />}
                aria-label={t('captureCase', { caseNo: item.caseNo })}
                onClick={(event) => {
                  event.stopPropagation();
                  void navigate(`/cases/${item.id}/capture`, { state: { from } });
                }}
              >
                {t('capture')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={token.marginSM}>
      <Table<WorkbenchItem>
        size="middle"
        rowKey="id"
        data-testid={`workbench-table-${name}`}
        columns={columns}
        dataSource={group.items}
        pagination={false}
        scroll={{ x: 1000 }}
        onRow={(item) => ({
          onClick: () => void navigate(`/cases/${item.id}`, { state: { from } }),
          style: { cursor: 'pointer', ...(item.overdue ? { background: token.colorErrorBg } : {}) },
          'data-overdue': item.overdue,
        })}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <Flex vertical gap={token.marginXXS}>
                  <Typography.Text strong>{t(`empty_${name}`)}</Typography.Text>
                  <Typography.Text type="secondary">{t(emptyHintOf(name))}</Typography.Text>
                </Flex>
              }
            />
          ),
        }}
      />
      {group.count > group.items.length && (
        <Alert
          type="info"
          showIcon
          title={t('moreInGroup', { shown: group.items.length, count: group.count })}
          action={
            <Button size="small" onClick={() => void navigate('/search')}>
              {t('toSearch')}
            </Button>
          }
        />
      )}
    </Flex>
  );
}
