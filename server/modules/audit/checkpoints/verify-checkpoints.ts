import { bytesEqual, CompactRange, fromHex, parseCertificate, toHex, verifyCertificateChain, verifyTreeHead } from '../../../crypto/index.ts';
import type { Db } from '../../../db/database.ts';
import { authorityRoot } from '../../seals/seal-authority.ts';
import { countAuditEvents, listCheckpoints } from './checkpoint.repo.ts';
import { forEachLeaf, TRAIL_HASHER } from './trail-tree.ts';
import { readWitnesses, type WitnessedCheckpoint } from './witness.ts';

export interface CheckpointProblem {
  kind: 'checkpoint_unreadable' | 'checkpoint_signature' | 'checkpoint_truncated' | 'checkpoint_root' | 'checkpoint_unwitnessed' | 'checkpoint_fork';
  where: string;
  message: string;
}

export interface CheckpointReport {
  /** Witness files whose signature verified. */
  witnessed: number;
  /** The largest tree size a verified witness holds, and the events written after it (not yet witnessed). */
  latestTreeSize: number | null;
  eventsAfterLatest: number;
  problems: CheckpointProblem[];
}

function signatureProblem(checkpoint: WitnessedCheckpoint, root: Awaited<ReturnType<typeof authorityRoot>>): string | null {
  if (!root) return 'the seal authority has no root certificate to check the signer against';
  try {
    const certificate = parseCertificate(checkpoint.certificate);
    const chain = verifyCertificateChain(certificate, { trustedRoots: [root], at: new Date(checkpoint.timestamp) });
    if (!chain.ok) return `signer certificate: ${chain.failure}: ${chain.detail}`;
    const head = {
      treeSize: checkpoint.treeSize,
      rootHash: fromHex(checkpoint.rootHash),
      timestamp: checkpoint.timestamp,
      signature: new Uint8Array(Buffer.from(checkpoint.signature, 'base64')),
    };
    return verifyTreeHead(head, certificate.publicKey) ? null : 'the tree head signature does not verify';
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
}

/**
 * Checks the trail against its checkpoints: every witness file's signature (the city bureau's
 * certificate under the authority's root), then one pass over the events computing the Merkle root
 * at every checkpointed size. Deleted trailing events leave a witness larger than the trail; a
 * rewritten and re-hashed chain, or a fork signed afresh, gives another root than a witness holds;
 * a checkpoint row with no file, or one that disagrees with its file, is named too.
 */
export async function verifyCheckpoints(db: Db, dir: string): Promise<CheckpointReport> {
  const problems: CheckpointProblem[] = [];
  const root = await authorityRoot(db.kysely);
  const witnesses: WitnessedCheckpoint[] = [];
  for (const read of readWitnesses(dir)) {
    if ('error' in read) {
      problems.push({ kind: 'checkpoint_unreadable', where: read.file, message: read.error });
      continue;
    }
    const problem = signatureProblem(read.checkpoint, root);
    if (problem) problems.push({ kind: 'checkpoint_signature', where: read.file, message: problem });
    else witnesses.push(read.checkpoint);
  }
  const rows = await listCheckpoints(db.kysely);
  for (const row of rows) {
    const witness = witnesses.find((w) => w.treeSize === row.tree_size);
    const where = `audit_checkpoints tree size ${row.tree_size}`;
    if (!witness) problems.push({ kind: 'checkpoint_unwitnessed', where, message: 'no witness file holds this checkpoint' });
    else if (witness.rootHash !== row.root_hash || witness.signature !== row.signature) {
      problems.push({ kind: 'checkpoint_fork', where, message: 'the checkpoint differs from its witness file' });
    }
  }

  const events = await countAuditEvents(db.kysely);
  const expected = new Map<number, { root: string; where: string }[]>();
  const expect = (size: number, rootHash: string, where: string) => expected.set(size, [...(expected.get(size) ?? []), { root: rootHash, where }]);
  for (const w of witnesses) expect(w.treeSize, w.rootHash, `witness of tree size ${w.treeSize}`);
  for (const row of rows) expect(row.tree_size, row.root_hash, `audit_checkpoints tree size ${row.tree_size}`);
  const range = CompactRange.empty(TRAIL_HASHER);
  const compare = (size: number) => {
    const signed = expected.get(size);
    // The root only at checkpointed sizes: hashing it after every event made the pass ten times slower.
    if (!signed) return;
    const now = toHex(range.root());
    for (const e of signed) {
      if (!bytesEqual(fromHex(e.root), fromHex(now))) {
        problems.push({
          kind: 'checkpoint_root',
          where: e.where,
          message: `the events 1-${size} no longer give the signed root: the trail was rewritten`,
        });
      }
    }
  };
  const largest = Math.max(0, ...expected.keys());
  let reached = 0;
  try {
    reached = await forEachLeaf(db.kysely, 0, Math.min(largest, events), (seq, leaf) => {
      range.appendLeafHash(leaf);
      compare(seq);
    });
  } catch (error) {
    problems.push({ kind: 'checkpoint_truncated', where: 'audit_events', message: (error as Error).message });
  }
  for (const [size, list] of expected) {
    if (size > reached) {
      for (const e of list)
        problems.push({
          kind: 'checkpoint_truncated',
          where: e.where,
          message: `signed over ${size} events; the trail holds ${events}: events were deleted`,
        });
    }
  }
  const latest = witnesses.reduce<number | null>((max, w) => (max === null || w.treeSize > max ? w.treeSize : max), null);
  return { witnessed: witnesses.length, latestTreeSize: latest, eventsAfterLatest: Math.max(0, events - (latest ?? 0)), problems };
}
