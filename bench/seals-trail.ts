import { randomUUID } from 'node:crypto';
import { fromHex, verifyConsistency, verifyInclusion } from '../server/crypto/index.ts';
import type { AuditEventsTable } from '../server/db/schema.ts';
import { auditEventHash, CURRENT_LINK } from '../server/modules/audit/audit-hash.ts';
import { createCheckpoint } from '../server/modules/audit/checkpoints/create-checkpoint.ts';
import { consistencyProof, inclusionProof } from '../server/modules/audit/checkpoints/trail-checkpoint-acts.ts';
import { storeTrailTiles } from '../server/modules/audit/checkpoints/trail-tiles.ts';
import { buildTree, forEachLeaf, TRAIL_HASHER } from '../server/modules/audit/checkpoints/trail-tree.ts';
import { verifyCheckpoints } from '../server/modules/audit/checkpoints/verify-checkpoints.ts';
import { verifyArchive } from '../server/modules/audit/verify-archive.ts';
import type { SealsRig } from './seals-rig.ts';
import { listEventTemplates, openTrailWriter, trailHead } from './seals-trail.repo.ts';

/** What the trail costs at its size: loading it, signing checkpoints over it, proving from it, verifying it. */
export interface TrailFigures {
  /** Events in the trail when the first checkpoint was signed (the loaded ones and those before). */
  events: number;
  loaded: number;
  loadSeconds: number;
  meanDetailBytes: number;
  firstCheckpointMs: number;
  /** After `incrementEvents` more events: the checkpoint extends the saved compact range. */
  incrementEvents: number;
  incrementalCheckpointMs: number;
  tileStoreMs: number;
  tiles: number;
  inclusionProofMs: number;
  consistencyProofMs: number;
  /** The parts of a proof: reading every chain hash and hashing the leaves, then the whole tree. */
  readLeavesMs: number;
  buildTreeMs: number;
  /** Growth of the V8 heap and array buffers while the whole tree is held, MB: what a proof holds at its peak. */
  treeMb: number;
  verifyCheckpointsMs: number;
  /** `hukou verify` but its checkpoint check: the chain walk (an SM3 per event), actions audited, projections, blobs. */
  verifyArchiveMs: number;
  problems: string[];
}

const BATCH = 10_000;
const TEMPLATES = 2_000;

/**
 * Appends `count` events to the real trail: copies of the events the section's own acts wrote
 * (accept, capture, verify, submit, review, withdraw, approve with its notice), each round of copies
 * with case ids of its own, stamped with the clock while loading, every one linked into the hash
 * chain with its real SM3 link, so `hukou verify` walks a valid chain. Returns the mean detail size.
 */
async function loadEvents(rig: SealsRig, count: number): Promise<number> {
  const { ctx, scratch } = rig;
  const templates = await listEventTemplates(ctx.db.kysely, TEMPLATES);
  const head = await trailHead(ctx.db.kysely);
  if (templates.length === 0 || !head) throw new Error('the trail has no events to copy');
  const writer = openTrailWriter(scratch.config);
  let seq = head.seq;
  let prev = head.hash;
  let detailBytes = 0;
  let caseIds = new Map<string, string>();
  let batch: AuditEventsTable[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const template = templates[i % templates.length]!;
      if (i % templates.length === 0) caseIds = new Map();
      const caseId =
        template.case_id === null ? null : (caseIds.get(template.case_id) ?? caseIds.set(template.case_id, randomUUID()).get(template.case_id)!);
      const unhashed = {
        ...template,
        seq: ++seq,
        at: new Date().toISOString(),
        object_id: template.object_id === template.case_id ? caseId : template.object_id,
        case_id: caseId,
        prev_hash: prev,
        link: CURRENT_LINK,
      };
      const row = { ...unhashed, hash: auditEventHash(unhashed) };
      prev = row.hash;
      detailBytes += Buffer.byteLength(row.detail);
      batch.push(row);
      if (batch.length === BATCH) {
        await writer.write(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await writer.write(batch);
  } finally {
    await writer.finish();
  }
  return detailBytes / count;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** The checkpoint the act made or found; a trail too small for one is the bench's own mistake. */
async function checkpointNow(rig: SealsRig) {
  const made = await createCheckpoint(rig.ctx, 'demand', rig.actors.auditor);
  if (!made) throw new Error('no checkpoint over an empty trail');
  return made.checkpoint;
}

export async function measureTrail(rig: SealsRig, count: number, incrementEvents: number): Promise<TrailFigures> {
  const { ctx, actors } = rig;
  const problems: string[] = [];
  const load = await timed(() => loadEvents(rig, count));
  const first = await timed(() => checkpointNow(rig));
  const size = first.value.tree_size;
  await loadEvents(rig, incrementEvents);
  const second = await timed(() => checkpointNow(rig));
  // What the scheduled checkpoint task does next, outside the lock: the proofs' tiles (trail-tiles.ts).
  const tiles = await timed(() => storeTrailTiles(ctx.db.kysely, second.value.tree_size));

  // One inclusion proof, of an event in the middle, from the stored tiles.
  const seq = Math.ceil(size / 2);
  const inclusion = await timed(() => inclusionProof(ctx, actors.auditor, seq, size));
  const { leafIndex, leafHash, proof: path, checkpoint } = inclusion.value;
  if (!verifyInclusion(TRAIL_HASHER, leafIndex, size, fromHex(leafHash), path.map(fromHex), fromHex(checkpoint.rootHash))) {
    problems.push(`the inclusion proof of event ${seq} does not verify`);
  }
  const consistency = await timed(() => consistencyProof(ctx, actors.auditor, size, second.value.tree_size));
  const { proof, first: a, second: b } = consistency.value;
  if (!verifyConsistency(TRAIL_HASHER, a.treeSize, b.treeSize, proof.map(fromHex), fromHex(a.rootHash), fromHex(b.rootHash))) {
    problems.push(`the consistency proof ${a.treeSize} → ${b.treeSize} does not verify`);
  }

  // What a proof spends its time on.
  const read = await timed(() => forEachLeaf(ctx.db.kysely, 0, size, () => {}));
  const held = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const before = held();
  const tree = await timed(() => buildTree(ctx.db.kysely, size));
  const treeMb = (held() - before) / 2 ** 20;
  if (tree.value.size !== size) problems.push(`the rebuilt tree has ${tree.value.size} leaves, not ${size}`);

  const checkpoints = await timed(() => verifyCheckpoints(ctx.db, ctx.config.checkpointDir));
  for (const p of checkpoints.value.problems) problems.push(`checkpoint check: ${p.kind} at ${p.where}: ${p.message}`);
  // The rest of `hukou verify` (chain walk, actions audited, case projections, blobs), without its checkpoint check timed above.
  const archive = await timed(() => verifyArchive(ctx.db, ctx.blobs, ctx.catalogs));
  for (const p of archive.value.problems) problems.push(`hukou verify: ${p.kind} at ${p.where}: ${p.message}`);

  return {
    events: size,
    loaded: count,
    loadSeconds: load.ms / 1000,
    meanDetailBytes: load.value,
    firstCheckpointMs: first.ms,
    incrementEvents,
    incrementalCheckpointMs: second.ms,
    tileStoreMs: tiles.ms,
    tiles: tiles.value,
    inclusionProofMs: inclusion.ms,
    consistencyProofMs: consistency.ms,
    readLeavesMs: read.ms,
    buildTreeMs: tree.ms,
    treeMb,
    verifyCheckpointsMs: checkpoints.ms,
    verifyArchiveMs: archive.ms,
    problems,
  };
}
