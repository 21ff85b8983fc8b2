import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { FsBlobStore } from '../server/blobs/fs-store.ts';
import { sha256Hex, sm3Hex } from '../server/blobs/digests.ts';
import { openDatabase } from '../server/db/database.ts';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from '../server/db/sqlite-checkpointer.ts';
import { withStatementCache } from '../server/db/sqlite-statement-cache.ts';
import { as, type Client } from './support/api.ts';
import { acceptSample, captureRequired, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hukou-threads-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('SQLite statement cache', () => {
  it('prepares a statement once and evicts the least recently used beyond its capacity', () => {
    const sqlite = new SqliteDatabase(':memory:');
    const cached = withStatementCache(sqlite, 2);
    const one = cached.prepare('select 1 as n');
    assert.equal(cached.prepare('select 1 as n'), one);
    const two = cached.prepare('select 2 as n');
    cached.prepare('select 1 as n');
    cached.prepare('select 3 as n');
    assert.equal(cached.prepare('select 1 as n'), one, 'recently used: kept');
    assert.notEqual(cached.prepare('select 2 as n'), two, 'least recently used: prepared again');
    assert.deepEqual(cached.prepare('select 2 as n').all([]), [{ n: 2 }]);
    cached.close();
    assert.equal(sqlite.open, false);
  });
});

describe('SQLite checkpoints on a thread', () => {
  it('copies the WAL into the database file from its own connection, while the writer keeps writing', async () => {
    const file = path.join(scratch, 'checkpoint.sqlite');
    const writer = new SqliteDatabase(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('create table t (n integer)');
    const insert = writer.prepare('insert into t (n) values (?)');
    for (let n = 0; n < 200; n++) insert.run(n);
    const checkpointer = startCheckpointer(file, 60_000);
    try {
      const first = await checkpointer.checkpointNow();
      assert.ok(first.log > 0, 'the WAL held frames');
      assert.equal(first.checkpointed, first.log, 'all of them copied');
      for (let n = 0; n < 50; n++) insert.run(n);
      const second = await checkpointer.checkpointNow();
      assert.equal(second.checkpointed, second.log);
      assert.equal((writer.prepare('select count(*) as c from t').get() as { c: number }).c, 250);
    } finally {
      await checkpointer.stop();
      writer.close();
    }
    // Stopping returned, and a fresh connection reads everything from the file.
    const reader = new SqliteDatabase(file, { readonly: true });
    assert.equal((reader.prepare('select count(*) as c from t').get() as { c: number }).c, 250);
    reader.close();
  });

  it('leaves the main connection only a distant automatic checkpoint, as a bound', async () => {
    const db = openDatabase({ kind: 'sqlite', file: path.join(scratch, 'main.sqlite') });
    const {
      rows: [setting],
    } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db.kysely);
    assert.equal(setting?.wal_autocheckpoint, FALLBACK_AUTOCHECKPOINT_PAGES);
    await db.close();
  });
});

describe('blob threads', () => {
  const bytes = (n: number) => Buffer.from(`page ${n} `.repeat(500));

  it('stores the bytes under their SHA-256 with both digests computed on the thread, read-only, leaving no temp file', async () => {
    const root = path.join(scratch, 'blobs-a');
    const store = new FsBlobStore(root);
    try {
      const content = bytes(1);
      const stored = await store.put(content);
      assert.deepEqual(stored, { sha256: sha256Hex(content), sm3: sm3Hex(content), size: content.length });
      assert.deepEqual(fs.readFileSync(store.pathOf(stored.sha256)), content);
      assert.equal(fs.statSync(store.pathOf(stored.sha256)).mode & 0o777, 0o440);
      assert.deepEqual(fs.readdirSync(path.dirname(store.pathOf(stored.sha256))), [stored.sha256]);
    } finally {
      await store.close();
    }
  });

  it('writes many pages at once, identical ones once', async () => {
    const store = new FsBlobStore(path.join(scratch, 'blobs-b'));
    try {
      const contents = [...Array.from({ length: 20 }, (_, n) => bytes(n)), ...Array.from({ length: 10 }, () => bytes(0))];
      const stored = await Promise.all(contents.map((c) => store.put(c)));
      assert.deepEqual(
        stored.map((s) => s.sha256),
        contents.map((c) => sha256Hex(c)),
      );
      for (const [i, s] of stored.entries()) assert.deepEqual(await store.get(s.sha256), contents[i]);
    } finally {
      await store.close();
    }
  });

  it('reports a filesystem failure to the caller and keeps serving, and starts again after close', async () => {
    const notADirectory = path.join(scratch, 'plain-file');
    fs.writeFileSync(notADirectory, 'x');
    const broken = new FsBlobStore(notADirectory);
    await assert.rejects(broken.put(bytes(2)), (error: NodeJS.ErrnoException) => error.code === 'ENOTDIR' || error.code === 'EEXIST');
    await assert.rejects(broken.put(bytes(3)), (error: NodeJS.ErrnoException) => error.code === 'ENOTDIR' || error.code === 'EEXIST');
    await broken.close();

    const store = new FsBlobStore(path.join(scratch, 'blobs-c'));
    await store.put(bytes(4));
    await store.close();
    const again = await store.put(bytes(5));
    assert.deepEqual(await store.get(again.sha256), bytes(5));
    await store.close();
  });
});

/**
 * Puts a named pipe where a blob's file is. A blob thread that opens it blocks until the test opens
 * the other end, which is how the test knows, without sleeping, that a thread is mid-read; then
 * the test feeds it the original bytes and the read completes.
 */
function blockingBlob(file: string) {
  const bytes = fs.readFileSync(file);
  fs.rmSync(file);
  execFileSync('mkfifo', ['-m', '0640', file]);
  let released = false;
  return {
    /** Resolves once a reader has opened the pipe: a blob thread is now blocked on it. */
    readerArrived: () => fs.promises.open(file, 'w'),
    async feed(writer: fs.promises.FileHandle) {
      await writer.writeFile(bytes);
      await writer.close();
      released = true;
    },
    /** Puts the real file back; if nobody ever read the pipe, first unblocks the pending open. */
    restore() {
      if (!released) fs.closeSync(fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK));
      fs.rmSync(file);
      fs.writeFileSync(file, bytes, { mode: 0o440 });
    },
  };
}

