import type { z } from 'zod';
import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { canOperateSms } from '../sms.policy.ts';
import { listStationPhones } from '../sms.repo.ts';
import type { StationPhoneListSchema } from '../sms.schema.ts';

/** The number each station is told on (the system administrator's, audited). */
export function listStationPhonesFor(ctx: AppContext, actor: Actor): Promise<z.infer<typeof StationPhoneListSchema>> {
  return auditedRead(ctx, actor, { action: 'sms.station_phone_list', objectType: 'unit', objectId: null }, async () => {
    const decision = canOperateSms(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const rows = await listStationPhones(ctx.db.kysely);
    return {
      result: {
        items: rows.map((row) => ({
          unitId: row.id,
          code: row.code,
          name: row.name,
          nameEn: row.name_en,
          phone: row.phone,
          updatedAt: row.updated_at,
        })),
      },
      detail: { results: rows.length },
    };
  });
}
