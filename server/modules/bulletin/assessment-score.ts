import type { BulletinFigures } from './bulletin-figures.ts';

/**
 * 考核得分: 100 minus a deduction per shortcoming, each its weight times a rate between 0 and 1, so
 * the score stays within 0..100 and a unit's size does not decide it: a large station is judged by
 * the same shares as a small one. The weights sum to 100 (a unit failing everything scores 0) and say
 * what the bureau cares for most: the archive captured on time and complete (55), then approvals on
 * time (15), then late and supplementary capture (10 each) and what spot checks found (10).
 * docs/BULLETIN.md gives the reasons.
 */
export const SCORE_WEIGHTS = {
  captureLate: 30,
  nonCompliant: 25,
  overdueApprovals: 15,
  lateCases: 10,
  supplementCases: 10,
  spotFindings: 10,
} as const;

export type DeductionKey = keyof typeof SCORE_WEIGHTS;
export type Deductions = Record<DeductionKey, number>;

/** n of d, at most 1; with nothing to divide by, any occurrence counts as the whole share. */
export function share(n: number, d: number): number {
  if (d > 0) return Math.min(1, n / d);
  return n > 0 ? 1 : 0;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function deductions(f: BulletinFigures): Deductions {
  return {
    captureLate: round1(SCORE_WEIGHTS.captureLate * (f.captureDue > 0 ? (f.captureDue - f.capturedInTime) / f.captureDue : 0)),
    nonCompliant: round1(SCORE_WEIGHTS.nonCompliant * share(f.nonCompliant, f.accepted)),
    overdueApprovals: round1(SCORE_WEIGHTS.overdueApprovals * share(f.overdueApprovals, f.accepted)),
    lateCases: round1(SCORE_WEIGHTS.lateCases * share(f.lateCases, f.accepted)),
    supplementCases: round1(SCORE_WEIGHTS.supplementCases * share(f.supplementCases, f.accepted)),
    spotFindings: round1(SCORE_WEIGHTS.spotFindings * (f.spotChecked > 0 ? f.spotFindings / f.spotChecked : 0)),
  };
}

/** The score with one decimal, and the deductions it is made of (each rounded to one decimal first, so they add up). */
export function assessmentScore(f: BulletinFigures): { score: number; deductions: Deductions } {
  const parts = deductions(f);
  const total = Object.values(parts).reduce((sum, part) => sum + part, 0);
  return { score: round1(Math.min(100, Math.max(0, 100 - total))), deductions: parts };
}

/** 按时采集率, or null when nothing was due. */
export function inTimeRate(f: BulletinFigures): number | null {
  return f.captureDue > 0 ? f.capturedInTime / f.captureDue : null;
}
