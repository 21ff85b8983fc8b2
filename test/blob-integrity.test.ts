import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { BlobStore } from '../server/blobs/blob-store.ts';
import { sha256Hex } from '../server/blobs/digests.ts';
import type { FsBlobStore } from '../server/blobs/fs-store.ts';
import type { AppContext } from '../server/context.ts';
import { fixityShare, sweepFixity } from '../server/jobs/fixity-sweep.ts';
import { createScheduler } from '../server/jobs/scheduler.ts';
import { serverTasks } from '../server/jobs/server-tasks.ts';
import { sweepOrphans } from '../server/jobs/orphan-sweep.ts';
import { verifyArchive } from '../server/modules/audit/verify-archive.ts';
import { as, type Client } from './support/api.ts';
import { acceptSample, firstMaterialCode, subtypeWithChain } from './support/journey.ts';
import { sampleImage } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

const HOUR = 3_600_000;

/** Sets a stored original's modification time relative to the test clock, as if written that long ago. */
function writtenAgo(env: TestEnv, sha256: string, hours: number): void {
  const then = new Date(env.ctx.now().getTime() - hours * HOUR);
  fs.utimesSync((env.ctx.blobs as FsBlobStore).pathOf(sha256), then, then);
}

async function auditEvents(env: TestEnv, action: string) {
  return env.ctx.db.kysely
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action as never)
    .orderBy('seq')
    .execute();
}

async function fixityOf(env: TestEnv): Promise<Map<string, string | null>> {
  const rows = await env.ctx.db.kysely.selectFrom('blobs').select(['sha256', 'fixity_checked_at']).execute();
  return new Map(rows.map((row) => [row.sha256, row.fixity_checked_at]));
}

/** The same context with another blob store in front: the real store underneath, with a step of the test's own at one moment. */
function withStore(env: TestEnv, blobs: BlobStore): AppContext {
  return { ...env.ctx, blobs };
}

