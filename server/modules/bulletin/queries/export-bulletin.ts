import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { canReadBulletin } from '../bulletin.policy.ts';
import { computeBulletin } from '../compute-bulletin.ts';
import { renderBulletinPdf } from '../render-bulletin-pdf.ts';
import { renderBulletinXlsx } from '../render-bulletin-xlsx.ts';
import { readingDetail } from './read-bulletin.ts';

export type BulletinFormat = 'pdf' | 'xlsx';

/** The bulletin as a file to print or to work on, audited like a reading with its format and size. */
export function exportBulletin(ctx: AppContext, actor: Actor, month: string, format: BulletinFormat): Promise<{ bytes: Buffer; filename: string }> {
  return auditedRead(ctx, actor, { action: 'supervision.bulletin_export', objectType: 'bulletin', objectId: month }, async () => {
    const decision = canReadBulletin(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const bulletin = await computeBulletin(ctx, actor, month);
    const bytes = format === 'pdf' ? await renderBulletinPdf(bulletin) : await renderBulletinXlsx(bulletin);
    return {
      result: { bytes, filename: `bulletin-${month}-${actor.unitId}.${format}` },
      detail: { ...readingDetail(bulletin, format), bytes: bytes.length },
    };
  });
}
