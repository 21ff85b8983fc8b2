import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../server/app.ts';
import { sha256Hex } from '../server/blobs/digests.ts';
import { closeContext, openContext } from '../server/bootstrap.ts';
import { type AppConfig, loadConfig } from '../server/config.ts';
import { DEMO_PASSWORD } from '../server/modules/org/demo-organisation.ts';
import { seedDemo } from '../server/modules/org/commands/seed-demo.ts';
import { type ArchiveReader, killHard, openArchiveReader, type ServerMode, serverCommand, startServer } from './support/crash-server.ts';
import { adminQuery } from './support/pg-admin.ts';
import { sampleApplicant, sampleFields, sampleImage } from './support/sample-case.ts';
import { testDialect } from './support/test-context.ts';

/**
 * The crash test: the real server as a child process takes page uploads from several clients at
 * once and is killed with SIGKILL at a random moment; it is started again, and what it had answered
 * must all be there. Per cycle, after the restart:
 *  - every upload answered 2xx is a page of its case, pointing at the blob of the bytes sent;
 *  - every page row has its `blobs` row and its file, and the file hashes to its address;
 *  - every upload left unanswered by the kill, retried with its Idempotency-Key, is answered 2xx
 *    and leaves exactly one page of those bytes in its case (applied once, whether or not the
 *    first attempt had committed).
 * Cycles run in lanes (each its own data directory, database and server) so that one lane's server
 * starts while another's takes uploads. HUKOU_CRASH_CYCLES (default 100 under CI, else 12),
 * HUKOU_CRASH_LANES (default 2), HUKOU_CRASH_SEED (printed, to replay a run), HUKOU_CRASH_SERVER
 * (`bundle`, the default: the sources built ahead into one file; `tsx`: exactly `npm start`'s way,
 * twice the CPU per start; see support/crash-server.ts).
 */
const CYCLES = Number(process.env.HUKOU_CRASH_CYCLES ?? (process.env.CI ? 100 : 12));
const LANES = Math.max(1, Math.min(CYCLES, Number(process.env.HUKOU_CRASH_LANES ?? 2)));
const SEED = Number(process.env.HUKOU_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SERVER_MODE: ServerMode = process.env.HUKOU_CRASH_SERVER === 'tsx' ? 'tsx' : 'bundle';
const CLIENTS = 4;
const CASES_PER_LANE = 8;
// The kill comes at a random moment in this window after the first upload is sent.
const KILL_WINDOW_MS = 300;
const pgAdminUrl = process.env.HUKOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Upload {
  caseId: string;
  materialCode: string;
  bytes: Buffer;
  sha256: string;
  key: string;
}

interface Lane {
  index: number;
  command: string[];
  dir: string;
  config: AppConfig;
  env: NodeJS.ProcessEnv;
  token: string;
  cases: { id: string; materialCode: string }[];
  dbName: string | null;
  /** Answered 2xx: must be in its case after every later restart. */
  acknowledged: Upload[];
  /** Left without an answer by the kill: retried with the same key after the restart. */
  unanswered: Upload[];
  nextImage: number;
  sent: Set<string>;
}

interface CycleTiming {
  startMs: number;
  loadMs: number;
  checkMs: number;
  acknowledged: number;
  unanswered: number;
}

/** A fresh database, migrated, with the demo organisation, a signed-in officer and open cases; then closed. */
async function prepareLane(index: number, command: string[]): Promise<Lane> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hukou-crash-${index}-`));
  let dbName: string | null = null;
  let databaseUrl: string | undefined;
  if (testDialect === 'postgres') {
    dbName = `hukou_crash_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await adminQuery(pgAdminUrl, `create database ${dbName}`);
    const url = new URL(pgAdminUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const env: NodeJS.ProcessEnv = { ...process.env, HUKOU_DATA_DIR: dir, HUKOU_WEB_DIR: '', HUKOU_LOG_LEVEL: 'warn' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const config = loadConfig(env);
  const ctx = await openContext(config);
  const app = await buildApp(ctx);
  try {
    await seedDemo(ctx.db, ctx.dataKeys);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gulou.officer', password: DEMO_PASSWORD } });
    assert.equal(login.statusCode, 200, login.body);
    const token = login.json<{ token: string }>().token;
    const subtype = ctx.catalogs
      .current(ctx.now())
      .categories.flatMap((c) => c.subtypes)
      .find((s) => s.approvalChain.join(',') === 'station');
    assert.ok(subtype, 'a sub-type decided at the station');
    const cases: Lane['cases'] = [];
    for (let serial = 1; serial <= CASES_PER_LANE; serial++) {
      const accepted: LightMyRequestResponse = await app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
        payload: { subtypeCode: subtype.code, applicant: sampleApplicant(serial), fields: sampleFields(subtype, serial) },
      });
      assert.equal(accepted.statusCode, 201, accepted.body);
      cases.push({ id: accepted.json<{ id: string }>().id, materialCode: subtype.materials[serial % subtype.materials.length]!.code });
    }
    return {
      index,
      command,
      dir,
      config,
      env,
      token,
      cases,
      dbName,
      acknowledged: [],
      unanswered: [],
      nextImage: (index * 20_000) % 65_536,
      sent: new Set(),
    };
  } finally {
    await app.close();
    await closeContext(ctx);
  }
}

