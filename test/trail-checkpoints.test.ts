import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  fromHex,
  MerkleTree,
  parseCertificate,
  SM3_MERKLE,
  toHex,
  verifyConsistency,
  verifyInclusion,
  verifyTreeHead,
} from '../server/crypto/index.ts';
import { createScheduler } from '../server/jobs/scheduler.ts';
import { serverTasks } from '../server/jobs/server-tasks.ts';
import { signShutdownCheckpoint } from '../server/jobs/trail-checkpoints.ts';
import { auditEventHash, GENESIS_HASH } from '../server/modules/audit/audit-hash.ts';
import { storeTrailTiles, TILE_SIZE } from '../server/modules/audit/checkpoints/trail-tiles.ts';
import { appendAuditEvent } from '../server/modules/audit/audit.repo.ts';
import { verifyArchive } from '../server/modules/audit/verify-archive.ts';
import { inTransaction } from '../server/db/transaction.ts';
import { as, type Client } from './support/api.ts';
import { acceptSample, subtypeWithChain } from './support/journey.ts';
import { dropAppendOnlyGuards } from './support/tamper.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/** The trail's Merkle root computed here from the stored chain hashes, as an outside checker would. */
async function rootOf(env: TestEnv, size: number): Promise<string> {
  const rows = await env.ctx.db.kysely.selectFrom('audit_events').select('hash').where('seq', '<=', size).orderBy('seq').execute();
  return toHex(
    MerkleTree.fromLeafHashes(
      rows.map((r) => SM3_MERKLE.hashLeaf(fromHex(r.hash))),
      SM3_MERKLE,
    ).root(),
  );
}

async function eventCount(env: TestEnv): Promise<number> {
  return (await env.ctx.db.kysely.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow()).seq;
}

const verify = (env: TestEnv) => verifyArchive(env.ctx.db, env.ctx.blobs, env.ctx.catalogs, { checkpointDir: env.config.checkpointDir });
const kinds = (report: Awaited<ReturnType<typeof verify>>) => [...new Set(report.problems.map((p) => p.kind))].sort();

