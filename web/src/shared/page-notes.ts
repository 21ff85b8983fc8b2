import { useCallback } from 'react';
import type { paths } from '../api/schema';
import { useT } from '../i18n/messages.ts';
import { pageNoteMessages } from './page-messages.ts';

type CaseView = paths['/api/cases/{id}']['get']['responses'][200]['content']['application/json'];
export type CapturedPage = CaseView['images'][number];
export type QualityWarning = CapturedPage['qualityWarnings'][number];
export type ReuseFinding = CapturedPage['reuse'][number];

/** Warnings nobody has accepted yet: the page still asks for a retake or a reason. */
export function unresolvedWarnings(page: Pick<CapturedPage, 'qualityWarnings' | 'qualityOverride'>): QualityWarning[] {
  return page.qualityOverride ? [] : page.qualityWarnings;
}

type NoteKey = keyof (typeof pageNoteMessages)['zh-CN'];
const KNOWN = new Set(Object.keys(pageNoteMessages['zh-CN']));

/** A warning in plain words with its measure (dpi, degrees rounded as a person would say them), and what to do about it. */
export function useQualityText(): {
  text: (warning: QualityWarning) => string;
  hint: (warning: QualityWarning) => string;
  /** The warning's name alone, for where only its code is kept (the trail). */
  short: (code: string) => string;
} {
  const t = useT(pageNoteMessages);
  const text = useCallback(
    (warning: QualityWarning) => {
      const key = `quality_${warning.code}`;
      if (!KNOWN.has(key)) return t('qualityUnknown', { code: warning.code });
      return t(key as NoteKey, { measured: Math.round(Math.abs(warning.measured)), limit: Math.round(warning.limit) });
    },
    [t],
  );
  const hint = useCallback(
    (warning: QualityWarning) => {
      const key = `qualityHint_${warning.code}`;
      return KNOWN.has(key) ? t(key as NoteKey) : '';
    },
    [t],
  );
  const short = useCallback(
    (code: string) => {
      const key = `qualityShort_${code}`;
      return KNOWN.has(key) ? t(key as NoteKey) : t('qualityUnknown', { code });
    },
    [t],
  );
  return { text, hint, short };
}
