import { Button, Empty, Flex, Table, type TableColumnsType, Tooltip, Typography, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { formatInstant, objectNameOf } from './format.ts';
import { useAuditLabels } from './labels.ts';
import { auditMessages } from './messages.ts';
import { OutcomeTag } from './OutcomeTag.tsx';
import type { TrailEvent } from './trail-filter.ts';

/** Nobody acted: a sign-in attempt under a name that is no account, or the system itself (seeding, catalogs). */
const anonymousOrSystem = (event: TrailEvent) => (event.action === 'auth.login' ? 'anonymous' : 'system');

/** Long ids are cut to their first characters in the list; the drawer shows them whole. */
const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

export function AuditTable({
  events,
  loading,
  filtered,
  onOpen,
}: {
  events: TrailEvent[] | undefined;
  loading: boolean;
  filtered: boolean;
  onOpen: (event: TrailEvent) => void;
}) {
  const t = useT(auditMessages);
  const labels = useAuditLabels();
  const { token } = theme.useToken();
  const mono = { fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM };

  const columns: TableColumnsType<TrailEvent> = [
    {
      key: 'seq',
      title: t('colSeq'),
      width: 84,
      render: (_, event) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          aria-label={t('showDetail', { seq: event.seq })}
          onClick={(click) => {
            click.stopPropagation();
            onOpen(event);
          }}
        >
          {event.seq}
        </Button>
      ),
    },
    { key: 'at', title: t('colAt'), width: 160, render: (_, event) => formatInstant(event.at) },
    {
      key: 'actor',
      title: t('colActor'),
      width: 170,
      ellipsis: true,
      render: (_, event) =>
        event.actorUsername ? (
          <Flex vertical>
            <Typography.Text>{event.actorName}</Typography.Text>
            <Typography.Text type="secondary" style={mono}>
              {event.actorUsername}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{event.actorId ? shortId(event.actorId) : t(anonymousOrSystem(event))}</Typography.Text>
        ),
    },
    { key: 'unit', title: t('colUnit'), width: 130, ellipsis: true, render: (_, event) => event.actorUnitName ?? '' },
    {
      key: 'action',
      title: t('colAction'),
      width: 140,
      render: (_, event) => (
        <Tooltip title={event.action}>
          <span data-action={event.action}>{labels.action(event.action)}</span>
        </Tooltip>
      ),
    },
    {
      key: 'object',
      title: t('colObject'),
      ellipsis: true,
      render: (_, event) => {
        const name = objectNameOf(event.detail);
        // One line per record: the type and its name, or its id when it has none; the full id on hover.
        return (
          <Tooltip title={event.objectId}>
            <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
              {labels.objectType(event.objectType)}{' '}
              {name ? (
                <Typography.Text strong>{name}</Typography.Text>
              ) : (
                event.objectId && (
                  <Typography.Text type="secondary" style={mono}>
                    {shortId(event.objectId)}
                  </Typography.Text>
                )
              )}
            </Typography.Text>
          </Tooltip>
        );
      },
    },
    { key: 'outcome', title: t('colOutcome'), width: 100, render: (_, event) => <OutcomeTag outcome={event.outcome} /> },
    {
      key: 'reason',
      title: t('colReason'),
      width: 170,
      ellipsis: { showTitle: false },
      render: (_, event) =>
        event.reason ? (
          <Tooltip title={event.reason}>
            <span>{labels.reason(event.reason)}</span>
          </Tooltip>
        ) : (
          ''
        ),
    },
  ];

  return (
    <Table<TrailEvent>
      size="middle"
      rowKey="seq"
      data-testid="audit-table"
      columns={columns}
      dataSource={events}
      loading={loading}
      pagination={false}
      scroll={{ x: 1100 }}
      onRow={(event) => ({ onClick: () => onOpen(event), style: { cursor: 'pointer' } })}
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
  );
}