/** Re-hashes the chain from `fromSeq` on, as an intruder who rewrote a row would, so the chain itself checks out. */
async function rehashChain(env: TestEnv, fromSeq: number): Promise<void> {
  const db = env.ctx.db.kysely;
  const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', fromSeq).orderBy('seq').execute();
  let prev =
    fromSeq === 1
      ? GENESIS_HASH
      : (
          await db
            .selectFrom('audit_events')
            .select('hash')
            .where('seq', '=', fromSeq - 1)
            .executeTakeFirstOrThrow()
        ).hash;
  for (const row of rows) {
    const { hash: _old, ...unhashed } = { ...row, prev_hash: prev };
    const hash = auditEventHash(unhashed);
    await db.updateTable('audit_events').set({ prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
    prev = hash;
  }
}

describe('signed checkpoints of the audit trail', () => {
  let env: TestEnv;
  let auditor: Client;
  let serial = 1;
  const someActs = async () => {
    const officer = await as(env, 'gulou.officer');
    await acceptSample(officer, subtypeWithChain(env, 'station'), serial++);
  };

  beforeEach(async () => {
    env = await createTestEnv();
    auditor = await as(env, 'auditadmin');
  });
  afterEach(async () => {
    await env.close();
  });

  it('signs the tree head with the city bureau’s key, writes the witness file, and proves inclusion and consistency', async () => {
    await someActs();
    const before = await eventCount(env);
    const first = await auditor.post('/api/audit/checkpoints');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.treeSize, before);
    assert.equal(first.body.rootHash, await rootOf(env, before));

    const file = path.join(env.config.checkpointDir, `checkpoint-${String(before).padStart(12, '0')}.json`);
    const witness = JSON.parse(fs.readFileSync(file, 'utf8'));
    const certificate = parseCertificate(witness.certificate);
    assert.match(certificate.subject.entries.map((e) => e.value).join(','), /鄂州市公安局/);
    const head = {
      treeSize: witness.treeSize,
      rootHash: fromHex(witness.rootHash),
      timestamp: witness.timestamp,
      signature: new Uint8Array(Buffer.from(witness.signature, 'base64')),
    };
    assert.equal(verifyTreeHead(head, certificate.publicKey), true);
    assert.equal(verifyTreeHead({ ...head, treeSize: head.treeSize - 1 }, certificate.publicKey), false);

    await someActs();
    const second = await auditor.post('/api/audit/checkpoints');
    assert.ok(second.body.treeSize > first.body.treeSize);

    const seq = 3;
    const inclusion = await auditor.get(`/api/audit/events/${seq}/proof?treeSize=${second.body.treeSize}`);
    assert.equal(inclusion.status, 200, JSON.stringify(inclusion.body));
    const root = fromHex(second.body.rootHash);
    const proof = inclusion.body.proof.map(fromHex);
    const leaf = fromHex(inclusion.body.leafHash);
    assert.equal(verifyInclusion(SM3_MERKLE, seq - 1, second.body.treeSize, leaf, proof, root), true);
    // Forged proofs are refused: another leaf, another place, a changed sibling, a shortened path.
    const otherLeaf = SM3_MERKLE.hashLeaf(fromHex(GENESIS_HASH));
    assert.equal(verifyInclusion(SM3_MERKLE, seq - 1, second.body.treeSize, otherLeaf, proof, root), false);
    assert.equal(verifyInclusion(SM3_MERKLE, seq, second.body.treeSize, leaf, proof, root), false);
    const bent = proof.map((h: Uint8Array, i: number) => (i === 0 ? Uint8Array.from(h, (b, j) => (j === 0 ? b ^ 1 : b)) : h));
    assert.equal(verifyInclusion(SM3_MERKLE, seq - 1, second.body.treeSize, leaf, bent, root), false);
    assert.equal(verifyInclusion(SM3_MERKLE, seq - 1, second.body.treeSize, leaf, proof.slice(1), root), false);

    const consistency = await auditor.get(`/api/audit/consistency?first=${first.body.treeSize}&second=${second.body.treeSize}`);
    assert.equal(consistency.status, 200, JSON.stringify(consistency.body));
    const cproof = consistency.body.proof.map(fromHex);
    const firstRoot = fromHex(first.body.rootHash);
    assert.equal(verifyConsistency(SM3_MERKLE, first.body.treeSize, second.body.treeSize, cproof, firstRoot, root), true);
    assert.equal(verifyConsistency(SM3_MERKLE, first.body.treeSize, second.body.treeSize, cproof, root, firstRoot), false);
    assert.equal(verifyConsistency(SM3_MERKLE, first.body.treeSize - 1, second.body.treeSize, cproof, firstRoot, root), false);

    const beyond = await auditor.get(`/api/audit/events/${second.body.treeSize + 1}/proof`);
    assert.equal(beyond.body.error.code, 'EVENT_NOT_CHECKPOINTED');
    assert.equal((await (await as(env, 'secadmin')).get(`/api/audit/events/${seq}/proof`)).status, 403);

    const report = await verify(env);
    assert.deepEqual(report.problems, []);
    assert.equal(report.checkpoints?.witnessed, 2);
  });

  it('catches trailing events deleted after a checkpoint', async () => {
    await someActs();
    const signed = (await auditor.post('/api/audit/checkpoints')).body.treeSize;
    await dropAppendOnlyGuards(env.ctx.db);
    await env.ctx.db.kysely
      .deleteFrom('audit_events')
      .where('seq', '>', signed - 3)
      .execute();
    const report = await verify(env);
    assert.ok(!report.problems.some((p) => p.kind.startsWith('audit_')), 'what is left of the chain checks out by itself');
    const truncated = report.problems.filter((p) => p.kind === 'checkpoint_truncated');
    assert.deepEqual(truncated.map((p) => p.where).sort(), [`audit_checkpoints tree size ${signed}`, `witness of tree size ${signed}`]);
  });

  it('catches a rewritten chain that was re-hashed, and a fork signed afresh, by the witnesses held outside', async () => {
    await someActs();
    const signed = (await auditor.post('/api/audit/checkpoints')).body.treeSize;
    await dropAppendOnlyGuards(env.ctx.db);
    await env.ctx.db.kysely.updateTable('audit_events').set({ reason: '篡改' }).where('seq', '=', 2).execute();
    await rehashChain(env, 2);
    const rewritten = await verify(env);
    assert.ok(!rewritten.problems.some((p) => p.kind.startsWith('audit_')), 'the chain itself checks out after re-hashing');
    assert.deepEqual(kinds(rewritten), ['checkpoint_root']);

    // The intruder signs a new checkpoint over the forged trail: the earlier witness still disagrees.
    await someActs();
    await auditor.post('/api/audit/checkpoints');
    const forked = await verify(env);
    assert.ok(forked.problems.some((p) => p.kind === 'checkpoint_root' && p.where.includes(`tree size ${signed}`)));
  });

  it('names a checkpoint without its witness file and a witness whose signature was forged', async () => {
    await someActs();
    const signed = (await auditor.post('/api/audit/checkpoints')).body.treeSize;
    const file = path.join(env.config.checkpointDir, `checkpoint-${String(signed).padStart(12, '0')}.json`);
    const witness = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.rmSync(file);
    assert.deepEqual(kinds(await verify(env)), ['checkpoint_unwitnessed']);
    const signature = Buffer.from(witness.signature, 'base64');
    signature[signature.length - 3]! ^= 1;
    fs.writeFileSync(file, JSON.stringify({ ...witness, signature: signature.toString('base64') }));
    assert.deepEqual(kinds(await verify(env)), ['checkpoint_signature', 'checkpoint_unwitnessed']);
  });

  it('links new events with SM3 after older SHA-256 links, and never back', async () => {
    await someActs();
    const db = env.ctx.db.kysely;
    assert.deepEqual([...new Set((await db.selectFrom('audit_events').select('link').execute()).map((r) => r.link))], ['sm3']);
    await dropAppendOnlyGuards(env.ctx.db);
    // As a trail written before migration 0012 looks: its first links SHA-256.
    await db.updateTable('audit_events').set({ link: 'sha256' }).where('seq', '<=', 3).execute();
    await rehashChain(env, 1);
    assert.deepEqual((await verify(env)).problems, []);
    await db.updateTable('audit_events').set({ link: 'sha256' }).where('seq', '=', 5).execute();
    await rehashChain(env, 5);
    assert.deepEqual(kinds(await verify(env)), ['audit_link']);
  });

  it('proves events beyond the first tiles from stored tile roots, as the whole tree would, and a wrong tile never makes a proof pass', async () => {
    // Past two whole tiles and into a third, partial one.
    await inTransaction(env.ctx.db, async (tx) => {
      for (let i = 0; i < 2 * TILE_SIZE + 40; i++) {
        await appendAuditEvent(tx, {
          at: env.ctx.now().toISOString(),
          actorId: null,
          actorUnitId: null,
          action: 'archive.orphan_removed',
          objectType: 'blob',
          objectId: `tile-test-${i}`,
          outcome: 'ok',
          detail: {},
        });
      }
    });
    const first = (await auditor.post('/api/audit/checkpoints')).body;
    await someActs();
    const second = (await auditor.post('/api/audit/checkpoints')).body;
    assert.equal(await storeTrailTiles(env.ctx.db.kysely, second.treeSize), Math.floor(second.treeSize / TILE_SIZE));
    assert.equal(await storeTrailTiles(env.ctx.db.kysely, second.treeSize), 0, 'stored once');

    const whole = MerkleTree.fromLeafHashes(
      (await env.ctx.db.kysely.selectFrom('audit_events').select('hash').where('seq', '<=', second.treeSize).orderBy('seq').execute()).map((r) =>
        SM3_MERKLE.hashLeaf(fromHex(r.hash)),
      ),
      SM3_MERKLE,
    );
    const proofOf = async (seq: number) => (await auditor.get(`/api/audit/events/${seq}/proof?treeSize=${second.treeSize}`)).body;
    for (const seq of [1, TILE_SIZE, TILE_SIZE + 1, 2 * TILE_SIZE + 1, second.treeSize]) {
      const answer = await proofOf(seq);
      assert.deepEqual(answer.proof, whole.inclusionProof(seq - 1).map(toHex), `event ${seq}`);
      assert.equal(
        verifyInclusion(SM3_MERKLE, seq - 1, second.treeSize, fromHex(answer.leafHash), answer.proof.map(fromHex), fromHex(second.rootHash)),
        true,
      );
    }
    const consistency = await auditor.get(`/api/audit/consistency?first=${first.treeSize}&second=${second.treeSize}`);
    assert.deepEqual(consistency.body.proof, whole.consistencyProof(first.treeSize, second.treeSize).map(toHex));

    // A tile root changed in the database: the proofs through it no longer verify against the signed root.
    await env.ctx.db.kysely
      .updateTable('audit_tree_tiles')
      .set({ root_hash: '00'.repeat(32) })
      .where('tile', '=', 0)
      .execute();
    const bent = await proofOf(2 * TILE_SIZE + 1);
    assert.equal(
      verifyInclusion(SM3_MERKLE, 2 * TILE_SIZE, second.treeSize, fromHex(bent.leafHash), bent.proof.map(fromHex), fromHex(second.rootHash)),
      false,
    );
    // Without tiles the proofs read the leaves instead, and are the same.
    await env.ctx.db.kysely.deleteFrom('audit_tree_tiles').execute();
    assert.deepEqual((await proofOf(TILE_SIZE + 1)).proof, whole.inclusionProof(TILE_SIZE).map(toHex));
  });

  it('signs on a schedule only when the trail grew, and once more at shutdown', async () => {
    await someActs();
    const logged: string[] = [];
    const log = (message: string) => logged.push(message);
    const scheduler = createScheduler(
      env.ctx,
      serverTasks(env.ctx.config).filter((task) => task.name === 'trail-checkpoint'),
      log,
    );
    await scheduler.tick();
    await someActs();
    await signShutdownCheckpoint(env.ctx, log);
    const rows = await env.ctx.db.kysely.selectFrom('audit_checkpoints').select(['tree_size', 'trigger']).orderBy('tree_size').execute();
    assert.deepEqual(
      rows.map((r) => r.trigger),
      ['schedule', 'shutdown'],
    );
    assert.equal(rows[1]!.tree_size, (await eventCount(env)) - 1, 'the shutdown checkpoint covers every act before it');
    env.clock.advanceHours(1);
    await scheduler.tick();
    await signShutdownCheckpoint(env.ctx, log);
    assert.equal(
      (await env.ctx.db.kysely.selectFrom('audit_checkpoints').select('tree_size').execute()).length,
      2,
      'an idle trail is not signed again',
    );
  });

  it('goes on signing with a new city key after the old one is revoked, and the earlier witnesses still verify', async () => {
    await someActs();
    const first = (await auditor.post('/api/audit/checkpoints')).body;
    const revoked = await (await as(env, 'secadmin')).post(`/api/admin/certificates/${first.certificateId}/revoke`, { reason: '密钥泄露' });
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    const second = await auditor.post('/api/audit/checkpoints');
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.notEqual(second.body.certificateId, first.certificateId);
    assert.deepEqual((await verify(env)).problems, []);
  });
});