describe('blob reads and digests run on the blob threads', () => {
  const root = path.join(scratch, 'blobs-read');
  const store = new FsBlobStore(root);
  after(() => store.close());

  it('reads a small and a large file back checked against its address, and reports a changed or missing one', async () => {
    const small = Buffer.from('small page');
    const large = Buffer.from('large page '.repeat(100_000));
    const [a, b] = await Promise.all([store.put(small), store.put(large)]);
    const reads = await Promise.all([store.get(a.sha256), store.get(b.sha256), store.get(a.sha256), store.get(b.sha256)]);
    assert.deepEqual(reads, [small, large, small, large]);
    assert.ok(Buffer.isBuffer(reads[1]));

    const file = store.pathOf(b.sha256);
    fs.chmodSync(file, 0o640);
    const changed = Buffer.from(large);
    changed.writeUInt8(changed.readUInt8(12_345) ^ 0x01, 12_345);
    fs.writeFileSync(file, changed);
    await assert.rejects(store.get(b.sha256), { code: 'BLOB_INTEGRITY_FAILED' });
    fs.rmSync(file);
    await assert.rejects(store.get(b.sha256), { code: 'BLOB_INTEGRITY_FAILED' });
  });

  it('computes SHA-256, SM3 and size of the stored file, or null when it is missing', async () => {
    const bytes = Buffer.from('digest me '.repeat(1000));
    const stored = await store.put(bytes);
    assert.deepEqual(await store.digest(stored.sha256), { sha256: sha256Hex(bytes), sm3: sm3Hex(bytes), size: bytes.length });
    fs.rmSync(store.pathOf(stored.sha256));
    assert.equal(await store.digest(stored.sha256), null);
  });

  it('serves other reads while one thread is blocked reading a file', async () => {
    const slow = await store.put(Buffer.from('slow page '.repeat(800)));
    const quick = await store.put(Buffer.from('quick page '.repeat(800)));
    const pipe = blockingBlob(store.pathOf(slow.sha256));
    try {
      const pending = store.get(slow.sha256);
      const writer = await pipe.readerArrived();
      assert.deepEqual(await store.get(quick.sha256), Buffer.from('quick page '.repeat(800)), 'the other thread answers');
      await pipe.feed(writer);
      assert.deepEqual(await pending, Buffer.from('slow page '.repeat(800)));
    } finally {
      pipe.restore();
    }
  });
});

