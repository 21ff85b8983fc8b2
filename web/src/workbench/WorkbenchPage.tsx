import { FileAddOutlined, ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Skeleton, Tabs, Tooltip, Typography, theme } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ACCEPTING_ROLES, hasRole } from '../app/roles.ts';
import { useMe } from '../auth/session.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { Page } from '../shared/Page.tsx';
import { workbenchMessages } from './messages.ts';
import { OverdueByUnitTable } from './OverdueByUnitTable.tsx';
import { CaptureFindingsTable, findingsTotal } from './CaptureFindingsTable.tsx';
import { useShortcuts } from '../shared/keyboard.ts';
import { StatCard, type StatTone } from './StatCard.tsx';
import { type GroupName, groupsIn, isInboxGroup, serverNow, useWorkbench, type Workbench, type WorkbenchItem } from './workbench-data.ts';
import { WorkbenchTable } from './WorkbenchTable.tsx';
import { useLevelLabel } from '../shared/units.ts';

const CAPTURING_ROLES = ['window_officer', 'auxiliary', 'station_leader'] as const;
const DAY_SECONDS = 86_400;

type Tab = GroupName | 'byUnit' | 'findings';

/** The numbers above the lists: each group's count, and for an inbox how much of it is late or due today. */
interface Stat {
  key: string;
  tab: Tab;
  title: string;
  hint: string;
  value: number | string;
  tone: StatTone;
}

function isOverdueGroup(name: GroupName): boolean {
  return name === 'approvalOverdue' || name === 'captureOverdue';
}

const isOverdue = (item: WorkbenchItem) => item.overdue;
const isDueToday = (item: WorkbenchItem) => !item.overdue && item.secondsLeft !== null && item.secondsLeft < DAY_SECONDS;

/**
 * 工作台: what the signed-in user has to do now. A station sees its open cases by what they wait for;
 * whoever decides sees the inbox at their level, what it reviews (待审核) apart from what it approves
 * (待审批), the earliest deadline first; the supervisor sees
 * what is overdue across units. Refreshed every minute without moving the page.
 */
