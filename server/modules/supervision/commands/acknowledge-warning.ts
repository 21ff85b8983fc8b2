import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { runWarningAct } from './run-warning-act.ts';

/** 确认: someone answerable for the warning has seen it and takes it on. */
export function acknowledgeWarning(ctx: AppContext, actor: Actor, warningId: string, idempotencyKey: string) {
  return runWarningAct(ctx, actor, { warningId, act: 'acknowledge', idempotencyKey, note: null });
}
