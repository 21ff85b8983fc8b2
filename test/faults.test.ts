import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import sharp from 'sharp';
import { sha256Hex } from '../server/blobs/digests.ts';
import { as, type Client } from './support/api.ts';
import { acceptSample, firstMaterialCode, subtypeWithChain } from './support/journey.ts';
import { adminQuery } from './support/pg-admin.ts';
import { createTestEnv, type TestEnv, testDialect } from './support/test-context.ts';

/*
 * Real faults, not mocks: a small tmpfs under the SQLite file and another under the blob
 * directory, filled to the last page; a PostgreSQL tablespace on a small tmpfs; a PostgreSQL
 * backend terminated while it waits for a row lock the test holds; a second SQLite connection
 * holding the write lock. Mounting needs root, as in CI. Every mount is undone in after(), which
 * runs even when a test fails.
 */

const pgAdminUrl = process.env.HUKOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function mountTmpfs(dir: string, megabytes: number, extra = ''): void {
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m${extra}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`the fault tests mount a tmpfs and must run as root (as CI does): ${(error as Error).message}`);
  }
}

function unmount(dir: string): void {
  if (!fs.existsSync(dir)) return;
  const mounted = fs
    .readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[1] === dir);
  if (mounted) execFileSync('umount', [dir]);
}