async function removeLane(lane: Lane): Promise<void> {
  if (lane.dbName) await adminQuery(pgAdminUrl, `drop database if exists ${lane.dbName} with (force)`);
  fs.rmSync(lane.dir, { recursive: true, force: true });
}

/** Sends one page; resolves to its status, or null when the connection died (the kill). */
async function send(lane: Lane, base: string, upload: Upload): Promise<number | null> {
  const form = new FormData();
  form.set('materialCode', upload.materialCode);
  form.set('file', new Blob([new Uint8Array(upload.bytes)], { type: 'image/jpeg' }), 'page.jpg');
  try {
    const res = await fetch(`${base}/api/cases/${upload.caseId}/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lane.token}`, 'idempotency-key': upload.key },
      body: form,
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}

/** A page never sent before in this lane: close colours can encode to the same JPEG, so those are skipped. */
async function newUpload(lane: Lane, pick: () => number): Promise<Upload> {
  const kase = lane.cases[Math.floor(pick() * lane.cases.length)]!;
  for (;;) {
    const bytes = await sampleImage(lane.nextImage++ % 65_536);
    const sha256 = sha256Hex(bytes);
    if (lane.sent.has(sha256)) continue;
    lane.sent.add(sha256);
    return { caseId: kase.id, materialCode: kase.materialCode, bytes, sha256, key: randomUUID() };
  }
}

/** What must hold after a restart; returns the problems found, each named. */
async function checkArchive(lane: Lane, reader: ArchiveReader): Promise<string[]> {
  const problems: string[] = [];
  const rows = await reader.images();
  const byCaseAndBlob = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.case_id}/${row.blob_sha256}`;
    byCaseAndBlob.set(key, (byCaseAndBlob.get(key) ?? 0) + 1);
    if (!row.recorded) problems.push(`page ${row.id} points to blob ${row.blob_sha256}, which has no blobs row`);
  }
  for (const sha256 of new Set(rows.map((row) => row.blob_sha256))) {
    const file = path.join(lane.config.blobDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      problems.push(`blob ${sha256} of a page has no file`);
      continue;
    }
    if (sha256Hex(bytes) !== sha256) problems.push(`blob ${sha256} does not hash to its address`);
  }
  for (const upload of lane.acknowledged) {
    const count = byCaseAndBlob.get(`${upload.caseId}/${upload.sha256}`) ?? 0;
    if (count !== 1) problems.push(`upload ${upload.key} was answered 2xx and is ${count} pages of case ${upload.caseId}`);
  }
  return problems;
}

async function runCycle(lane: Lane, cycle: number, pick: () => number): Promise<CycleTiming> {
  const started = performance.now();
  const server = await startServer(lane.command, lane.env);
  const listening = performance.now();
  try {
    // Retry what the last kill left unanswered, with the same keys: each applies once.
    const retried = lane.unanswered;
    lane.unanswered = [];
    const statuses = await Promise.all(retried.map((upload) => send(lane, server.url, upload)));
    for (const [i, upload] of retried.entries()) {
      const status = statuses[i];
      assert.ok(status != null && status >= 200 && status < 300, `lane ${lane.index} cycle ${cycle}: retry of ${upload.key} answered ${status}`);
      lane.acknowledged.push(upload);
    }
    const reader = await openArchiveReader(lane.config.database);
    try {
      const problems = await checkArchive(lane, reader);
      assert.deepEqual(problems, [], `lane ${lane.index} after cycle ${cycle - 1} (seed ${SEED})`);
    } finally {
      await reader.close();
    }
    const checked = performance.now();

    // Clients upload without pause until the kill cuts them off.
    let killed = false;
    const client = async () => {
      while (!killed) {
        const upload = await newUpload(lane, pick);
        const status = await send(lane, server.url, upload);
        if (status === null) {
          lane.unanswered.push(upload);
          return;
        }
        assert.ok(status >= 200 && status < 300, `lane ${lane.index} cycle ${cycle}: upload answered ${status}`);
        lane.acknowledged.push(upload);
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    const delay = pick() * KILL_WINDOW_MS;
    await new Promise((resolve) => setTimeout(resolve, delay));
    killed = true;
    await killHard(server);
    await Promise.all(clients);
    const acknowledged = lane.acknowledged.length;
    return {
      startMs: listening - started,
      loadMs: performance.now() - checked,
      checkMs: checked - listening,
      acknowledged,
      unanswered: lane.unanswered.length,
    };
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) await killHard(server);
  }
}

/** One last start: the final kill's unanswered uploads retried, and everything checked once more. */
async function finalCheck(lane: Lane): Promise<void> {
  const server = await startServer(lane.command, lane.env);
  try {
    for (const upload of lane.unanswered) {
      const status = await send(lane, server.url, upload);
      assert.ok(status !== null && status >= 200 && status < 300, `final retry of ${upload.key} answered ${status}`);
      lane.acknowledged.push(upload);
    }
    lane.unanswered = [];
    const reader = await openArchiveReader(lane.config.database);
    try {
      assert.deepEqual(await checkArchive(lane, reader), [], `lane ${lane.index} at the end (seed ${SEED})`);
    } finally {
      await reader.close();
    }
  } finally {
    await killHard(server);
  }
}

describe(`crash test on ${testDialect}: uploads answered before a SIGKILL are all there after the restart`, () => {
  const lanes: Lane[] = [];
  // Inside the project, so the built server finds its packages in node_modules; a cache folder, so no tool looks at it.
  fs.mkdirSync('node_modules/.cache', { recursive: true });
  const buildDir = fs.mkdtempSync(path.join('node_modules/.cache', 'hukou-crash-'));
  after(async () => {
    for (const lane of lanes) await removeLane(lane);
    fs.rmSync(buildDir, { recursive: true, force: true });
  });

  it(`${CYCLES} kill-and-restart cycles in ${LANES} lanes, server run as ${SERVER_MODE} (seed ${SEED})`, async (t) => {
    const began = performance.now();
    const command = await serverCommand(SERVER_MODE, buildDir);
    for (let index = 0; index < LANES; index++) lanes.push(await prepareLane(index, command));
    const prepared = performance.now();
    const timings: CycleTiming[] = [];
    await Promise.all(
      lanes.map(async (lane) => {
        const pick = random(SEED + lane.index);
        // Cycles are dealt round-robin: lane i runs cycles i, i + LANES, ...
        for (let cycle = lane.index; cycle < CYCLES; cycle += LANES) timings.push(await runCycle(lane, cycle, pick));
        await finalCheck(lane);
      }),
    );
    const total = performance.now() - prepared;
    const mean = (pick: (c: CycleTiming) => number) => Math.round(timings.reduce((sum, c) => sum + pick(c), 0) / timings.length);
    const acknowledged = lanes.reduce((sum, lane) => sum + lane.acknowledged.length, 0);
    t.diagnostic(
      `${timings.length} cycles in ${Math.round(total)} ms (${Math.round(total / timings.length)} ms per cycle across ${LANES} lanes; ` +
        `per cycle in a lane: start ${mean((c) => c.startMs)} ms, check ${mean((c) => c.checkMs)} ms, load until the kill ${mean((c) => c.loadMs)} ms); ` +
        `preparation ${Math.round(prepared - began)} ms; ${acknowledged} uploads answered and found, seed ${SEED}`,
    );
    assert.equal(timings.length, CYCLES);
    // The kill must have struck uploads in flight in most cycles, or the test proves little.
    const struck = timings.filter((c) => c.unanswered > 0).length;
    assert.ok(struck >= CYCLES / 2, `uploads were in flight at the kill in ${struck} of ${CYCLES} cycles`);
  });
});
