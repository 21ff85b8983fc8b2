import type { AppContext } from '../../../context.ts';
import { sha256Hex } from '../../../blobs/digests.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { appendAuditEvent } from '../../audit/audit.repo.ts';
import type { Actor } from '../actor.ts';
import { revokeSession } from '../org.repo.ts';

export async function logout(ctx: AppContext, actor: Actor, token: string): Promise<void> {
  const at = ctx.now().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    await revokeSession(tx, sha256Hex(token), at);
    await appendAuditEvent(tx, {
      at,
      actorId: actor.userId,
      actorUnitId: actor.unitId,
      action: 'auth.logout',
      objectType: 'user',
      objectId: actor.userId,
      outcome: 'ok',
    });
  });
}
