import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../org/actor.ts';
import { findUnitById, listUnitsInScope } from '../org/org.repo.ts';
import { countSpotChecksByUnit, countSpotChecksDoneByChecker } from '../spot-checks/spot-check-stats.repo.ts';
import { type BulletinMonth, bulletinMonth, monthOf } from './bulletin-month.ts';
import { type BulletinRow, bulletinRows, mergeCounts } from './bulletin-report.ts';
import { countBulletinFigures } from './bulletin.repo.ts';

export interface Bulletin {
  month: BulletinMonth;
  /** The month is over: its figures no longer grow (but a capture limit or a warning may still fall due). */
  complete: boolean;
  /** The Beijing month the server is in now (YYYY-MM): the latest month that may be read. */
  currentMonth: string;
  generatedAt: string;
  /** The reader's unit: the bulletin covers it and the units under it. */
  scope: { id: string; name: string };
  readerName: string;
  rows: BulletinRow[];
}

/**
 * The month's bulletin for the units in the reader's scope, counted now in the database. A month not
 * yet begun has nothing to count: refused rather than answered with zeros that look like a bad month.
 */
export async function computeBulletin(ctx: AppContext, actor: Actor, monthText: string): Promise<Bulletin> {
  const month = bulletinMonth(monthText);
  const now = ctx.now();
  const currentMonth = monthOf(now);
  // The refusal names the month it is, so a page whose own clock is ahead can turn to it.
  if (month.from > now.toISOString()) throw new AppError('BULLETIN_MONTH_NOT_STARTED', { month: monthText, currentMonth });
  const db = ctx.db.kysely;
  const range = { from: month.from, to: month.to };
  const [units, scopeUnit, counts, checked, done] = await Promise.all([
    listUnitsInScope(db, actor.unitPath),
    findUnitById(db, actor.unitId),
    countBulletinFigures(db, { ...range, asOf: now.toISOString() }),
    countSpotChecksByUnit(db, range),
    countSpotChecksDoneByChecker(db, range),
  ]);
  const spot = new Map([...checked].map(([unitId, c]) => [unitId, { spotChecked: c.checked, spotFindings: c.withFindings }]));
  const spotDone = new Map([...done].map(([unitId, count]) => [unitId, { spotChecksDone: count }]));
  return {
    month,
    complete: month.to <= now.toISOString(),
    currentMonth,
    generatedAt: now.toISOString(),
    scope: { id: actor.unitId, name: scopeUnit?.name ?? actor.unitId },
    readerName: actor.displayName,
    rows: bulletinRows(units, mergeCounts([...counts, spot, spotDone])),
  };
}
