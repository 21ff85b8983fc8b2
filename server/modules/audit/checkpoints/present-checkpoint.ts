import type { AuditCheckpointsTable } from '../../../db/schema.ts';

export interface CheckpointView {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  trigger: AuditCheckpointsTable['trigger'];
  signature: string;
  certificateId: string;
}

export function presentCheckpoint(row: AuditCheckpointsTable): CheckpointView {
  return {
    treeSize: row.tree_size,
    rootHash: row.root_hash,
    signedAt: row.signed_at,
    trigger: row.trigger,
    signature: row.signature,
    certificateId: row.certificate_id,
  };
}
