import assert from 'node:assert/strict';
import { unzipSync, zipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { auditEventHash } from '../server/modules/audit/audit-hash.ts';
import { createCheckpoint } from '../server/modules/audit/checkpoints/create-checkpoint.ts';
import { exportCase } from '../server/modules/evidence/export-case.ts';
import type { PackageCheck } from '../server/modules/evidence/package-check.ts';
import type { PackageIndex } from '../server/modules/evidence/package-index.ts';
import { verifyPackage } from '../server/modules/evidence/verify-package.ts';
import { as } from './support/api.ts';
import { acceptSample, approveThroughChain, captureRequired, submittedCase, subtypeWithChain } from './support/journey.ts';
import { sampleApplicant, sampleImage } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

const OPERATOR = { osUser: 'archivist', host: 'records-1' };
const BAG_CHECKS = new Set(['bagDeclaration', 'bagInfo', 'tagManifest', 'payloadManifest', 'missingFile', 'extraFile']);

const digest = (algorithm: 'sha256' | 'sm3', bytes: Buffer) => createHash(algorithm).update(bytes).digest('hex');
const failures = (checks: PackageCheck[]) => checks.filter((c) => !c.ok);
const describeFailures = (checks: PackageCheck[]) => JSON.stringify(failures(checks), null, 1);

/** The files a manifest lists, in its order. */
const listedIn = (dir: string, manifest: string) =>
  fs
    .readFileSync(path.join(dir, manifest), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(line.indexOf('  ') + 2));

/** What a careful forger does after changing a file: fix the manifests, Payload-Oxum and the tag manifests. */
function rehash(dir: string): void {
  const read = (file: string) => fs.readFileSync(path.join(dir, file));
  const rewrite = (manifest: string, algorithm: 'sha256' | 'sm3') =>
    fs.writeFileSync(
      path.join(dir, manifest),
      listedIn(dir, manifest)
        .map((file) => `${digest(algorithm, read(file))}  ${file}\n`)
        .join(''),
    );
  for (const algorithm of ['sha256', 'sm3'] as const) rewrite(`manifest-${algorithm}.txt`, algorithm);
  const payload = listedIn(dir, 'manifest-sha256.txt');
  const octets = payload.reduce((sum, file) => sum + read(file).length, 0);
  const info = read('bag-info.txt').toString('utf8');
  fs.writeFileSync(path.join(dir, 'bag-info.txt'), info.replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${octets}.${payload.length}`));
  for (const algorithm of ['sha256', 'sm3'] as const) rewrite(`tagmanifest-${algorithm}.txt`, algorithm);
}

/** The bytes with one bit changed at `at` (from the end when negative; the middle by default). */
function flipped(bytes: Buffer, at?: number): Buffer {
  const copy = Buffer.from(bytes);
  const i = at === undefined ? copy.length >> 1 : at < 0 ? copy.length + at : at;
  copy[i] = copy[i]! ^ 0x01;
  return copy;
}

const flipByte = (file: string, at?: number) => fs.writeFileSync(file, flipped(fs.readFileSync(file), at));

const text = (edit: (s: string) => string) => (bytes: Buffer) => Buffer.from(edit(bytes.toString('utf8')));

describe('evidence packages: export-case and verify-package', () => {
  let env: TestEnv;
  let approved: { id: string; caseNo: string };
  let good: string;
  let index: PackageIndex;
  let copies = 0;

  /** A fresh copy of the good package to damage. */
  const copy = () => {
    const dir = path.join(env.dir, `copy-${copies++}`);
    fs.cpSync(good, dir, { recursive: true });
    return dir;
  };

  before(async () => {
    env = await createTestEnv();
    const subtype = subtypeWithChain(env, 'branch,city');
    const officer = await as(env, 'gulou.officer');
    const kase = await acceptSample(officer, subtype, 1);
    await captureRequired(officer, kase.id, subtype);
    const portrait = await officer.uploadTo(`/api/cases/${kase.id}/portrait`, {}, await sampleImage(9001, 'jpeg', 320));
    assert.equal(portrait.status, 201, JSON.stringify(portrait.body));
    assert.equal((await officer.post(`/api/cases/${kase.id}/verify`)).status, 200);
    assert.equal((await officer.post(`/api/cases/${kase.id}/submit`)).status, 200);
    await approveThroughChain(env, kase.id, subtype);
    approved = { id: kase.id, caseNo: kase.caseNo };

    // The reviewer's certificate is revoked after the decisions: the latest CRL lists it, the CRL in
    // force when the review was signed does not, so the review stays valid in the package too.
    env.clock.advanceHours(1);
    const reviewer = await env.ctx.db.kysely
      .selectFrom('case_signatures')
      .select('certificate_id')
      .where('case_id', '=', kase.id)
      .where('act', '=', 'review')
      .executeTakeFirstOrThrow();
    const revoked = await (await as(env, 'secadmin')).post(`/api/admin/certificates/${reviewer.certificate_id}/revoke`, { reason: '民警调离' });
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    env.clock.advanceHours(0.01);

    good = path.join(env.dir, 'packages', 'approved');
    await exportCase(env.ctx, { reference: approved.caseNo, out: good, operator: OPERATOR });
    index = JSON.parse(fs.readFileSync(path.join(good, 'data/package.json'), 'utf8')) as PackageIndex;
  });
  after(async () => {
    await env.close();
  });

  it('exports an approved case with its pages, portrait, signatures, notice, events and checkpoint, and verifies it', async () => {
    const report = verifyPackage(good);
    assert.equal(report.valid, true, describeFailures(report.checks));
    assert.equal(report.caseNo, approved.caseNo);

    const pages = await env.ctx.db.kysely.selectFrom('case_images').select('blob_sha256').where('case_id', '=', approved.id).execute();
    assert.ok(pages.length > 0 && index.portraits.length === 1, 'pages and a portrait are packaged');
    for (const page of pages) assert.ok(index.originals.some((o) => o.sha256 === page.blob_sha256 && fs.existsSync(path.join(good, o.file))));
    assert.deepEqual(
      index.signatures.map((s) => s.act),
      ['submit', 'review', 'approve'],
    );
    assert.ok(index.notice && fs.existsSync(path.join(good, index.notice.pdf)));
    const caseEvents = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select('seq')
      .where('case_id', '=', approved.id)
      .where('action', '!=', 'case.export')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      index.events.map((e) => e.seq),
      caseEvents.map((e) => e.seq),
      'every event of the case up to the export, each with its proof',
    );
    assert.ok(index.crls.length === 1 && index.signatures.every((s) => s.crl === null), 'the later CRL is packaged, none was in force at signing');

    const passedNames = new Set(report.checks.map((c) => c.name));
    for (const name of [
      'decisionSignature',
      'signedPages',
      'noticeSignature',
      'noticeOfd',
      'pdfCertificate',
      'certificateChain',
      'crlSignature',
      'checkpointSignature',
    ]) {
      assert.ok(passedNames.has(name as PackageCheck['name']), `${name} ran`);
    }
    assert.equal(report.checks.filter((c) => c.name === 'inclusionProof' && c.ok).length, index.events.length);

    const root = await env.ctx.db.kysely.selectFrom('pki_certificates').select('der').where('kind', '=', 'root').executeTakeFirstOrThrow();
    const fingerprint = digest('sha256', Buffer.from(root.der, 'base64')).toUpperCase();
    assert.equal(report.root?.fingerprint.replaceAll(':', ''), fingerprint);

    // The record holds what the signatures hold: the full ID number (docs: handle as personal data).
    const record = JSON.parse(fs.readFileSync(path.join(good, 'data/case.json'), 'utf8'));
    assert.equal(record.case.applicant_id_number, sampleApplicant(1).idNumber);
    assert.match(record.personalData, /personal data/);
    assert.equal((fs.statSync(path.join(good, 'data/case.json')).mode & 0o777).toString(8), '600');
  });

  it('records the export in the trail: the system, the OS account, the case and the package digest', async () => {
    const event = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'case.export')
      .where('case_id', '=', approved.id)
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    assert.deepEqual([event.actor_id, event.outcome, event.object_id], [null, 'ok', approved.id]);
    const detail = JSON.parse(event.detail);
    assert.deepEqual(detail.operator, OPERATOR);
    assert.equal(detail.tagManifestSha256, digest('sha256', fs.readFileSync(path.join(good, 'tagmanifest-sha256.txt'))));
  });

  it('signs a checkpoint first when the latest does not cover the case’s last event', async () => {
    const latest = await env.ctx.db.kysely.selectFrom('audit_checkpoints').select('tree_size').orderBy('tree_size', 'desc').executeTakeFirstOrThrow();
    // A look at the case after that checkpoint: an event of the case no checkpoint covers yet.
    assert.equal((await (await as(env, 'gulou.officer')).get(`/api/cases/${approved.id}`)).status, 200);
    const look = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select('seq')
      .where('case_id', '=', approved.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.ok(look.seq > latest.tree_size);
    const dir = path.join(env.dir, 'packages', 'after-look');
    const exported = await exportCase(env.ctx, { reference: approved.id, out: dir, operator: OPERATOR });
    assert.ok(exported.treeSize >= look.seq, 'a new checkpoint covers the look');
    const report = verifyPackage(dir);
    assert.equal(report.valid, true, describeFailures(report.checks));
    assert.ok(report.checks.some((c) => c.name === 'inclusionProof' && c.ok && c.file.endsWith(`${String(look.seq).padStart(12, '0')}.json`)));
  });

  it('names the file and the manifest check when one byte of a file changes', () => {
    const page = index.pages[0]!.file;
    const approval = index.signatures.find((s) => s.act === 'approve')!;
    const samples = [
      page,
      approval.content,
      approval.signature,
      index.notice!.pdf,
      index.events[0]!.file,
      index.checkpoint.file,
      index.crls[0]!.file,
      'data/case.json',
    ];
    for (const file of samples) {
      const dir = copy();
      flipByte(path.join(dir, file));
      const report = verifyPackage(dir);
      assert.equal(report.valid, false, file);
      assert.ok(
        report.checks.some((c) => !c.ok && c.name === 'payloadManifest' && c.file === file && /SHA-256 differs/.test(c.detail)),
        `${file}: ${describeFailures(report.checks)}`,
      );
    }
    for (const file of ['bag-info.txt', 'bagit.txt', 'manifest-sm3.txt']) {
      const dir = copy();
      flipByte(path.join(dir, file), 3);
      const report = verifyPackage(dir);
      assert.ok(
        report.checks.some((c) => !c.ok && c.name === 'tagManifest' && c.file === file),
        `${file}: ${describeFailures(report.checks)}`,
      );
    }
  });

  it('names a missing file and an extra file', () => {
    const approval = index.signatures.find((s) => s.act === 'approve')!;
    const dir = copy();
    fs.rmSync(path.join(dir, approval.signature));
    fs.writeFileSync(path.join(dir, 'data/notes.txt'), 'added later');
    fs.writeFileSync(path.join(dir, 'README.txt'), 'added later');
    const report = verifyPackage(dir);
    const named = failures(report.checks).map((c): [string, string] => [c.name, c.file]);
    assert.deepEqual(
      named.filter(([name]) => BAG_CHECKS.has(name)),
      [
        ['missingFile', approval.signature],
        ['extraFile', 'data/notes.txt'],
        ['extraFile', 'README.txt'],
        ['bagInfo', 'bag-info.txt'],
      ],
    );
    assert.ok(named.some(([name, file]) => name === 'decisionSignature' && file === approval.signature));
  });

  /** Changes a packaged file, re-hashes the bag so it is valid again, and answers the failures (none of them the bag's). */
  function forge(file: string, change: (bytes: Buffer) => Buffer): PackageCheck[] {
    const dir = copy();
    const target = path.join(dir, file);
    fs.writeFileSync(target, change(fs.readFileSync(target)));
    rehash(dir);
    const report = verifyPackage(dir);
    assert.equal(report.valid, false, `${file} changed and re-hashed`);
    const found = failures(report.checks);
    assert.deepEqual(
      found.filter((c) => BAG_CHECKS.has(c.name)),
      [],
      `the re-hashed bag itself is valid: ${describeFailures(report.checks)}`,
    );
    return found;
  }
  const has = (found: PackageCheck[], name: PackageCheck['name'], file: string) =>
    assert.ok(
      found.some((c) => c.name === name && c.file === file),
      `${name} on ${file}: ${JSON.stringify(found, null, 1)}`,
    );

  it('with the manifests re-hashed, names what the signatures and proofs no longer cover', () => {
    const [submission, review] = index.signatures;

    const content = forge(
      submission!.content,
      text((s) => s.replace('"name":"张', '"name":"李')),
    );
    has(content, 'decisionSignature', submission!.content);
    assert.match(content.find((c) => c.name === 'decisionSignature')!.detail, /^documentHash/);

    const page = index.pages[0]!.file;
    const pageFound = forge(page, (bytes) => flipped(bytes));
    has(pageFound, 'signedPages', page);
    has(pageFound, 'originalFile', page);

    const notice = forge(index.notice!.pdf, (bytes) => flipped(bytes, 400));
    has(notice, 'noticeSignature', index.notice!.pdf);
    has(notice, 'trailRecord', index.notice!.pdf);

    // The OFD form re-zipped with its page changed: the seal's reference to that page no longer holds.
    const ofdFile = index.notice!.ofd!;
    const ofd = forge(ofdFile, (bytes) => {
      const files = unzipSync(new Uint8Array(bytes));
      const page = Object.keys(files).find((name) => name.endsWith('Content.xml'))!;
      files[page] = new TextEncoder().encode(new TextDecoder().decode(files[page]).replace('准予', '不予'));
      return Buffer.from(zipSync(files));
    });
    has(ofd, 'noticeOfd', ofdFile);
    assert.match(ofd.find((c) => c.name === 'noticeOfd')!.detail, /Content\.xml/);

    const signature = forge(review!.signature, (bytes) => flipped(bytes, -3)); // inside the signature value
    has(signature, 'decisionSignature', review!.signature);

    const event = index.events.at(-1)!.file;
    has(
      forge(
        event,
        text((s) => s.replace(/"at": "2026/, '"at": "2025')),
      ),
      'eventHash',
      event,
    );

    const checkpoint = forge(
      index.checkpoint.file,
      text((s) => s.replace(/"rootHash": "(.)/, (_m, c: string) => `"rootHash": "${c === '0' ? '1' : '0'}`)),
    );
    has(checkpoint, 'checkpointSignature', index.checkpoint.file);
    has(checkpoint, 'inclusionProof', index.events[0]!.file);

    // The map claims no revocation list was in force when the checkpoint was signed: the packaged one says otherwise.
    const claim = forge(
      'data/package.json',
      text((s) => JSON.stringify({ ...JSON.parse(s), checkpoint: { ...index.checkpoint, crl: null } })),
    );
    assert.match(claim.find((c) => c.name === 'checkpointSignature' && c.file === index.checkpoint.file)?.detail ?? '', /no\. 1 was in force/);

    const crl = index.crls[0]!.file;
    has(
      forge(crl, (bytes) => flipped(bytes, -2)),
      'crlSignature',
      crl,
    );
  });

  it('refuses an event whose proof is forged, and an event re-hashed after a change', () => {
    const target = index.events[1]!.file;
    const forged = forge(
      target,
      text((s) => {
        const packaged = JSON.parse(s);
        packaged.inclusion.path[0] = 'ab'.repeat(32);
        return JSON.stringify(packaged);
      }),
    );
    has(forged, 'inclusionProof', target);
    assert.ok(!forged.some((c) => c.name === 'eventHash'), 'the event itself is as stored');

    // A changed event whose hash is recomputed passes its own hash check, but no longer is the leaf the checkpoint signed.
    const rewritten = forge(target, (bytes) => {
      const packaged = JSON.parse(bytes.toString('utf8'));
      packaged.event.reason = 'rewritten';
      const { hash: _hash, ...columns } = packaged.event;
      packaged.event.hash = auditEventHash(columns);
      return Buffer.from(JSON.stringify(packaged));
    });
    has(rewritten, 'inclusionProof', target);
    assert.ok(!rewritten.some((c) => c.name === 'eventHash'), 'its hash was recomputed');
  });

  it('exports a case still in progress with what exists: a submission signed, no notice', async () => {
    const subtype = subtypeWithChain(env, 'branch,city');
    const submitted = await submittedCase(env, subtype, 2);
    const dir = path.join(env.dir, 'packages', 'submitted');
    const exported = await exportCase(env.ctx, { reference: submitted.caseNo, out: dir, operator: OPERATOR });
    assert.deepEqual([exported.signatures, exported.notice], [1, false]);
    const report = verifyPackage(dir);
    assert.equal(report.valid, true, describeFailures(report.checks));
    assert.ok(!report.checks.some((c) => c.name === 'noticeSignature'));
    assert.ok(!fs.existsSync(path.join(dir, 'data/notice')));

    const accepted = await acceptSample(await as(env, 'gulou.officer'), subtype, 3);
    const bare = path.join(env.dir, 'packages', 'accepted');
    assert.equal((await exportCase(env.ctx, { reference: accepted.caseNo, out: bare, operator: OPERATOR })).signatures, 0);
    const bareReport = verifyPackage(bare);
    assert.equal(bareReport.valid, true, describeFailures(bareReport.checks));
  });

  it('refuses a case that does not exist (recorded) and a folder already holding something', async () => {
    const out = path.join(env.dir, 'packages', 'none');
    await assert.rejects(exportCase(env.ctx, { reference: '999-000000-0000', out, operator: OPERATOR }), { code: 'CASE_NOT_FOUND' });
    assert.ok(!fs.existsSync(out));
    const refused = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['outcome', 'reason', 'object_id'])
      .where('action', '=', 'case.export')
      .where('outcome', '=', 'refused')
      .executeTakeFirstOrThrow();
    assert.deepEqual(refused, { outcome: 'refused', reason: 'CASE_NOT_FOUND', object_id: '999-000000-0000' });
    await assert.rejects(exportCase(env.ctx, { reference: approved.caseNo, out: good, operator: OPERATOR }), { code: 'EVIDENCE_TARGET_NOT_EMPTY' });
    assert.equal(verifyPackage(good).valid, true, 'the package already there is untouched');
  });

  it('runs end to end through the CLI: export-case, then verify-package offline', async () => {
    // Cover the case's events now, so the child process (on the real clock) has nothing to sign.
    await createCheckpoint(env.ctx, 'demand');
    const vars = {
      ...process.env,
      HUKOU_DATA_DIR: env.dir,
      HUKOU_LOG_LEVEL: 'silent',
      DATABASE_URL: env.config.database.kind === 'postgres' ? env.config.database.url : env.config.database.file,
    };
    // As an operator runs it: `npx hukou` (bin/hukou.js) in a folder of their own, the package written there by default.
    const workDir = path.join(env.dir, 'operator');
    fs.mkdirSync(workDir);
    const exported = spawnSync(process.execPath, [path.resolve('bin/hukou.js'), 'export-case', approved.caseNo], {
      env: vars,
      cwd: workDir,
      encoding: 'utf8',
    });
    assert.equal(exported.status, 0, exported.stdout + exported.stderr);
    assert.match(exported.stdout, new RegExp(`Exported case ${approved.caseNo}`));
    const dir = path.join(workDir, `evidence-${approved.caseNo}`);
    assert.ok(fs.existsSync(path.join(dir, 'bagit.txt')));

    // verify-package needs no database: an environment pointing nowhere.
    const offline = (target: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'cli/hukou.ts', 'verify-package', target], {
        env: { ...process.env, HUKOU_DATA_DIR: path.join(env.dir, 'nowhere'), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
        encoding: 'utf8',
      });
    const intact = offline(dir);
    assert.equal(intact.status, 0, intact.stdout + intact.stderr);
    assert.match(intact.stdout, /SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    assert.match(intact.stdout, /OK {3}decisionSignature data\/signatures\/\d{4}-approve\.ses/);
    assert.match(intact.stdout, /VALID: every check passed/);
    assert.ok(!fs.existsSync(path.join(env.dir, 'nowhere')), 'nothing was opened or created');

    flipByte(path.join(dir, index.notice!.pdf));
    const broken = offline(dir);
    assert.equal(broken.status, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, /FAIL payloadManifest data\/notice\/notice\.pdf: its SHA-256 differs/);
    assert.match(broken.stdout, /NOT VALID/);
  });
});
