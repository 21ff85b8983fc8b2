import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import type { paths } from '../api/schema';

export type Workbench = paths['/api/workbench']['get']['responses'][200]['content']['application/json'];
export type GroupName = keyof Workbench['groups'];
export type WorkbenchGroup = NonNullable<Workbench['groups'][GroupName]>;
export type WorkbenchItem = WorkbenchGroup['items'][number];
export type OverdueByUnit = NonNullable<Workbench['overdueByUnit']>;
export type CaptureFindings = NonNullable<Workbench['captureFindings']>;

/** The order groups are offered in: a decider's inbox first, then the station's work by stage, then supervision. */
export const GROUP_ORDER: readonly GroupName[] = [
  'toReview',
  'toApprove',
  'toCapture',
  'toVerify',
  'toSubmit',
  'returned',
  'dueSoon',
  'approvalOverdue',
  'captureOverdue',
];

/** Items per group: enough for a day's work, and to count the overdue ones of an inbox exactly in most cases. */
const ITEMS_PER_GROUP = 100;
const REFRESH_MS = 60_000;

export const WORKBENCH_KEY = ['workbench'] as const;

/** What the signed-in user has to do, refreshed every minute; the previous answer stays on screen meanwhile. */
export function useWorkbench() {
  return useQuery({
    queryKey: WORKBENCH_KEY,
    queryFn: () => unwrap(api.GET('/api/workbench', { params: { query: { limit: ITEMS_PER_GROUP } } })),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });
}

/**
 * "Now" on the server's clock: deadlines are measured as the server measures them (it said which are
 * overdue), whatever the clock of this computer says, moved on by the time since the answer came.
 */
export function serverNow(asOf: string, receivedAt: number, now = Date.now()): number {
  return Date.parse(asOf) + Math.max(0, now - receivedAt);
}

/** A decider's inbox at their level: 待审核 (it reviews and hands up) and 待审批 (it approves, last in the chain). */
export const INBOX_GROUPS: readonly GroupName[] = ['toReview', 'toApprove'];

export function isInboxGroup(name: string): boolean {
  return (INBOX_GROUPS as readonly string[]).includes(name);
}

export function groupsIn(workbench: Workbench): GroupName[] {
  return GROUP_ORDER.filter((name) => workbench.groups[name] !== undefined);
}
