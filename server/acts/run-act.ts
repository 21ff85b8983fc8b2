import type { AppContext } from '../context.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import { appendAuditEvent, type AuditEventInput } from '../modules/audit/audit.repo.ts';
import { type AuditTarget, eventBy, withRefusalRecorded } from '../modules/audit/audited.ts';
import { idempotent } from '../modules/idempotency/idempotent.ts';
import type { OutboxMessage } from '../modules/notify/outbox.ts';
import { insertOutboxMessages } from '../modules/notify/outbox.repo.ts';
import type { Actor } from '../modules/org/actor.ts';

export interface ActRequest {
  target: AuditTarget;
  idempotencyKey: string;
  /** What identifies the request for idempotency: the act, its object and its body. */
  fingerprint: unknown;
}

/** What an act's work hands back: the answer, what the trail records, and messages to send after commit. */
export interface ActOutcome<T> {
  result: T;
  at: string;
  audit: Partial<Pick<AuditEventInput, 'objectId' | 'caseId' | 'reason' | 'detail'>>;
  outbox?: readonly OutboxMessage[];
}

/**
 * The one skeleton of every act that changes state. In one transaction: claim the idempotency key
 * (a retry gets the first answer back and records nothing new), do the work, write its outbox
 * messages, store the answer, and append the audit event last — on PostgreSQL the trail's lock is
 * then held only from the append to commit. If anything throws, nothing is written, and the
 * refusal is recorded in a transaction of its own.
 */
export function runAct<T>(ctx: AppContext, actor: Actor, request: ActRequest, work: (tx: Tx) => Promise<ActOutcome<T>>): Promise<T> {
  const { target } = request;
  return withRefusalRecorded(ctx, actor, target, () =>
    inTransaction(ctx.db, async (tx) => {
      let audit: AuditEventInput | undefined;
      const claim = { actorId: actor.userId, key: request.idempotencyKey, fingerprint: request.fingerprint, at: ctx.now().toISOString() };
      const { value } = await idempotent(tx, claim, async () => {
        const outcome = await work(tx);
        await insertOutboxMessages(tx, outcome.outbox ?? [], outcome.at);
        audit = {
          ...eventBy(actor, target, outcome.at),
          outcome: 'ok',
          ...outcome.audit,
          objectId: outcome.audit.objectId ?? target.objectId,
          caseId: outcome.audit.caseId ?? target.caseId ?? null,
        };
        return outcome.result;
      });
      if (audit) await appendAuditEvent(tx, audit);
      return value;
    }),
  );
}
