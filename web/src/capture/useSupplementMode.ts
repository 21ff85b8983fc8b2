import type { InputRef } from 'antd';
import { useCallback, useRef, useState } from 'react';
import type { CaseView } from './case-view.ts';
import { MIN_REASON } from './ReasonModal.tsx';
import type { SupplementCause } from './SupplementBanner.tsx';

const AT_THE_STATION: readonly string[] = ['accepted', 'verified', 'returned'];

export function atTheStation(kase: Pick<CaseView, 'status'>): boolean {
  return AT_THE_STATION.includes(kase.status);
}

/**
 * Whether pages now come as 补录, and its reason. The server says so in allowedActs, by its own clock
 * (allowed-acts.ts): `capture` before the capture limit, `supplement` after it or after submission,
 * and neither for an auxiliary once the limit has passed (补录 is an officer's). A page left open
 * across the limit learns it from the refusal (SUPPLEMENT_REQUIRED), after which the case is read
 * again (useUploader.ts).
 */
export function useSupplementMode(kase: CaseView | undefined) {
  const [reason, setReason] = useState('');
  const [missingShown, setMissingShown] = useState(false);
  const inputRef = useRef<InputRef>(null);

  const allowed: readonly string[] = kase?.allowedActs ?? [];
  const capture = allowed.includes('capture');
  const supplement = allowed.includes('supplement');
  // At the station, whoever may arrange pages but may capture nothing more is past the limit.
  const lateAtStation = !capture && (supplement || allowed.includes('arrange_pages'));
  const cause: SupplementCause | null = !kase ? null : !atTheStation(kase) ? 'submitted' : lateAtStation ? 'late' : null;
  const canAdd = cause ? supplement : capture;
  const trimmed = reason.trim();
  const reasonValid = trimmed.length >= MIN_REASON;

  /** Before sending anything in 补录 mode: the reason must be there; if not, say so beside its field. */
  const ensureReady = useCallback((): boolean => {
    if (!cause || reasonValid) return true;
    setMissingShown(true);
    inputRef.current?.focus();
    return false;
  }, [cause, reasonValid]);

  return { cause, canAdd, reason, setReason, missingShown, inputRef, ensureReady, reasonToSend: cause ? trimmed : undefined };
}
