import { z } from 'zod';
import { enabled, type Finding, type RuleDefinition } from './rule.ts';

/**
 * 协警越权操作: an auxiliary (协警) tried an act the rules reserve to officers, and it was refused
 * (the trail holds it with reason AUXILIARY_NOT_PERMITTED, cases/cases.policy.ts). Keyed on the trail
 * event of the refusal: each attempt is its own fact. Read from the trail, because a refusal is
 * recorded after the act's own transaction has rolled back (audit/audited.ts): the trail is where
 * every attempt is certain to be.
 */
export const auxiliaryOverreachRule: RuleDefinition = {
  code: 'auxiliary_overreach',
  name: { zh: '协警越权操作', en: 'Auxiliary overreach' },
  keyOn: 'the trail event that recorded the refusal',
  evaluatedOn: 'the sweep over the trail since its last run',
};

export const AuxiliaryOverreachSettingsSchema = z.object({ enabled });
export type AuxiliaryOverreachSettings = z.infer<typeof AuxiliaryOverreachSettingsSchema>;
export const AUXILIARY_OVERREACH_DEFAULTS: AuxiliaryOverreachSettings = { enabled: true };

/** A refused act of an auxiliary, from the trail. */
export interface AuxiliaryRefusal {
  auditSeq: number;
  at: string;
  action: string;
  actorId: string;
  actorName: string | null;
  actorUnitId: string;
  caseId: string | null;
  caseUnitId: string | null;
}

export function findAuxiliaryOverreach(refusal: AuxiliaryRefusal, settings: AuxiliaryOverreachSettings): Finding | null {
  if (!settings.enabled) return null;
  return {
    rule: 'auxiliary_overreach',
    factKey: String(refusal.auditSeq),
    caseId: refusal.caseId,
    unitId: refusal.actorUnitId,
    caseUnitId: refusal.caseUnitId,
    occurredAt: refusal.at,
    detail: { auditSeq: refusal.auditSeq, action: refusal.action, actorId: refusal.actorId, actorName: refusal.actorName },
  };
}
