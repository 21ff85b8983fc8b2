import { Empty, Flex, Skeleton, Switch, Tag, Timeline, Typography, theme } from 'antd';
import { useId, useState } from 'react';
import { STATUS_LABELS, type CaseStatus } from '../../../server/modules/cases/workflow.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import type { CaseMaterial, TimelineEvent } from './case-data.ts';
import { useLevelLabel } from './level-label.ts';
import { type CaseMessageKey, caseMessages } from './messages.ts';

/** Acts change the case; everything else on the trail is someone looking at it. */
const ACTS = new Set(['accept', 'capture', 'verify', 'submit', 'review', 'approve', 'return', 'complete', 'withdraw']);
const REASON_ACTS = new Set(['return', 'withdraw', 'reveal_id']);
const POSITIVE = new Set(['approve', 'complete']);

export function actOf(event: Pick<TimelineEvent, 'action'>): string {
  return event.action.replace(/^case\./, '');
}

export function isAct(event: Pick<TimelineEvent, 'action'>): boolean {
  return ACTS.has(actOf(event));
}

function asStatus(value: unknown): CaseStatus | null {
  return typeof value === 'string' && value in STATUS_LABELS ? (value as CaseStatus) : null;
}

export function useActionLabel(): (event: Pick<TimelineEvent, 'action'>) => string {
  const t = useT(caseMessages);
  return (event) => {
    const key = `action_${actOf(event)}`;
    return key in caseMessages['zh-CN'] ? t(key as CaseMessageKey) : event.action;
  };
}

/** Pages captured one after another by one person read as one entry, not one line per page. */
function groupCaptures(events: TimelineEvent[]): TimelineEvent[][] {
  const groups: TimelineEvent[][] = [];
  for (const event of events) {
    const previous = groups[groups.length - 1];
    const head = previous?.[0];
    const joins =
      head &&
      actOf(head) === 'capture' &&
      head.outcome === 'ok' &&
      actOf(event) === 'capture' &&
      event.outcome === 'ok' &&
      head.actorId === event.actorId;
    if (previous && joins) previous.push(event);
    else groups.push([event]);
  }
  return groups;
}

function CapturedPage({ event, materials }: { event: TimelineEvent; materials: CaseMaterial[] }) {
  const t = useT(caseMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const detail = event.detail;
  const material = materials.find((m) => m.code === detail.materialCode);
  return (
    <Flex gap={token.marginXS} align="center">
      <Typography.Text type="secondary">
        {t('timelineCapture', {
          material: material
            ? bilingual({ zh: material.name, en: material.nameEn })
            : typeof detail.materialCode === 'string'
              ? detail.materialCode
              : '',
          n: typeof detail.pageNo === 'number' ? detail.pageNo : '',
        })}
      </Typography.Text>
      {detail.late === true && (
        <Tag color="error" style={{ margin: 0 }}>
          {t('late')}
        </Tag>
      )}
    </Flex>
  );
}

function TimelineEntry({ group, materials }: { group: TimelineEvent[]; materials: CaseMaterial[] }) {
  const t = useT(caseMessages);
  const bilingual = useBilingual();
  const levelLabel = useLevelLabel();
  const actionLabel = useActionLabel();
  const { token } = theme.useToken();
  const event = group[0]!;
  const last = group[group.length - 1]!;
  const act = actOf(event);
  const detail = event.detail;
  const from = asStatus(detail.from);
  const to = asStatus(detail.to);
  const level = typeof detail.level === 'string' && ['review', 'approve', 'return'].includes(act) ? levelLabel(detail.level) : null;
  const ok = event.outcome === 'ok';
  const [first, final] = [formatDateTime(event.at), formatDateTime(last.at)];
  // A run of pages shows when it began and ended; the end without its day when it is the same day.
  const time = first === final ? first : `${first} – ${final.slice(0, 10) === first.slice(0, 10) ? final.slice(11) : final}`;

  return (
    <Flex vertical gap={2} data-action={event.action} data-outcome={event.outcome}>
      <Flex wrap gap={token.marginXS} align="baseline">
        <Typography.Text strong>{actionLabel(event)}</Typography.Text>
        {group.length > 1 && <Typography.Text>{t('timelinePages', { n: group.length })}</Typography.Text>}
        {level && <Tag style={{ margin: 0 }}>{level}</Tag>}
        {!ok && (
          <Tag color="error" style={{ margin: 0 }}>
            {event.outcome === 'denied' ? t('timelineDenied') : t('timelineRefused')}
          </Tag>
        )}
        <Typography.Text>{event.actorName ?? t('timelineSystem')}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto', fontSize: token.fontSizeSM }}>
          {time}
        </Typography.Text>
      </Flex>
      {ok && from && to && from !== to && (
        <Typography.Text type="secondary">
          {t('timelineFromTo', { from: bilingual(STATUS_LABELS[from]), to: bilingual(STATUS_LABELS[to]) })}
        </Typography.Text>
      )}
      {ok && act === 'capture' && group.map((page) => <CapturedPage key={page.seq} event={page} materials={materials} />)}
      {/* A refusal's reason is an error code for the trail, not words for a person. */}
      {ok && event.reason && (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {REASON_ACTS.has(act) ? t('timelineReason', { text: event.reason }) : t('timelineOpinion', { text: event.reason })}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

/** 办理轨迹: who did what when, with opinions and reasons; views of the case on request. */
export function CaseTimeline({
  events,
  loading,
  error,
  onRetry,
  materials,
}: {
  events: TimelineEvent[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  materials: CaseMaterial[];
}) {
  const t = useT(caseMessages);
  const { token } = theme.useToken();
  const [showLooks, setShowLooks] = useState(false);
  const switchId = useId();

  if (error) return <ErrorAlert error={error} onRetry={onRetry} />;
  if (loading || !events) return <Skeleton active paragraph={{ rows: 6 }} />;

  const groups = groupCaptures(showLooks ? events : events.filter(isAct));
  return (
    <Flex vertical gap={token.margin}>
      <Flex align="center" gap={token.marginXS}>
        <Switch id={switchId} size="small" checked={showLooks} onChange={setShowLooks} />
        <label htmlFor={switchId}>{t('timelineShowLooks')}</label>
      </Flex>
      {groups.length === 0 ? (
        <Empty description={t('timelineEmpty')} />
      ) : (
        <Timeline
          data-testid="timeline"
          items={groups.map((group) => {
            const event = group[0]!;
            const act = actOf(event);
            return {
              key: event.seq,
              color: event.outcome !== 'ok' ? 'red' : !isAct(event) ? 'gray' : POSITIVE.has(act) ? 'green' : 'blue',
              content: <TimelineEntry group={group} materials={materials} />,
            };
          })}
        />
      )}
    </Flex>
  );
}
