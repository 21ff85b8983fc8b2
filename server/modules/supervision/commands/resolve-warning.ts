import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { runWarningAct } from './run-warning-act.ts';

/** 处理完毕: the warning was dealt with, as the note says; it stays, resolved, and its fact raises nothing again. */
export function resolveWarning(ctx: AppContext, actor: Actor, warningId: string, note: string, idempotencyKey: string) {
  return runWarningAct(ctx, actor, { warningId, act: 'resolve', idempotencyKey, note });
}
