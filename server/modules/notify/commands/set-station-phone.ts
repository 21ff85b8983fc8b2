import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { findUnitById } from '../../org/org.repo.ts';
import { maskPhone } from '../sms-state.ts';
import { canOperateSms } from '../sms.policy.ts';
import { setStationPhone } from '../sms.repo.ts';

/** The system administrator sets (or removes) the number a station is told on; texts queued later use it. */
export function setStationSmsPhone(ctx: AppContext, actor: Actor, unitId: string, phone: string | null, idempotencyKey: string) {
  const target = { action: 'sms.station_phone_set' as const, objectType: 'unit', objectId: unitId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'sms_station_phone', unitId, phone } }, async (tx) => {
    const decision = canOperateSms(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const unit = await findUnitById(tx, unitId);
    if (!unit) throw new AppError('NOT_FOUND', { unitId });
    if (unit.kind !== 'station') throw new AppError('SMS_UNIT_NOT_STATION', { kind: unit.kind });
    const at = ctx.now().toISOString();
    const before = await setStationPhone(tx, unitId, phone, at, actor.userId);
    return {
      result: { unitId, code: unit.code, name: unit.name, nameEn: unit.name_en, phone, updatedAt: phone === null ? null : at },
      at,
      // The trail keeps the numbers masked, like every list.
      audit: { detail: { before: before && maskPhone(before), after: phone && maskPhone(phone) } },
    };
  });
}
