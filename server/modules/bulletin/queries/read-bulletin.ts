import type { z } from 'zod';
import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { SCORE_WEIGHTS } from '../assessment-score.ts';
import { canReadBulletin } from '../bulletin.policy.ts';
import type { BulletinSchema } from '../bulletin.schema.ts';
import { type Bulletin, computeBulletin } from '../compute-bulletin.ts';

/** What the trail keeps of a reading: the month, the format, and whose figures were shown. */
export function readingDetail(bulletin: Bulletin, format: string) {
  return { month: bulletin.month.month, format, complete: bulletin.complete, unitIds: bulletin.rows.map((row) => row.unit.id) };
}

/** 月度通报 on the page: the month's figures and scores of the units in the reader's scope (audited). */
export function readBulletin(ctx: AppContext, actor: Actor, month: string): Promise<z.infer<typeof BulletinSchema>> {
  return auditedRead(ctx, actor, { action: 'supervision.bulletin_view', objectType: 'bulletin', objectId: month }, async () => {
    const decision = canReadBulletin(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const bulletin = await computeBulletin(ctx, actor, month);
    return {
      result: {
        month: bulletin.month.month,
        from: bulletin.month.from,
        to: bulletin.month.to,
        complete: bulletin.complete,
        currentMonth: bulletin.currentMonth,
        generatedAt: bulletin.generatedAt,
        scope: bulletin.scope,
        weights: { ...SCORE_WEIGHTS },
        units: bulletin.rows.map((row) => ({
          unit: { id: row.unit.id, name: row.unit.name, nameEn: row.unit.name_en, kind: row.unit.kind, parentId: row.unit.parent_id },
          figures: row.figures,
          inTimeRate: row.inTimeRate,
          score: row.score,
          deductions: row.deductions,
        })),
      },
      detail: readingDetail(bulletin, 'json'),
    };
  });
}
