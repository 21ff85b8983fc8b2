import { Empty, Flex, Skeleton, Switch, Tag, Timeline, Typography, theme } from 'antd';
import { useId, useState } from 'react';
import { CASE_ACTS, STATUS_LABELS, type CaseStatus } from '../../../server/modules/cases/workflow.ts';
import { auditActionMessages } from '../audit/messages.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import type { CaseMaterial, TimelineEvent } from './case-data.ts';
import { useQualityText } from '../shared/page-notes.ts';
import { useLevelLabel } from './level-label.ts';
import { type CaseMessageKey, caseMessages } from './messages.ts';

/** Acts change the case; everything else on the trail is someone looking at it. */
const ACTS: ReadonlySet<string> = new Set(CASE_ACTS);
const REASON_ACTS = new Set(['return', 'withdraw', 'reveal_id', 'supplement', 'arrange_pages', 'override_quality']);
const POSITIVE = new Set(['approve', 'complete']);
/** Acts that add pages: a run of them by one person reads as one entry. */
const PAGE_ADDING = new Set(['capture', 'supplement']);

export function actOf(event: Pick<TimelineEvent, 'action'>): string {
  return event.action.replace(/^case\./, '');
}

export function isAct(event: Pick<TimelineEvent, 'action'>): boolean {
  return ACTS.has(actOf(event));
}

function asStatus(value: unknown): CaseStatus | null {
  return typeof value === 'string' && value in STATUS_LABELS ? (value as CaseStatus) : null;
}

/** The case's own words for its acts and looks; any other event of the case (a warning, an export) as the trail names it. */
export function useActionLabel(): (event: Pick<TimelineEvent, 'action'>) => string {
  const t = useT(caseMessages);
  const audit = useT(auditActionMessages);
  return (event) => {
    const key = `action_${actOf(event)}`;
    if (key in caseMessages['zh-CN']) return t(key as CaseMessageKey);
    return event.action in auditActionMessages['zh-CN'] ? audit(event.action as keyof (typeof auditActionMessages)['zh-CN']) : event.action;
  };
}

/** Pages added one after another by one person (with the same 补录 reason) read as one entry, not one line per file. */
function groupCaptures(events: TimelineEvent[]): TimelineEvent[][] {
  const groups: TimelineEvent[][] = [];
  for (const event of events) {
    const previous = groups[groups.length - 1];
    const head = previous?.[0];
    const joins =
      head &&
      PAGE_ADDING.has(actOf(head)) &&
      actOf(head) === actOf(event) &&
      head.outcome === 'ok' &&
      event.outcome === 'ok' &&
      head.actorId === event.actorId &&
      head.reason === event.reason;
    if (previous && joins) previous.push(event);
    else groups.push([event]);
  }
  return groups;
}

interface TrailPage {
  pageNo: number;
  warnings: string[];
  reusedIn: number;
}

/** The pages a capture recorded: `pages` since the capture pipeline, one top-level page before it. */
function pagesOf(detail: TimelineEvent['detail']): TrailPage[] {
  const pages = (detail as { pages?: unknown }).pages;
  if (Array.isArray(pages)) {
    return pages.flatMap((page: unknown) => {
      const p = page as { pageNo?: unknown; warnings?: unknown; reusedIn?: unknown };
      if (typeof p.pageNo !== 'number') return [];
      const warnings = Array.isArray(p.warnings) ? p.warnings.filter((w): w is string => typeof w === 'string') : [];
      return [{ pageNo: p.pageNo, warnings, reusedIn: typeof p.reusedIn === 'number' ? p.reusedIn : 0 }];
    });
  }
  return typeof detail.pageNo === 'number' ? [{ pageNo: detail.pageNo, warnings: [], reusedIn: 0 }] : [];
}

function pageRange(pages: TrailPage[]): string {
  const numbers = pages.map((page) => page.pageNo);
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  return first === last ? String(first) : `${first}–${last}`;
}

function useMaterialName(materials: CaseMaterial[]) {
  const bilingual = useBilingual();
  return (code: unknown) => {
    const material = materials.find((m) => m.code === code);
    return material ? bilingual({ zh: material.name, en: material.nameEn }) : typeof code === 'string' ? code : '';
  };
}

