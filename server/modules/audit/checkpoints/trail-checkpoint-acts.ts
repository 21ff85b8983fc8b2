import { toHex } from '../../../crypto/index.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import type { Actor } from '../../org/actor.ts';
import { canReadAuditTrail } from '../audit.policy.ts';
import { auditedRead, forbidden, withRefusalRecorded } from '../audited.ts';
import { findAuditEventHash, findCheckpoint, latestCheckpoint, listCheckpoints } from './checkpoint.repo.ts';
import { createCheckpoint } from './create-checkpoint.ts';
import { type CheckpointView, presentCheckpoint } from './present-checkpoint.ts';
import { trailProver } from './trail-tiles.ts';
import { leafOf } from './trail-tree.ts';

/** The checkpoints signed so far, newest first (audit administrator). */
export function listTrailCheckpoints(ctx: AppContext, actor: Actor): Promise<{ checkpoints: CheckpointView[]; intervalMinutes: number }> {
  return auditedRead(ctx, actor, { action: 'audit.read', objectType: 'audit_trail', objectId: 'checkpoints' }, async () => {
    if (!canReadAuditTrail(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const rows = await listCheckpoints(ctx.db.kysely);
    return { result: { checkpoints: rows.reverse().map(presentCheckpoint), intervalMinutes: ctx.config.checkpointMinutes } };
  });
}

/** A checkpoint now, on the audit administrator's demand; the latest when nothing was written since. */
export function checkpointOnDemand(ctx: AppContext, actor: Actor): Promise<CheckpointView> {
  return withRefusalRecorded(ctx, actor, { action: 'audit.checkpoint', objectType: 'audit_trail', objectId: null }, async () => {
    if (!canReadAuditTrail(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const made = await createCheckpoint(ctx, 'demand', actor);
    if (!made) throw new AppError('CHECKPOINT_NOT_FOUND');
    return presentCheckpoint(made.checkpoint);
  });
}

async function signedCheckpoint(ctx: AppContext, treeSize: number | undefined) {
  const row = treeSize === undefined ? await latestCheckpoint(ctx.db.kysely) : await findCheckpoint(ctx.db.kysely, treeSize);
  if (!row) throw new AppError('CHECKPOINT_NOT_FOUND', { treeSize: treeSize ?? null });
  return row;
}

/**
 * RFC 6962 inclusion proof of one event in a signed checkpoint (the latest by default): with the
 * event's chain hash, anyone holding the signed root checks that the event is in the trail as signed.
 */
export function inclusionProof(ctx: AppContext, actor: Actor, seq: number, treeSize?: number) {
  return auditedRead(ctx, actor, { action: 'audit.proof', objectType: 'audit_trail', objectId: String(seq) }, async () => {
    if (!canReadAuditTrail(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const checkpoint = await signedCheckpoint(ctx, treeSize);
    if (seq > checkpoint.tree_size) throw new AppError('EVENT_NOT_CHECKPOINTED', { seq, treeSize: checkpoint.tree_size });
    const eventHash = await findAuditEventHash(ctx.db.kysely, seq);
    if (!eventHash) throw new AppError('NOT_FOUND', { seq });
    const prover = await trailProver(ctx.db.kysely, checkpoint.tree_size);
    return {
      result: {
        seq,
        leafIndex: seq - 1,
        eventHash,
        leafHash: toHex(leafOf(eventHash)),
        proof: (await prover.inclusion(seq - 1)).map(toHex),
        checkpoint: presentCheckpoint(checkpoint),
      },
      detail: { seq, treeSize: checkpoint.tree_size },
    };
  });
}

/** RFC 6962 consistency proof between two signed checkpoints: the later trail extends the earlier one, nothing rewritten. */
export function consistencyProof(ctx: AppContext, actor: Actor, first: number, second: number) {
  return auditedRead(ctx, actor, { action: 'audit.proof', objectType: 'audit_trail', objectId: `${first}-${second}` }, async () => {
    if (!canReadAuditTrail(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    if (first > second) throw new AppError('VALIDATION_FAILED', { reason: 'FIRST_AFTER_SECOND' });
    const [a, b] = [await signedCheckpoint(ctx, first), await signedCheckpoint(ctx, second)];
    const prover = await trailProver(ctx.db.kysely, b.tree_size);
    return {
      result: { first: presentCheckpoint(a), second: presentCheckpoint(b), proof: (await prover.consistency(a.tree_size)).map(toHex) },
      detail: { first, second },
    };
  });
}