/** Writes a file until the file system has no page left, and checks that it has none. */
function fillUp(dir: string): string {
  const file = path.join(dir, `filler-${randomUUID()}`);
  const fd = fs.openSync(file, 'w');
  try {
    for (const size of [1 << 20, 4096, 1]) {
      const chunk = Buffer.alloc(size, 0x5a);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  assert.equal(fs.statfsSync(dir).bavail, 0, `${dir} is full`);
  return file;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => path.join(f.parentPath, f.name));
}

let pageSeed = 0;
/** A page with real image data, different each time. */
function page(): Promise<Buffer> {
  pageSeed++;
  return sharp({
    create: {
      width: 200,
      height: 150,
      channels: 3,
      background: { r: pageSeed % 256, g: 90, b: 30 },
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * A fresh environment whose data directory (the SQLite file) is on a tmpfs of its own, with the
 * blob directory on a second one and the derived previews on a third, so that filling one reaches
 * only the writes meant. createTestEnv makes its directory under os.tmpdir(), which follows TMPDIR.
 */
async function envOnTmpfs(root: string): Promise<{ env: TestEnv; dataMount: string; blobDir: string; derivedDir: string }> {
  const dataMount = path.join(root, 'data');
  mountTmpfs(dataMount, 48);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dataMount;
  let env: TestEnv;
  try {
    env = await createTestEnv();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  assert.ok(env.dir.startsWith(dataMount));
  const blobDir = env.config.blobDir;
  assert.equal(fs.existsSync(blobDir), false, 'no blob written yet');
  mountTmpfs(blobDir, 4);
  assert.equal(env.config.blobStore.kind, 'fs');
  const derivedDir = env.config.blobStore.kind === 'fs' ? env.config.blobStore.derivedDir : '';
  mountTmpfs(derivedDir, 8);
  return { env, dataMount, blobDir, derivedDir };
}

interface Counts {
  actions: number;
  events: number;
  images: number;
  blobs: number;
}

async function counts(env: TestEnv): Promise<Counts> {
  const count = async (table: 'case_actions' | 'audit_events' | 'case_images' | 'blobs') =>
    Number(
      (
        await env.ctx.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    actions: await count('case_actions'),
    events: await count('audit_events'),
    images: await count('case_images'),
    blobs: await count('blobs'),
  };
}

/** What one more captured page adds: its action, its audit event, its image row and a new blob. */
function afterOneCapture(before: Counts): Counts {
  return { actions: before.actions + 1, events: before.events + 1, images: before.images + 1, blobs: before.blobs + 1 };
}

/** `hukou verify`'s checks through the API, and every recorded page has its file. */
async function assertArchiveIntact(env: TestEnv): Promise<void> {
  const auditor = await as(env, 'auditadmin');
  const report = await auditor.post('/api/audit/verify');
  assert.equal(report.status, 200, JSON.stringify(report.body));
  assert.deepEqual(report.body.problems, []);
  const images = await env.ctx.db.kysely.selectFrom('case_images').select('blob_sha256').execute();
  for (const image of images) {
    assert.ok(fs.existsSync(path.join(env.config.blobDir, image.blob_sha256.slice(0, 2), image.blob_sha256.slice(2, 4), image.blob_sha256)));
  }
}

function assertFault(res: { status: number; body: any }, status: number, code: string, message: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  assert.equal(res.body.error.message, message);
}

const STORAGE_FULL = '存储空间已满，本次操作未保存，请联系系统管理员清理空间后重试';

describe('a full disk', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hukou-faults-'));
  let env: TestEnv;
  let dataMount: string;
  let blobDir: string;
  let derivedDir: string;
  let officer: Client;
  let caseId: string;
  let material: string;
  before(async () => {
    ({ env, dataMount, blobDir, derivedDir } = await envOnTmpfs(root));
    officer = await as(env, 'gulou.officer');
    const subtype = subtypeWithChain(env, 'station');
    material = firstMaterialCode(subtype);
    caseId = (await acceptSample(officer, subtype)).id;
  });
  after(async () => {
    try {
      unmount(blobDir);
      unmount(derivedDir);
      await env?.close();
    } finally {
      unmount(dataMount);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('while a page is stored: STORAGE_FULL, no partial file, no record; the same upload succeeds once space is freed', async () => {
    const bytes = await page();
    const key = randomUUID();
    const before = await counts(env);
    const filler = fillUp(blobDir);
    assertFault(await officer.upload(caseId, material, bytes, key), 507, 'STORAGE_FULL', STORAGE_FULL);
    assert.deepEqual(filesUnder(blobDir), [filler], 'no temp file and no blob left behind');
    assert.deepEqual(await counts(env), before);

    fs.rmSync(filler);
    const retried = await officer.upload(caseId, material, bytes, key);
    assert.equal(retried.status, 201, JSON.stringify(retried.body));
    assert.equal(retried.body.images.at(-1).sha256, sha256Hex(bytes));
    await assertArchiveIntact(env);
  });

  if (testDialect === 'sqlite') {
    it('while SQLite commits an act: STORAGE_FULL, nothing of the act written; the next act succeeds once space is freed', async () => {
      const bytes = await page();
      const key = randomUUID();
      // An empty WAL, so the act's commit has to grow it: rewriting WAL pages already there needs no space.
      const checkpoint = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(env.ctx.db.kysely);
      assert.equal(checkpoint.rows[0]?.busy, 0);
      const before = await counts(env);
      const filler = fillUp(dataMount);
      const res = await officer.upload(caseId, material, bytes, key);
      assertFault(res, 507, 'STORAGE_FULL', STORAGE_FULL);
      assert.equal(res.body.error.details.driverCode, 'SQLITE_FULL');
      fs.rmSync(filler);
      assert.deepEqual(await counts(env), before, 'no image, action or audit event of the refused act');

      const retried = await officer.upload(caseId, material, bytes, key);
      assert.equal(retried.status, 201, JSON.stringify(retried.body));
      assert.deepEqual(await counts(env), afterOneCapture(before));
      const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(env.ctx.db.kysely);
      assert.deepEqual(integrity.rows, [{ integrity_check: 'ok' }]);
      await assertArchiveIntact(env);
    });
  }
});

if (testDialect === 'postgres') {
  describe('PostgreSQL faults', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hukou-faults-pg-'));
    const spaceDir = path.join(root, 'tablespace');
    const tablespace = `hukou_faults_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    let env: TestEnv;
    let officer: Client;
    let material: string;
    let subtype: ReturnType<typeof subtypeWithChain>;
    let tablespaceCreated = false;
    before(async () => {
      env = await createTestEnv();
      officer = await as(env, 'gulou.officer');
      subtype = subtypeWithChain(env, 'station');
      material = firstMaterialCode(subtype);
    });
    after(async () => {
      try {
        await env?.close();
        if (tablespaceCreated) await adminQuery(pgAdminUrl, `drop tablespace if exists ${tablespace}`);
      } finally {
        unmount(spaceDir);
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    const dbUrl = () => (env.config.database as { url: string }).url;

    it('a full tablespace while an act writes: STORAGE_FULL, nothing written; the same act succeeds once space is freed', async () => {
      const caseId = (await acceptSample(officer, subtype)).id;
      // The server's own user must own the tablespace directory and reach it.
      fs.chmodSync(root, 0o755);
      const postgresUid = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
      mountTmpfs(spaceDir, 2, `,uid=${postgresUid},gid=${postgresUid},mode=0700`);
      await adminQuery(pgAdminUrl, `create tablespace ${tablespace} location '${spaceDir}'`);
      tablespaceCreated = true;
      // Still empty, so the capture's first row must grow a file in the full tablespace.
      const before = await counts(env);
      assert.equal(before.blobs, 0);
      for (const table of ['blobs', 'case_images']) await sql.raw(`alter table ${table} set tablespace ${tablespace}`).execute(env.ctx.db.kysely);
      const filler = fillUp(spaceDir);

      const bytes = await page();
      const key = randomUUID();
      const res = await officer.upload(caseId, material, bytes, key);
      assertFault(res, 507, 'STORAGE_FULL', STORAGE_FULL);
      assert.equal(res.body.error.details.driverCode, '53100');
      assert.deepEqual(await counts(env), before, 'no image, action or audit event of the refused act');

      fs.rmSync(filler);
      const retried = await officer.upload(caseId, material, bytes, key);
      assert.equal(retried.status, 201, JSON.stringify(retried.body));
      assert.deepEqual(await counts(env), { ...before, actions: before.actions + 1, events: before.events + 1, images: 1, blobs: 1 });
      await assertArchiveIntact(env);
    });

    it('a connection dropped in the middle of an act (and the rest of the pool with it): DATABASE_UNAVAILABLE, nothing written; the same act then succeeds', async () => {
      const caseId = (await acceptSample(officer, subtype, 2)).id;
      const holder = new pg.Client({ connectionString: dbUrl() });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query('select id from cases where id = $1 for update', [caseId]);
        const before = await counts(env);
        const bytes = await page();
        const key = randomUUID();
        let settled = false;
        const act = officer.upload(caseId, material, bytes, key).finally(() => {
          settled = true;
        });
        // The act's backend, waiting for the row lock this test holds.
        let waiting: number | undefined;
        for (const deadline = Date.now() + 10_000; waiting === undefined && !settled && Date.now() < deadline;) {
          const { rows } = await holder.query<{ pid: number }>(
            `select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
          );
          waiting = rows[0]?.pid;
        }
        assert.ok(waiting, 'the act waits on the row lock');
        // What a restart does to every connection: the waiting act's and the pool's idle ones.
        await holder.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
        const res = await act;
        assertFault(res, 503, 'DATABASE_UNAVAILABLE', '数据库暂时无法访问，请稍后重试（重试不会重复办理）');
        // The server's own reason (admin_shutdown, as in a restart), not the failed rollback's after it.
        assert.equal(res.body.error.details.driverCode, '57P01');
        await holder.query('rollback');
        assert.deepEqual(await counts(env), before, 'no image, action or audit event of the interrupted act');

        const retried = await officer.upload(caseId, material, bytes, key);
        assert.equal(retried.status, 201, JSON.stringify(retried.body));
        const again = await officer.upload(caseId, material, bytes, key);
        assert.equal(again.status, 201, 'the retry with the same key replays the answer');
        assert.deepEqual(again.body, retried.body);
        assert.deepEqual(await counts(env), afterOneCapture(before));
        await assertArchiveIntact(env);
      } finally {
        await holder.end();
      }
    });

    it('the database refusing connections during a read: DATABASE_UNAVAILABLE, and reads work again once it is back', async () => {
      const caseId = (await acceptSample(officer, subtype, 3)).id;
      const dbName = new URL(dbUrl()).pathname.slice(1);
      await adminQuery(pgAdminUrl, `alter database ${dbName} allow_connections false`);
      try {
        await adminQuery(pgAdminUrl, `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${dbName}'`);
        const view = await officer.get(`/api/cases/${caseId}`);
        assertFault(view, 503, 'DATABASE_UNAVAILABLE', '数据库暂时无法访问，请稍后重试（重试不会重复办理）');
        const search = await officer.get('/api/cases?limit=5');
        assert.equal(search.status, 503);
      } finally {
        await adminQuery(pgAdminUrl, `alter database ${dbName} allow_connections true`);
      }
      const again = await officer.get(`/api/cases/${caseId}`);
      assert.equal(again.status, 200, JSON.stringify(again.body));
    });
  });
}

if (testDialect === 'sqlite') {
  describe('SQLite busy', () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv();
    });
    after(async () => {
      await env.close();
    });

    it('another connection holding the write lock: DATABASE_BUSY after the busy timeout, nothing written; the same act succeeds once it lets go', async () => {
      const officer = await as(env, 'gulou.officer');
      const subtype = subtypeWithChain(env, 'station');
      const caseId = (await acceptSample(officer, subtype)).id;
      const file = (env.config.database as { file: string }).file;
      const [setting] = (await sql<{ timeout: number }>`pragma busy_timeout`.execute(env.ctx.db.kysely)).rows;
      assert.ok(setting);
      const { timeout } = setting;
      const other = new SqliteDatabase(file);
      try {
        other.exec('begin immediate');
        await sql.raw('pragma busy_timeout = 50').execute(env.ctx.db.kysely);
        const before = await counts(env);
        const bytes = await page();
        const key = randomUUID();
        const res = await officer.upload(caseId, firstMaterialCode(subtype), bytes, key);
        assertFault(res, 503, 'DATABASE_BUSY', '数据库正忙，本次操作未保存，请稍后重试');
        assert.equal(res.body.error.details.driverCode, 'SQLITE_BUSY');
        assert.deepEqual(await counts(env), before);
        other.exec('rollback');

        const retried = await officer.upload(caseId, firstMaterialCode(subtype), bytes, key);
        assert.equal(retried.status, 201, JSON.stringify(retried.body));
        assert.deepEqual(await counts(env), afterOneCapture(before));
        await assertArchiveIntact(env);
      } finally {
        other.close();
        await sql.raw(`pragma busy_timeout = ${timeout}`).execute(env.ctx.db.kysely);
      }
    });
  });
}
