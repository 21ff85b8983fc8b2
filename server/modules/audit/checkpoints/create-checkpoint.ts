import { certificateToPem, signTreeHead, toHex } from '../../../crypto/index.ts';
import type { AppContext } from '../../../context.ts';
import { dialectOps } from '../../../db/dialect.ts';
import type { AuditCheckpointsTable } from '../../../db/schema.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../org/actor.ts';
import { findRootUnit } from '../../org/org.repo.ts';
import { unitKeyHolder } from '../../seals/seal-authority.ts';
import { appendAuditEvent } from '../audit.repo.ts';
import { countAuditEvents, insertCheckpoint, lastEventAction, latestCheckpoint } from './checkpoint.repo.ts';
import { extendRange, restoreRange } from './trail-tree.ts';
import { WITNESS_FORMAT, writeWitness } from './witness.ts';

/**
 * Signs the trail's tree head now, with the city bureau's key: on the schedule, on demand and at
 * shutdown. The chain lock is held throughout, so no event commits between reading the trail and
 * recording the checkpoint, and two processes never sign the same size. The witness file is
 * written before commit: a checkpoint the database holds always has its file (a file whose row a
 * failed commit lost is still a true witness of events already committed). Returns the latest
 * checkpoint, new or not; null when the trail is empty.
 */
export function createCheckpoint(ctx: AppContext, trigger: AuditCheckpointsTable['trigger'], actor: Actor | null = null) {
  return inTransaction(ctx.db, async (tx) => {
    await dialectOps(tx).lockAuditChain(tx);
    const last = await latestCheckpoint(tx);
    const size = await countAuditEvents(tx);
    if (size === 0) return null;
    if (last && last.tree_size === size) return { checkpoint: last, created: false };
    // Signing records an event, which the next checkpoint covers: an idle trail is not signed again
    // and again for that event alone, except when someone asks.
    if (last && trigger !== 'demand' && size === last.tree_size + 1 && (await lastEventAction(tx)) === 'audit.checkpoint') {
      return { checkpoint: last, created: false };
    }
    const range = await extendRange(tx, restoreRange(last?.tree_size ?? 0, last?.border ?? '[]'), size);
    const at = ctx.now();
    const city = await findRootUnit(tx);
    if (!city) throw new Error('there is no city bureau to sign the trail');
    const signer = await unitKeyHolder(tx, ctx.dataKeys, city.id, at);
    const head = signTreeHead({ treeSize: size, rootHash: range.root(), timestamp: at.getTime() }, signer.privateKey);
    const row: AuditCheckpointsTable = {
      tree_size: size,
      root_hash: toHex(head.rootHash),
      signed_at: at.toISOString(),
      signature: Buffer.from(head.signature).toString('base64'),
      certificate_id: signer.row.id,
      border: JSON.stringify(range.hashes().map(toHex)),
      trigger,
    };
    writeWitness(ctx.config.checkpointDir, {
      format: WITNESS_FORMAT,
      treeSize: size,
      rootHash: row.root_hash,
      timestamp: head.timestamp,
      signedAt: row.signed_at,
      signature: row.signature,
      certificate: certificateToPem(signer.certificate),
    });
    await insertCheckpoint(tx, row);
    await appendAuditEvent(tx, {
      at: row.signed_at,
      actorId: actor?.userId ?? null,
      actorUnitId: actor?.unitId ?? null,
      action: 'audit.checkpoint',
      objectType: 'audit_trail',
      objectId: String(size),
      outcome: 'ok',
      detail: { treeSize: size, rootHash: row.root_hash, trigger, certificate: signer.row.serial },
    });
    return { checkpoint: row, created: true };
  });
}
