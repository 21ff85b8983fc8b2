import { useCallback } from 'react';
import { useAuditLabels } from '../audit/labels.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import { useLevelLabel } from '../shared/units.ts';
import { supervisionMessages } from './messages.ts';

/** What the server's detail of a warning holds, per rule (docs/SUPERVISION.md); read defensively. */
type Detail = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const count = (value: unknown): number => (typeof value === 'number' ? value : Array.isArray(value) ? value.length : 0);

interface Missing {
  name?: unknown;
  nameEn?: unknown;
  minPages?: unknown;
  pagesCaptured?: unknown;
}

/** One sentence saying what a warning found, in the reader's language. */
export function useWarningText(): (warning: { rule: string; detail: Detail }) => string {
  const t = useT(supervisionMessages);
  const bilingual = useBilingual();
  const levelLabel = useLevelLabel();
  const labels = useAuditLabels();
  return useCallback(
    ({ rule, detail }) => {
      const missing = () =>
        (Array.isArray(detail.missing) ? (detail.missing as Missing[]) : [])
          .map((m) => t('missingPages', { name: bilingual({ zh: text(m.name), en: text(m.nameEn) }), n: count(m.minPages) - count(m.pagesCaptured) }))
          .join('、');
      switch (rule) {
        case 'not_uploaded':
          return t('text_not_uploaded', { deadline: formatDateTime(text(detail.captureDeadline)) });
        case 'incomplete': {
          const moment = text(detail.moment);
          if (moment === 'submit') return t('text_incomplete_submit', { missing: missing() });
          if (moment === 'complete') return t('text_incomplete_complete', { missing: missing() });
          return t('text_incomplete_capture_limit', { deadline: formatDateTime(text(detail.captureDeadline)), missing: missing() });
        }
        case 'late_upload':
          return t('text_late_upload', { hours: count(detail.hoursLate), pages: count(detail.pages) });
        case 'supplement':
          return t(detail.afterSubmission === true ? 'text_supplement_after' : 'text_supplement', {
            pages: count(detail.pages),
            reason: text(detail.reason),
          });
        case 'approval_overdue':
          return t('text_approval_overdue', { level: levelLabel(text(detail.level)), deadline: formatDateTime(text(detail.approvalDeadline)) });
        case 'auxiliary_overreach':
          return t('text_auxiliary_overreach', { name: text(detail.actorName), action: labels.action(text(detail.action)) });
        case 'image_reuse':
          return t('text_image_reuse', { pages: count(detail.pages), caseNo: text(detail.otherCaseNo) });
        default:
          return '';
      }
    },
    [t, bilingual, levelLabel, labels],
  );
}
