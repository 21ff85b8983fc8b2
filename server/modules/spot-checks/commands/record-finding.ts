import { randomUUID } from 'node:crypto';
import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import type { Actor } from '../../org/actor.ts';
import { presentItem } from '../present-spot-check.ts';
import { insertPaperVerifications, listItems, paperRequestsOfItem, recordFinding } from '../spot-checks.repo.ts';
import type { FindingInput } from '../spot-checks.schema.ts';
import { loadRoundForWork } from './load-round-for-work.ts';

const DAY_MS = 86_400_000;

/**
 * 记录抽查结果: the checker's finding on one sampled case (合格, or 有问题 with a note and the doubtful
 * materials). A doubtful material marked for it starts a paper verification (调阅纸质材料核实): a request to
 * the station holding the case, due HUKOU_PAPER_VERIFY_DAYS days later. Recording again before the round
 * is completed replaces the finding; a material already asked about is not asked twice.
 */
export function recordSpotFinding(
  ctx: AppContext,
  actor: Actor,
  key: { roundId: string; caseId: string },
  input: FindingInput,
  idempotencyKey: string,
) {
  const target = { action: 'supervision.spot_finding' as const, objectType: 'spot_check_round', objectId: key.roundId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'spot_finding', ...key, body: input } }, async (tx) => {
    const round = await loadRoundForWork(tx, actor, key.roundId);
    const item = (await listItems(tx, key.roundId)).find((i) => i.case_id === key.caseId);
    if (!item) throw new AppError('NOT_FOUND', { roundId: key.roundId, caseId: key.caseId });
    const { subtype } = ctx.catalogs.subtype(item.catalog_version, item.subtype_code);
    for (const d of input.doubtful) {
      if (!subtype.materials.some((m) => m.code === d.materialCode)) throw new AppError('MATERIAL_UNKNOWN', { materialCode: d.materialCode });
    }
    const now = ctx.now();
    const at = now.toISOString();
    const doubtful = input.doubtful.map((d) => ({ materialCode: d.materialCode, note: d.note }));
    const finding = {
      result: input.result,
      note: input.note ?? null,
      doubtful: doubtful.length > 0 ? JSON.stringify(doubtful) : null,
      checked_by: actor.userId,
      checked_at: at,
    };
    await recordFinding(tx, key, finding);
    const asked = new Set((await paperRequestsOfItem(tx, key.roundId, key.caseId)).map((r) => r.material_code));
    const dueAt = new Date(now.getTime() + ctx.config.spotChecks.paperVerifyDays * DAY_MS).toISOString();
    const requests = input.doubtful
      .filter((d) => d.verifyPaper && !asked.has(d.materialCode))
      .map((d) => ({
        id: randomUUID(),
        round_id: key.roundId,
        case_id: key.caseId,
        station_unit_id: item.case_unit_id,
        checker_unit_id: round.checker_unit_id,
        material_code: d.materialCode,
        doubt: d.note,
        requested_by: actor.userId,
        requested_at: at,
        due_at: dueAt,
        state: 'requested' as const,
        escalated_at: null,
        answer: null,
        answer_note: null,
        answered_by: null,
        answered_at: null,
        version: 1,
      }));
    await insertPaperVerifications(tx, requests);
    return {
      result: presentItem({ ...item, ...finding, checked_by_name: actor.displayName }, ctx.catalogs),
      at,
      audit: {
        caseId: key.caseId,
        reason: input.note ?? null,
        detail: {
          result: input.result,
          doubtful: doubtful.map((d) => d.materialCode),
          paperVerifications: requests.map((r) => ({ id: r.id, materialCode: r.material_code, dueAt: r.due_at })),
        },
      },
    };
  });
}
