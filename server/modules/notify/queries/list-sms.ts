import type { z } from 'zod';
import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { listUnitsInScope } from '../../org/org.repo.ts';
import { presentSms } from '../present-sms.ts';
import { canListSms, canOperateSms, seesAllUnits } from '../sms.policy.ts';
import { countSms, listSms, type SmsFilter } from '../sms.repo.ts';
import type { ListSmsInput, SmsListSchema } from '../sms.schema.ts';

/** SMS 发送记录: the texts in the reader's sight, newest first, a page at a time (audited: they name cases). */
export function listSmsInScope(ctx: AppContext, actor: Actor, input: ListSmsInput): Promise<z.infer<typeof SmsListSchema>> {
  const { page, pageSize, state } = input;
  return auditedRead(ctx, actor, { action: 'sms.list', objectType: 'sms', objectId: null }, async () => {
    const decision = canListSms(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const unitIds = seesAllUnits(actor) ? null : (await listUnitsInScope(ctx.db.kysely, actor.unitPath)).map((unit) => unit.id);
    const filter: SmsFilter = { unitIds, state };
    const [total, rows] = await Promise.all([
      countSms(ctx.db.kysely, filter),
      listSms(ctx.db.kysely, filter, { offset: (page - 1) * pageSize, limit: pageSize }),
    ]);
    return {
      result: {
        items: rows.map(presentSms),
        total,
        page,
        pageSize,
        gateway: ctx.config.sms.gateway,
        canRetry: canOperateSms(actor).allow,
      },
      detail: { state: state ?? null, page, results: rows.length, total, smsIds: rows.map((row) => row.id) },
    };
  });
}