describe('archive verification from the API', () => {
  let env: TestEnv;
  let officer: Client;
  let auditor: Client;
  let caseId: string;
  before(async () => {
    env = await createTestEnv();
    officer = await as(env, 'gulou.officer');
    auditor = await as(env, 'auditadmin');
    const subtype = subtypeWithChain(env, 'station');
    caseId = (await acceptSample(officer, subtype)).id;
    await captureRequired(officer, caseId, subtype);
    await captureRequired(officer, caseId, subtype);
  });
  after(async () => {
    await env.close();
  });

  const blobRows = () => env.ctx.db.kysely.selectFrom('blobs').select(['sha256', 'sm3']).orderBy('sha256').execute();

  it('reports a blob whose recorded SM3 differs while its SHA-256 still matches', async () => {
    const intact = await auditor.post('/api/audit/verify');
    assert.equal(intact.status, 200, JSON.stringify(intact.body));
    assert.deepEqual(intact.body.problems, []);
    const [first] = await blobRows();
    assert.ok(first);
    const forged = first.sm3.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await env.ctx.db.kysely.updateTable('blobs').set({ sm3: forged }).where('sha256', '=', first.sha256).execute();
    try {
      const report = await auditor.post('/api/audit/verify');
      assert.equal(report.status, 200);
      assert.equal(report.body.ok, false);
      assert.deepEqual(
        report.body.problems.map((p: { kind: string; where: string }) => [p.kind, p.where]),
        [['blob_sm3', `blob ${first.sha256}`]],
      );
    } finally {
      await env.ctx.db.kysely.updateTable('blobs').set({ sm3: first.sm3 }).where('sha256', '=', first.sha256).execute();
    }
  });

  it('runs one verification at a time, hashing on a thread: a second is refused and pages still open meanwhile', async () => {
    const rows = await blobRows();
    assert.ok(rows.length >= 2);
    const [firstBlob] = rows;
    assert.ok(firstBlob);
    const images = await env.ctx.db.kysely.selectFrom('case_images').select(['id', 'blob_sha256']).where('case_id', '=', caseId).execute();
    const other = images.find((image) => image.blob_sha256 !== firstBlob.sha256);
    assert.ok(other);
    // Blobs are verified in address order: the first one blocks the verification mid-hash.
    const pipe = blockingBlob((env.ctx.blobs as FsBlobStore).pathOf(firstBlob.sha256));
    try {
      const first = auditor.post('/api/audit/verify');
      const writer = await Promise.race([
        pipe.readerArrived(),
        first.then((res) => {
          throw new Error(`the verification ended without reading the blob: ${res.status}`);
        }),
      ]);
      const second = await auditor.post('/api/audit/verify');
      assert.equal(second.status, 409);
      assert.equal(second.body.error.code, 'ARCHIVE_VERIFY_RUNNING');
      assert.equal(second.body.error.message, '已有一次档案校验正在进行，请待其完成后再试');
      const page = await officer.get(`/api/cases/${caseId}/images/${other.id}/content`);
      assert.equal(page.status, 200, 'a page opens while the verification hashes');
      assert.equal(sha256Hex(page.raw.rawPayload), other.blob_sha256);
      await pipe.feed(writer);
      const done = await first;
      assert.equal(done.status, 200);
      assert.deepEqual(done.body.problems, []);
      assert.equal(done.body.blobs, rows.length);
    } finally {
      pipe.restore();
    }
    const again = await auditor.post('/api/audit/verify');
    assert.equal(again.status, 200, 'the next verification runs once the first is done');
  });
});
