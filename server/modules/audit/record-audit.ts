import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type AuditEventInput, appendAuditEvent } from './audit.repo.ts';

/**
 * Records one event in a transaction of its own: for what changes nothing else (a look, a search,
 * a refusal, a sign-in attempt). Acts that change state append their event inside the act's
 * transaction instead (act-runner.ts), so the two commit together.
 */
export async function recordAudit(ctx: { db: Db }, event: AuditEventInput): Promise<void> {
  await inTransaction(ctx.db, (tx) => appendAuditEvent(tx, event));
}
