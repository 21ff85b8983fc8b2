import type { UnitsTable } from '../../db/schema.ts';
import { assessmentScore, type Deductions, inTimeRate } from './assessment-score.ts';
import { addFigures, type BulletinFigures, emptyFigures, FIGURE_KEYS } from './bulletin-figures.ts';

export interface BulletinRow {
  unit: Pick<UnitsTable, 'id' | 'name' | 'name_en' | 'kind' | 'parent_id' | 'path'>;
  figures: BulletinFigures;
  inTimeRate: number | null;
  /** null for a unit with nothing to assess this month: no business, no warnings, no checks. */
  score: number | null;
  deductions: Deductions;
}

/**
 * One row per unit in scope, in tree order: a station's own figures; a branch or the city summed over
 * itself and every unit under it (approvals overdue at its own level and the checks it did are its
 * own), and scored by the same formula on the sums, so a branch's score weighs its stations by their
 * business. A unit with nothing at all this month gets no score rather than a perfect one.
 */
export function bulletinRows(units: readonly BulletinRow['unit'][], own: ReadonlyMap<string, Partial<BulletinFigures>>): BulletinRow[] {
  const ordered = [...units].sort((a, b) => a.path.localeCompare(b.path));
  return ordered.map((unit) => {
    const figures = ordered
      .filter((other) => other.path.startsWith(unit.path))
      .reduce((sum, other) => addFigures(sum, own.get(other.id) ?? {}), emptyFigures());
    const { score, deductions } = assessmentScore(figures);
    const idle = FIGURE_KEYS.every((key) => figures[key] === 0);
    return { unit, figures, inTimeRate: inTimeRate(figures), score: idle ? null : score, deductions };
  });
}

/** Merges partial counts per unit into one map. */
export function mergeCounts(parts: readonly ReadonlyMap<string, Partial<BulletinFigures>>[]): Map<string, Partial<BulletinFigures>> {
  const merged = new Map<string, Partial<BulletinFigures>>();
  for (const part of parts) {
    for (const [unitId, counts] of part) merged.set(unitId, { ...merged.get(unitId), ...counts });
  }
  return merged;
}