/** One captured file: its material and pages, and what was found in them (warnings, reuse), as the trail kept it. */
function CapturedFile({ event, materials }: { event: TimelineEvent; materials: CaseMaterial[] }) {
  const t = useT(caseMessages);
  const quality = useQualityText();
  const materialName = useMaterialName(materials);
  const { token } = theme.useToken();
  const detail = event.detail;
  const pages = pagesOf(detail);
  if (pages.length === 0) return null;
  const file = detail.mediaType === 'application/pdf' ? 'PDF' : detail.mediaType === 'image/tiff' ? 'TIFF' : null;
  const noted = pages.filter((page) => page.warnings.length > 0 || page.reusedIn > 0);
  return (
    <Flex vertical gap={2}>
      <Flex gap={token.marginXS} align="center" wrap>
        <Typography.Text type="secondary">
          {t('timelineCapture', { material: materialName(detail.materialCode), n: pageRange(pages) })}
        </Typography.Text>
        {file && <Tag style={{ margin: 0 }}>{t('timelineFile', { type: file, n: pages.length })}</Tag>}
        {typeof detail.replacedImageId === 'string' && <Tag style={{ margin: 0 }}>{t('timelineRetake')}</Tag>}
        {detail.late === true && (
          <Tag color="error" style={{ margin: 0 }}>
            {t('late')}
          </Tag>
        )}
      </Flex>
      {noted.map((page) => (
        <Typography.Text key={page.pageNo} type="warning" style={{ fontSize: token.fontSizeSM }}>
          {t('timelinePageNotes', {
            n: page.pageNo,
            notes: [...page.warnings.map(quality.short), ...(page.reusedIn > 0 ? [t('timelineReused')] : [])].join(t('listSeparator')),
          })}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** What an arrangement or an acceptance of quality notes was about. */
function PageActDetail({ act, event, materials }: { act: string; event: TimelineEvent; materials: CaseMaterial[] }) {
  const t = useT(caseMessages);
  const quality = useQualityText();
  const materialName = useMaterialName(materials);
  const detail = event.detail;
  const material = materialName(detail.materialCode);
  let text: string | null = null;
  if (act === 'arrange_pages' && detail.kind === 'remove')
    text = t('timelineRemoved', { material, n: typeof detail.pageNo === 'number' ? detail.pageNo : '' });
  else if (act === 'arrange_pages' && detail.kind === 'reorder') text = t('timelineReordered', { material });
  else if (act === 'override_quality') {
    const warnings = Array.isArray(detail.warnings) ? detail.warnings.filter((w): w is string => typeof w === 'string') : [];
    text = t('timelineAccepted', {
      material,
      n: typeof detail.pageNo === 'number' ? detail.pageNo : '',
      warnings: warnings.map(quality.short).join(t('listSeparator')),
    });
  }
  return text ? <Typography.Text type="secondary">{text}</Typography.Text> : null;
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
  const pageCount = PAGE_ADDING.has(act) ? group.reduce((sum, e) => sum + pagesOf(e.detail).length, 0) : 0;
  const [first, final] = [formatDateTime(event.at), formatDateTime(last.at)];
  // A run of pages shows when it began and ended; the end without its day when it is the same day.
  const time = first === final ? first : `${first} – ${final.slice(0, 10) === first.slice(0, 10) ? final.slice(11) : final}`;

  return (
    <Flex vertical gap={2} data-action={event.action} data-outcome={event.outcome}>
      <Flex wrap gap={token.marginXS} align="baseline">
        <Typography.Text strong>{actionLabel(event)}</Typography.Text>
        {pageCount > 1 && <Typography.Text>{t('timelinePages', { n: pageCount })}</Typography.Text>}
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
      {ok && PAGE_ADDING.has(act) && group.map((file) => <CapturedFile key={file.seq} event={file} materials={materials} />)}
      {ok && (act === 'arrange_pages' || act === 'override_quality') && <PageActDetail act={act} event={event} materials={materials} />}
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