describe('hukou verify: missing, changed and orphaned originals', () => {
  let env: TestEnv;
  let officer: Client;
  let caseId: string;
  let material: string;
  const pages: string[] = [];
  const verify = () => verifyArchive(env.ctx.db, env.ctx.blobs, env.ctx.catalogs, { now: env.ctx.now(), orphanGraceHours: 24 });

  before(async () => {
    env = await createTestEnv();
    officer = await as(env, 'gulou.officer');
    const subtype = subtypeWithChain(env, 'station');
    material = firstMaterialCode(subtype);
    caseId = (await acceptSample(officer, subtype)).id;
    for (const seed of [501, 502, 503]) {
      const bytes = await sampleImage(seed);
      const res = await officer.upload(caseId, material, bytes);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      pages.push(sha256Hex(bytes));
    }
  });
  after(async () => {
    await env.close();
  });

  it('finds an intact archive intact, with old originals that rows point to', async () => {
    for (const sha256 of pages) writtenAgo(env, sha256, 24 * 400);
    const report = await verify();
    assert.deepEqual(report.problems, []);
    assert.equal(report.blobs, 3);
    assert.equal(report.orphansInGrace, 0);
  });

  it('names a stored file no row points to once it is older than the grace period, and counts a younger one apart', async () => {
    const young = await env.ctx.blobs.put(Buffer.from('bytes of a refused capture, a minute ago'));
    const old = await env.ctx.blobs.put(Buffer.from('bytes whose rows were deleted'));
    writtenAgo(env, young.sha256, 0.1);
    writtenAgo(env, old.sha256, 25);
    try {
      const report = await verify();
      assert.deepEqual(
        report.problems.map((p) => [p.kind, p.where]),
        [['blob_orphaned', `blob ${old.sha256}`]],
      );
      assert.match(report.problems[0]!.message, /no row points to the file \(last written \d{4}-/);
      assert.equal(report.orphansInGrace, 1);
      assert.equal(report.blobs, 3, 'orphans are not counted as recorded blobs');
    } finally {
      await env.ctx.blobs.remove(young.sha256);
      await env.ctx.blobs.remove(old.sha256);
    }
  });

  it('names a missing file and a changed file beside the trail check, each once', async () => {
    const [missing, changed] = pages as [string, string];
    const store = env.ctx.blobs as FsBlobStore;
    const missingBytes = fs.readFileSync(store.pathOf(missing));
    const changedFile = store.pathOf(changed);
    const changedBytes = fs.readFileSync(changedFile);
    fs.rmSync(store.pathOf(missing));
    fs.chmodSync(changedFile, 0o640);
    fs.writeFileSync(changedFile, Buffer.concat([changedBytes, Buffer.from('appended')]));
    try {
      const report = await verify();
      const expected = [
        ['blob_missing', `blob ${missing}`],
        ['blob_sha256', `blob ${changed}`],
      ].sort((a, b) => a[1]!.localeCompare(b[1]!));
      assert.deepEqual(
        report.problems.map((p) => [p.kind, p.where]),
        expected,
      );
    } finally {
      await env.ctx.blobs.put(missingBytes);
      await env.ctx.blobs.put(changedBytes);
    }
    assert.deepEqual((await verify()).problems, [], 'a put of the right bytes restores both');
  });
});

describe('orphan sweep', () => {
  let env: TestEnv;
  let officer: Client;
  let caseId: string;
  let material: string;
  let referenced: string;

  before(async () => {
    env = await createTestEnv();
    officer = await as(env, 'gulou.officer');
    const subtype = subtypeWithChain(env, 'station');
    material = firstMaterialCode(subtype);
    caseId = (await acceptSample(officer, subtype)).id;
    const bytes = await sampleImage(601);
    assert.equal((await officer.upload(caseId, material, bytes)).status, 201);
    referenced = sha256Hex(bytes);
  });
  after(async () => {
    await env.close();
  });
  beforeEach(() => {
    // However old, a referenced original is never a candidate.
    writtenAgo(env, referenced, 24 * 1000);
  });

  it('removes unreferenced originals past the grace period, keeps younger ones and every referenced one, and audits each removal', async () => {
    const old = await env.ctx.blobs.put(Buffer.from('left by a refused capture two days ago'));
    const young = await env.ctx.blobs.put(Buffer.from('left by a capture still committing'));
    writtenAgo(env, old.sha256, 48);
    writtenAgo(env, young.sha256, 23);
    const report = await sweepOrphans(env.ctx, 24);
    assert.deepEqual(report.removed, [old.sha256]);
    assert.equal(report.candidates, 1);
    assert.equal(report.inGrace, 1);
    assert.equal(await env.ctx.blobs.digest(old.sha256), null);
    assert.notEqual(await env.ctx.blobs.digest(young.sha256), null);
    assert.notEqual(await env.ctx.blobs.digest(referenced), null);
    const [event, ...more] = await auditEvents(env, 'archive.orphan_removed');
    assert.equal(more.length, 0);
    assert.equal(event?.object_id, old.sha256);
    assert.equal(event?.actor_id, null);
    assert.equal(JSON.parse(event.detail).intact, true);
    assert.deepEqual((await verifyArchive(env.ctx.db, env.ctx.blobs, env.ctx.catalogs, { now: env.ctx.now() })).problems, []);

    // The younger one goes once it, too, is past the grace period; the configured grace applies by default.
    env.clock.advanceHours(2);
    assert.equal(env.ctx.config.orphanGraceHours, 24);
    assert.deepEqual((await sweepOrphans(env.ctx)).removed, [young.sha256]);
  });

  it('leaves an original that a capture recorded after the listing: the row is looked up again right before removing', async () => {
    const pair = [await sampleImage(602), await sampleImage(604)];
    const stored = await Promise.all(pair.map((bytes) => env.ctx.blobs.put(bytes)));
    for (const { sha256 } of stored) writtenAgo(env, sha256, 48);
    const real = env.ctx.blobs;
    // While the sweep removes the first candidate, the other one's bytes are captured and recorded.
    let recordedOther: string | null = null;
    const capturingMeanwhile: BlobStore = Object.assign(Object.create(real) as BlobStore, {
      async removeIfOlderThan(sha256: string, cutoff: Date) {
        if (!recordedOther) {
          const other = pair.find((bytes) => sha256Hex(bytes) !== sha256)!;
          assert.equal((await officer.upload(caseId, material, other)).status, 201);
          recordedOther = sha256Hex(other);
          // As if the capture's put could not renew the file (one restored under another owner): only the row tells.
          writtenAgo(env, recordedOther, 48);
        }
        return real.removeIfOlderThan(sha256, cutoff);
      },
    });
    const report = await sweepOrphans(withStore(env, capturingMeanwhile), 24);
    assert.equal(report.candidates, 2, 'both were unreferenced when listed');
    assert.ok(recordedOther);
    assert.deepEqual(report.removed, [stored.map((s) => s.sha256).find((sha256) => sha256 !== recordedOther)]);
    assert.deepEqual(report.restored, [], 'never taken: the row was looked up again first');
    assert.deepEqual(report.renewed, []);
    assert.deepEqual(
      await real.get(recordedOther),
      pair.find((bytes) => sha256Hex(bytes) === recordedOther),
    );
  });

  it('keeps bytes that a capture puts again while the sweep is about to remove them', async () => {
    const bytes = await sampleImage(603);
    const stored = await env.ctx.blobs.put(bytes);
    writtenAgo(env, stored.sha256, 48);
    const real = env.ctx.blobs;
    const capturingNow: BlobStore = Object.assign(Object.create(real) as BlobStore, {
      // The sweep reads the bytes right before removing them: at that moment a capture stores the same bytes.
      async get(sha256: string) {
        const read = await real.get(sha256);
        await real.put(bytes);
        return read;
      },
    });
    const report = await sweepOrphans(withStore(env, capturingNow), 24);
    assert.deepEqual(report.renewed, [stored.sha256]);
    assert.deepEqual(report.removed, []);
    assert.deepEqual(await real.get(stored.sha256), bytes, 'still there for the capture to record');
  });

  it('puts the bytes back when a capture commits between the decision to remove and the removal', async () => {
    const bytes = await sampleImage(605);
    const stored = await env.ctx.blobs.put(bytes);
    writtenAgo(env, stored.sha256, 48);
    const real = env.ctx.blobs;
    // As on S3, where the age is read and the object deleted in two requests: the capture lands in between.
    const captureInBetween: BlobStore = Object.assign(Object.create(real) as BlobStore, {
      async removeIfOlderThan(sha256: string) {
        assert.equal((await officer.upload(caseId, material, bytes)).status, 201);
        await real.remove(sha256);
        return true;
      },
    });
    const report = await sweepOrphans(withStore(env, captureInBetween), 24);
    assert.deepEqual(report.removed, []);
    assert.deepEqual(report.restored, [stored.sha256]);
    assert.deepEqual(await real.get(stored.sha256), bytes, 'the recorded page is readable');
    assert.deepEqual((await verifyArchive(env.ctx.db, real, env.ctx.catalogs, { now: env.ctx.now() })).problems, []);
  });

  it('removes temp files that interrupted writes left, once they are past the grace period', async () => {
    const shard = path.dirname((env.ctx.blobs as FsBlobStore).pathOf(referenced));
    const stale = path.join(shard, '.tmp-interrupted');
    fs.writeFileSync(stale, 'half a page');
    const then = new Date(env.ctx.now().getTime() - 30 * HOUR);
    fs.utimesSync(stale, then, then);
    const report = await sweepOrphans(env.ctx, 24);
    assert.equal(report.incomplete, 1);
    assert.equal(fs.existsSync(stale), false);
  });
});

describe('fixity sweep', () => {
  let env: TestEnv;
  const PERIOD = 3;
  const stored: { sha256: string; bytes: Buffer }[] = [];

  before(async () => {
    env = await createTestEnv();
    // Seven originals recorded directly (as capture does), so the share is exact: ceil(7 / 3) = 3 a day.
    for (let n = 0; n < 7; n++) {
      const bytes = Buffer.from(`original ${n} `.repeat(200));
      const blob = await env.ctx.blobs.put(bytes);
      await env.ctx.db.kysely
        .insertInto('blobs')
        .values({
          ...blob,
          media_type: 'image/jpeg',
          width: 10,
          height: 10,
          created_at: new Date(env.ctx.now().getTime() + n).toISOString(),
          page_count: 1,
          fixity_checked_at: null,
        })
        .execute();
      stored.push({ sha256: blob.sha256, bytes });
    }
  });
  after(async () => {
    await env.close();
  });

  it('sizes a day\u2019s share to cover the archive within the period', () => {
    assert.equal(fixityShare(0, 30), 0);
    assert.equal(fixityShare(1, 30), 1);
    assert.equal(fixityShare(30, 30), 1);
    assert.equal(fixityShare(31, 30), 2);
    assert.equal(fixityShare(1_000_000, 30), 33_334);
  });

  it('checks never-checked originals first, then the oldest check, and covers every original within the period', async () => {
    const days: string[][] = [];
    for (let day = 0; day < PERIOD; day++) {
      const before = await fixityOf(env);
      const report = await sweepFixity(env.ctx, PERIOD);
      assert.equal(report.share, 3);
      assert.deepEqual(report.failures, []);
      const after = await fixityOf(env);
      days.push(
        [...after]
          .filter(([sha256, at]) => at !== before.get(sha256))
          .map(([sha256]) => sha256)
          .sort(),
      );
      env.clock.advanceHours(24);
    }
    const ids = (from: number, to: number) =>
      stored
        .slice(from, to)
        .map((s) => s.sha256)
        .sort();
    // Never-checked first, in the order they were recorded; on day 3 the last of them, then the oldest checks.
    assert.deepEqual(days[0], ids(0, 3));
    assert.deepEqual(days[1], ids(3, 6));
    assert.equal(days[2]!.length, 3);
    assert.ok(days[2]!.includes(stored[6]!.sha256));
    assert.equal(days[2]!.filter((sha256) => days[0]!.includes(sha256)).length, 2, 'then two of day 1');
    assert.equal(new Set(days.flat()).size, 7, 'every original within the period');
  });

  it('records a mismatch as an audit event naming the cases, keeps the last intact time, and tries it first the next day', async () => {
    const victim = stored[4]!;
    const file = (env.ctx.blobs as FsBlobStore).pathOf(victim.sha256);
    // Make it the most overdue: its last intact check long ago.
    await env.ctx.db.kysely.updateTable('blobs').set({ fixity_checked_at: '2000-01-01T00:00:00.000Z' }).where('sha256', '=', victim.sha256).execute();
    fs.chmodSync(file, 0o640);
    const damaged = Buffer.from(victim.bytes);
    damaged[7] = damaged[7]! ^ 0x20;
    fs.writeFileSync(file, damaged);

    const first = await sweepFixity(env.ctx, PERIOD);
    assert.deepEqual(first.failures, [{ sha256: victim.sha256, kind: 'blob_sha256', message: 'SHA-256 of the file does not match its address' }]);
    assert.equal(first.intact, 2);
    assert.equal((await fixityOf(env)).get(victim.sha256), '2000-01-01T00:00:00.000Z');
    const [event] = await auditEvents(env, 'archive.fixity_failed');
    assert.equal(event?.object_type, 'blob');
    assert.equal(event?.object_id, victim.sha256);
    assert.deepEqual(JSON.parse(event.detail), {
      problem: 'blob_sha256',
      message: 'SHA-256 of the file does not match its address',
      lastIntactAt: '2000-01-01T00:00:00.000Z',
      caseIds: [],
    });

    env.clock.advanceHours(24);
    fs.rmSync(file);
    const second = await sweepFixity(env.ctx, PERIOD);
    assert.equal(second.failures[0]?.sha256, victim.sha256, 'still the most overdue');
    assert.equal(second.failures[0]?.kind, 'blob_missing');
    assert.equal((await auditEvents(env, 'archive.fixity_failed')).length, 2);

    await env.ctx.blobs.put(victim.bytes);
    env.clock.advanceHours(24);
    const third = await sweepFixity(env.ctx, PERIOD);
    assert.deepEqual(third.failures, []);
    assert.equal((await fixityOf(env)).get(victim.sha256), (await fixityOf(env)).get(victim.sha256));
    assert.notEqual((await fixityOf(env)).get(victim.sha256), '2000-01-01T00:00:00.000Z', 'intact again: its time is recorded');
  });

  it('runs as a scheduled task once a day on the context clock, and a restarted server does not repeat the day', async () => {
    const logs: string[] = [];
    const checks = async () => [...(await fixityOf(env)).values()].filter((at) => at !== null).sort();
    const fixityOnly = () => serverTasks(env.ctx.config).filter((task) => task.name === 'fixity-sweep');
    // The server's own setting: ceil(7 / 30) = 1 original a day.
    assert.equal(env.ctx.config.fixityPeriodDays, 30);
    env.clock.advanceHours(24);
    const scheduler = createScheduler(env.ctx, fixityOnly(), (message, error) => logs.push(`${message} ${error ? JSON.stringify(error) : ''}`));
    const before = await checks();
    await scheduler.tick();
    const afterFirst = await checks();
    assert.notDeepEqual(afterFirst, before, 'first due at once: the sweep runs');
    assert.ok(
      logs.some((line) => /fixity sweep: 1 of 7 originals re-hashed, all intact/.test(line)),
      logs.join('\n'),
    );

    env.clock.advanceHours(23);
    await scheduler.tick();
    assert.deepEqual(await checks(), afterFirst, '23 hours later: not again');
    // A restarted server reads the due time from the database and does not repeat the day's share.
    await createScheduler(env.ctx, fixityOnly(), () => {}).tick();
    assert.deepEqual(await checks(), afterFirst);

    env.clock.advanceHours(1);
    await scheduler.tick();
    assert.notDeepEqual(await checks(), afterFirst, '24 hours later: the next share');
  });
});