export default function WorkbenchPage() {
  const t = useT(workbenchMessages);
  const { token } = theme.useToken();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const workbench = useWorkbench();
  const canAccept = hasRole(me.role, ACCEPTING_ROLES);
  const canCapture = hasRole(me.role, CAPTURING_ROLES);

  useShortcuts({
    'Alt+KeyN': canAccept ? () => void navigate('/accept') : undefined,
    'Alt+KeyR': () => void workbench.refetch(),
  });

  const data = workbench.data;
  const names = data ? groupsIn(data) : [];
  const tabs: Tab[] = [...names, ...(data?.overdueByUnit ? (['byUnit'] as const) : []), ...(data?.captureFindings ? (['findings'] as const) : [])];
  const requested = params.get('group') as Tab | null;
  const firstWithWork = names.find((name) => (data?.groups[name]?.count ?? 0) > 0);
  const active: Tab | undefined = requested && tabs.includes(requested) ? requested : (firstWithWork ?? tabs[0]);
  const select = (tab: Tab) => setParams({ group: tab }, { replace: true });
  const levelLabel = useLevelLabel();
  const groupTitle = (name: Tab, workbenchData: Workbench) =>
    isInboxGroup(name) && workbenchData.inboxLevel
      ? t(name === 'toReview' ? 'reviewAtLevel' : 'approveAtLevel', { level: levelLabel(workbenchData.inboxLevel) })
      : t(`group_${name}`);

  const stats: Stat[] = [];
  if (data) {
    for (const name of names) {
      const group = data.groups[name];
      if (!group) continue;
      const tone: StatTone = group.count > 0 && isOverdueGroup(name) ? 'danger' : group.count > 0 && name === 'dueSoon' ? 'warning' : 'normal';
      stats.push({ key: name, tab: name, title: groupTitle(name, data), hint: t(`hint_${name}`), value: group.count, tone });
    }
    const inbox = names.filter(isInboxGroup).flatMap((name) => {
      const group = data.groups[name];
      return group ? [{ name, group }] : [];
    });
    // Only the deciders above the station work from the inbox alone: they get its late and due figures.
    if (inbox.length > 0 && inbox.length === names.length) {
      const items = inbox.flatMap(({ group }) => group.items);
      const overdue = items.filter(isOverdue).length;
      const dueToday = items.filter(isDueToday).length;
      // Listed by deadline: a group cut short with every listed case late may hold more late ones.
      const moreOverdue = inbox.some(({ group }) => group.count > group.items.length && group.items.every(isOverdue));
      // A card opens the group holding the first of its cases.
      const tabOf = (test: (item: WorkbenchItem) => boolean): Tab => (inbox.find(({ group }) => group.items.some(test)) ?? inbox[0]!).name;
      stats.push({
        key: 'overdue',
        tab: tabOf(isOverdue),
        title: t('statOverdue'),
        hint: t('statOverdueHint'),
        value: moreOverdue ? t('statAtLeast', { n: overdue }) : overdue,
        tone: overdue > 0 ? 'danger' : 'normal',
      });
      stats.push({
        key: 'dueToday',
        tab: tabOf(isDueToday),
        title: t('statDueToday'),
        hint: t('statDueTodayHint'),
        value: dueToday,
        tone: dueToday > 0 ? 'warning' : 'normal',
      });
    }
  }

  const now = data ? serverNow(data.asOf, workbench.dataUpdatedAt) : Date.now();

  return (
    <Page
      title={t('pageTitle')}
      extra={
        <>
          {data && (
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }} data-testid="workbench-updated">
              {t('updatedAt', { time: formatDateTime(data.asOf).slice(11) })}
            </Typography.Text>
          )}
          <Tooltip title={t('refreshShortcut')}>
            <Button icon={<ReloadOutlined spin={workbench.isFetching && !workbench.isPending} />} onClick={() => void workbench.refetch()}>
              {t('refresh')}
            </Button>
          </Tooltip>
          {canAccept && (
            <Tooltip title={t('acceptShortcut')}>
              <Button type="primary" icon={<FileAddOutlined />} onClick={() => void navigate('/accept')}>
                {t('accept')}
              </Button>
            </Tooltip>
          )}
        </>
      }
    >
      {workbench.isError && <ErrorAlert error={workbench.error} onRetry={() => void workbench.refetch()} />}
      {!data ? (
        workbench.isPending && (
          <Flex vertical gap={token.margin}>
            <Skeleton.Button active block style={{ height: 88 }} />
            <Card>
              <Skeleton active paragraph={{ rows: 6 }} />
            </Card>
          </Flex>
        )
      ) : (
        <>
          <Flex gap={token.margin} wrap data-testid="workbench-stats">
            {stats.map((stat) => (
              // Narrow enough for a station leader's seven (two inbox groups, five of the station's) in one row at 1366.
              <div key={stat.key} style={{ flex: '1 1 128px' }}>
                <StatCard
                  title={stat.title}
                  value={stat.value}
                  hint={stat.hint}
                  tone={stat.tone}
                  selected={stat.key === active}
                  onSelect={() => select(stat.tab)}
                  testId={`stat-${stat.key}`}
                />
              </div>
            ))}
          </Flex>
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <Tabs
              activeKey={active}
              onChange={(key) => select(key as Tab)}
              items={tabs.map((name) => {
                const group = name === 'byUnit' || name === 'findings' ? undefined : data.groups[name];
                const count =
                  name === 'byUnit'
                    ? (data.overdueByUnit?.length ?? 0)
                    : name === 'findings'
                      ? data.captureFindings
                        ? findingsTotal(data.captureFindings)
                        : 0
                      : (group?.count ?? 0);
                const red =
                  name === 'byUnit' || (name !== 'findings' && isOverdueGroup(name)) || (isInboxGroup(name) && group?.items.some(isOverdue));
                const amber = name === 'findings';
                return {
                  key: name,
                  label: (
                    <Flex align="center" gap={token.marginXS} data-testid={`tab-${name}`}>
                      {groupTitle(name, data)}
                      <Badge
                        count={count}
                        showZero
                        overflowCount={999}
                        color={count === 0 ? token.colorTextQuaternary : red ? token.colorError : amber ? token.colorWarning : token.colorPrimary}
                      />
                    </Flex>
                  ),
                  children:
                    name === 'byUnit' ? (
                      <OverdueByUnitTable rows={data.overdueByUnit ?? []} />
                    ) : name === 'findings' ? (
                      data.captureFindings && <CaptureFindingsTable findings={data.captureFindings} />
                    ) : group ? (
                      <WorkbenchTable name={name} group={group} now={now} canCapture={canCapture} />
                    ) : null,
                };
              })}
            />
          </Card>
        </>
      )}
    </Page>
  );
}
