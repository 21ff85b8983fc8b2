import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { FsBlobStore } from '../server/blobs/fs-store.ts';
import { sha256Hex, sm3Hex } from '../server/blobs/digests.ts';
import { openDatabase } from '../server/db/database.ts';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from '../server/db/sqlite-checkpointer.ts';
import { withStatementCache } from '../server/db/sqlite-statement-cache.ts';

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
    const rows = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db.kysely);
    assert.equal(rows.rows[0].wal_autocheckpoint, FALLBACK_AUTOCHECKPOINT_PAGES);
    await db.close();
  });
});

describe('blob writer threads', () => {
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
      assert.deepEqual(stored.map((s) => s.sha256), contents.map((c) => sha256Hex(c)));
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
