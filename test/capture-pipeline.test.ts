import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { as, type Client } from './support/api.ts';
import { acceptSample, captureRequired, firstMaterialCode, submittedCase, subtypeWithChain } from './support/journey.ts';
import { documentPage, documentPixels, multiPageTiff, scannerPdf } from './support/document-images.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';
import type { AuditAction } from '../server/modules/audit/audit-actions.ts';
import type { CatalogSubtype } from '../server/modules/catalog/catalog.schema.ts';

/** Every file under a folder whose name is exactly `name`. */
function findFiles(dir: string, name: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(full, name));
    else if (entry.name === name) found.push(full);
  }
  return found;
}

describe('the capture pipeline', () => {
  let env: TestEnv;
  let officer: Client;
  let auxiliary: Client;
  let subtype: CatalogSubtype;
  let material: string;
  let serial = 200;
  const newCase = async (applicantSerial = serial++) => (await acceptSample(officer, subtype, applicantSerial)).id as string;
  const auditOf = (caseId: string, action: AuditAction) =>
    env.ctx.db.kysely.selectFrom('audit_events').selectAll().where('case_id', '=', caseId).where('action', '=', action).orderBy('seq').execute();

  before(async () => {
    env = await createTestEnv();
    officer = await as(env, 'gulou.officer');
    auxiliary = await as(env, 'gulou.aux');
    subtype = subtypeWithChain(env, 'station');
    material = firstMaterialCode(subtype);
  });
  after(async () => {
    await env.close();
  });

  it("takes every page of a scanner's multi-page TIFF and PDF, keeps the original file, and serves a preview and a thumbnail of each", async () => {
    const caseId = await newCase();
    const sheets = await Promise.all([1, 2, 3].map((seed) => documentPixels({ seed, dpi: 100 })));
    const tiff = await multiPageTiff(sheets);
    const byTiff = await officer.uploadTo(`/api/cases/${caseId}/images`, { materialCode: material }, tiff);
    assert.equal(byTiff.status, 201, JSON.stringify(byTiff.body));
    assert.deepEqual(
      byTiff.body.images.map((i: any) => [i.pageNo, i.sourcePage]),
      [
        [1, 0],
        [2, 1],
        [3, 2],
      ],
    );
    assert.equal(new Set(byTiff.body.images.map((i: any) => i.sha256)).size, 1, 'the three pages are one original file');

    const jpegs = await Promise.all([4, 5].map((seed) => documentPage({ seed, dpi: 100 })));
    const pdf = scannerPdf(jpegs.map((jpeg) => ({ jpeg, width: 827, height: 1169, widthMm: 210, heightMm: 297 })));
    const byPdf = await officer.uploadTo(`/api/cases/${caseId}/images`, { materialCode: material }, pdf);
    assert.equal(byPdf.status, 201, JSON.stringify(byPdf.body));
    const pdfPages = byPdf.body.images.filter((i: any) => i.pageNo > 3);
    assert.deepEqual(
      pdfPages.map((i: any) => [i.pageNo, i.sourcePage]),
      [
        [4, 0],
        [5, 1],
      ],
    );
    const blob = await env.ctx.db.kysely.selectFrom('blobs').selectAll().where('sha256', '=', pdfPages[0].sha256).executeTakeFirstOrThrow();
    assert.deepEqual([blob.media_type, blob.page_count], ['application/pdf', 2]);

    const page = pdfPages[1];
    const original = await officer.get(`/api/cases/${caseId}/images/${page.id}/content`);
    assert.equal(original.status, 200);
    assert.equal(original.raw.headers['content-type'], 'application/pdf');
    assert.match(String(original.raw.headers['content-disposition']), /^attachment;/, 'a PDF is downloaded, never shown in the page');
    assert.ok(original.raw.rawPayload.equals(pdf), 'the original bytes, unchanged');

    for (const [kind, longest] of [
      ['preview', 2000],
      ['thumbnail', 320],
    ] as const) {
      const res = await officer.get(`/api/cases/${caseId}/images/${page.id}/content?kind=${kind}`);
      assert.equal(res.status, 200);
      assert.equal(res.raw.headers['content-type'], 'image/jpeg');
      const meta = await sharp(res.raw.rawPayload).metadata();
      assert.ok(Math.max(meta.width, meta.height) <= longest, `${kind}: ${meta.width}x${meta.height}`);
      assert.ok(meta.height > meta.width, 'an A4 page in portrait');
    }
  });

  it('makes a lost preview again from the original, the same as it was', async () => {
    const caseId = await newCase();
    const res = await officer.upload(caseId, material, await documentPage({ seed: 31 }));
    const image = res.body.images[0];
    const url = `/api/cases/${caseId}/images/${image.id}/content?kind=preview`;
    const first = (await officer.get(url)).raw.rawPayload;
    const store = env.ctx.config.blobStore;
    assert.equal(store.kind, 'fs', 'the tests run on the file store');
    const derivedDir = store.kind === 'fs' ? store.derivedDir : '';
    const files = findFiles(derivedDir, `${image.sha256}.0.preview.jpg`);
    assert.equal(files.length, 1, 'the preview is kept in the store');
    fs.rmSync(files[0]!);
    const again = await officer.get(url);
    assert.equal(again.status, 200);
    assert.ok(again.raw.rawPayload.equals(first));
    assert.equal(findFiles(derivedDir, `${image.sha256}.0.preview.jpg`).length, 1, 'and kept again');
  });

  it('answers quality warnings at once; an officer keeps the page with a reason, or a retake takes its place', async () => {
    const caseId = await newCase();
    const blurred = await officer.upload(caseId, material, await documentPage({ seed: 41, variant: 'blurred' }));
    assert.equal(blurred.status, 201, 'a poor page is kept, not refused');
    const [page] = blurred.body.images;
    assert.deepEqual(
      page.qualityWarnings.map((w: any) => w.code),
      ['BLURRED'],
    );
    assert.equal(blurred.body.capture.qualityUnresolved, 1);

    const byAuxiliary = await auxiliary.post(`/api/cases/${caseId}/images/${page.id}/quality-override`, { reason: '原件如此' });
    assert.equal(byAuxiliary.status, 403, 'accepting a poor page is an officer’s judgement');
    const kept = await officer.post(`/api/cases/${caseId}/images/${page.id}/quality-override`, { reason: '原件字迹本身模糊' });
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    assert.equal(kept.body.images[0].qualityOverride.reason, '原件字迹本身模糊');
    assert.equal(kept.body.capture.qualityUnresolved, 0);
    const twice = await officer.post(`/api/cases/${caseId}/images/${page.id}/quality-override`, { reason: '再次' });
    assert.equal(twice.body.error?.code, 'QUALITY_NOTHING_TO_OVERRIDE');
    const [override] = (await auditOf(caseId, 'case.override_quality')).filter((e) => e.outcome === 'ok');
    assert.equal(override?.reason, '原件字迹本身模糊');

    const dark = await officer.upload(caseId, material, await documentPage({ seed: 42, variant: 'dark' }));
    const darkPage = dark.body.images.find((i: any) => i.pageNo === 2);
    assert.deepEqual(
      darkPage.qualityWarnings.map((w: any) => w.code),
      ['TOO_DARK'],
    );
    const retake = await officer.uploadTo(
      `/api/cases/${caseId}/images`,
      { materialCode: material, replacesImageId: darkPage.id },
      await documentPage({ seed: 42 }),
    );
    assert.equal(retake.status, 201, JSON.stringify(retake.body));
    const second = retake.body.images.filter((i: any) => i.pageNo === 2);
    assert.equal(second.length, 1, 'the retake takes page 2');
    assert.notEqual(second[0].id, darkPage.id);
    assert.deepEqual(second[0].qualityWarnings, []);
    const removed = await env.ctx.db.kysely.selectFrom('case_images').selectAll().where('id', '=', darkPage.id).executeTakeFirstOrThrow();
    assert.equal(removed.replaced_by, second[0].id, 'the poor page is kept, marked as replaced');
  });

  it('puts pages in a new order and takes a page out before submission; nothing is deleted', async () => {
    const caseId = await newCase();
    let view;
    for (const seed of [51, 52, 53]) view = (await officer.upload(caseId, material, await documentPage({ seed, dpi: 100 }))).body;
    const [a, b, c] = view.images.map((i: any) => i.id);
    const wrong = await officer.post(`/api/cases/${caseId}/page-order`, { materialCode: material, imageIds: [c, a] });
    assert.equal(wrong.body.error?.code, 'PAGE_ORDER_MISMATCH');
    const ordered = await officer.post(`/api/cases/${caseId}/page-order`, { materialCode: material, imageIds: [c, a, b] });
    assert.equal(ordered.status, 200, JSON.stringify(ordered.body));
    assert.deepEqual(
      ordered.body.images.map((i: any) => [i.id, i.pageNo]),
      [
        [c, 1],
        [a, 2],
        [b, 3],
      ],
    );
    const out = await auxiliary.post(`/api/cases/${caseId}/images/${a}/remove`, { reason: '拍错材料' });
    assert.equal(out.status, 200, JSON.stringify(out.body));
    assert.deepEqual(
      out.body.images.map((i: any) => [i.id, i.pageNo]),
      [
        [c, 1],
        [b, 2],
      ],
    );
    const kept = await env.ctx.db.kysely.selectFrom('case_images').selectAll().where('id', '=', a).executeTakeFirstOrThrow();
    assert.ok(kept.removed_at, 'the removed page is still there, marked');
    assert.equal((await officer.get(`/api/cases/${caseId}/images/${a}/content?kind=thumbnail`)).status, 200, 'and the trail can still show it');
  });

  it('allows 补录 only when it is due, only to officers, always with the reason, and visibly', async () => {
    const caseId = await newCase();
    const early = await officer.uploadTo(
      `/api/cases/${caseId}/images`,
      { materialCode: material, supplementReason: '补交' },
      await documentPage({ seed: 61, dpi: 100 }),
    );
    assert.equal(early.body.error?.code, 'SUPPLEMENT_NOT_NEEDED');

    env.clock.advanceHours(subtype.captureLimitHours + 1);
    // Sessions end with time as well: sign in again, as the officers would the next day.
    env.forgetSessions();
    officer = await as(env, 'gulou.officer');
    auxiliary = await as(env, 'gulou.aux');
    const late = await officer.upload(caseId, material, await documentPage({ seed: 62, dpi: 100 }));
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'SUPPLEMENT_REQUIRED');
    const byAuxiliary = await auxiliary.uploadTo(
      `/api/cases/${caseId}/images`,
      { materialCode: material, supplementReason: '补交' },
      await documentPage({ seed: 62, dpi: 100 }),
    );
    assert.equal(byAuxiliary.status, 403);
    const supplemented = await officer.uploadTo(
      `/api/cases/${caseId}/images`,
      { materialCode: material, supplementReason: '申请人次日补交原件' },
      await documentPage({ seed: 62, dpi: 100 }),
    );
    assert.equal(supplemented.status, 201, JSON.stringify(supplemented.body));
    const [page] = supplemented.body.images;
    assert.deepEqual([page.supplement, page.late], [{ reason: '申请人次日补交原件' }, true]);
    assert.equal(supplemented.body.capture.supplementPages, 1);
    const [event] = (await auditOf(caseId, 'case.supplement')).filter((e) => e.outcome === 'ok');
    assert.equal(event?.reason, '申请人次日补交原件');
  });

  it('after submission only adds pages as 补录: the case stays where it is, nothing is replaced', async () => {
    const submitted = await submittedCase(env, subtype, serial++);
    const page = submitted.images[0];
    const capture = await officer.upload(submitted.id, material, await documentPage({ seed: 71, dpi: 100 }));
    assert.equal(capture.body.error?.code, 'SUPPLEMENT_REQUIRED', 'capture after submission asks for 补录');
    const replace = await officer.uploadTo(
      `/api/cases/${submitted.id}/images`,
      { materialCode: page.materialCode, supplementReason: '换一张', replacesImageId: page.id },
      await documentPage({ seed: 72, dpi: 100 }),
    );
    assert.equal(replace.body.error?.code, 'PAGE_NOT_REPLACEABLE');
    const added = await officer.uploadTo(
      `/api/cases/${submitted.id}/images`,
      { materialCode: material, supplementReason: '补充户籍证明' },
      await documentPage({ seed: 73, dpi: 100 }),
    );
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.status, 'submitted');
    assert.equal(added.body.capture.supplementPages, 1);
    const leader = await as(env, 'gulou.leader');
    const seen = await leader.get(`/api/cases/${submitted.id}`);
    assert.deepEqual(
      seen.body.images.filter((i: any) => i.supplement).map((i: any) => i.supplement.reason),
      ['补充户籍证明'],
      'the decider sees the page as 补录',
    );
  });

  it("finds the same document image in another person's case, recompressed and rescaled, and shows both pages; not in the same person's", async () => {
    const original = await documentPage({ seed: 81 });
    const first = await newCase(300);
    const a = await officer.upload(first, material, original);
    assert.deepEqual(a.body.images[0].reuse, []);

    const copy = await sharp(original).resize({ width: 1200 }).jpeg({ quality: 55 }).toBuffer();
    const samePerson = await newCase(300);
    const mine = await officer.upload(samePerson, material, copy);
    assert.deepEqual(mine.body.images[0].reuse, [], 'the same applicant may bring the same document again');

    const other = await newCase(301);
    const b = await officer.upload(other, material, copy);
    const reuse = b.body.images[0].reuse;
    assert.deepEqual(reuse.map((r: any) => r.otherCaseId).sort(), [first, samePerson].sort(), 'found in both cases of the other applicant');
    assert.equal(b.body.capture.reusedPages, 1);
    const firstNow = await officer.get(`/api/cases/${first}`);
    assert.equal(firstNow.body.images[0].reuse[0]?.otherCaseId, other, 'the earlier case shows the finding too');

    const side = await officer.get(`/api/cases/${other}/images/${b.body.images[0].id}/reuse/${reuse[0].otherImageId}`);
    assert.equal(side.status, 200);
    assert.equal(side.raw.headers['content-type'], 'image/jpeg');
    const distinct = await newCase(302);
    const c = await officer.upload(distinct, material, await documentPage({ seed: 82 }));
    assert.deepEqual(c.body.images[0].reuse, [], 'another document of the same kind is not a reuse');
    const unrelated = await officer.get(`/api/cases/${other}/images/${b.body.images[0].id}/reuse/${c.body.images[0].id}`);
    assert.equal(unrelated.status, 404, 'only a page linked by a finding');
  });

  it('keeps the applicant’s portrait with the case: never in lists, each viewing in the trail', async () => {
    const caseId = await newCase();
    const before = await officer.get(`/api/cases/${caseId}/portrait`);
    assert.equal(before.body.error?.code, 'PORTRAIT_NOT_FOUND');
    const portrait = await sharp({ create: { width: 480, height: 640, channels: 3, background: { r: 180, g: 150, b: 130 } } })
      .jpeg()
      .toBuffer();
    const taken = await auxiliary.uploadTo(`/api/cases/${caseId}/portrait`, {}, portrait);
    assert.equal(taken.status, 201, JSON.stringify(taken.body));
    assert.ok(taken.body.portrait.capturedAt);
    assert.ok(!JSON.stringify(taken.body).includes(taken.body.images[0]?.sha256 ?? 'none'));

    const list = await officer.get(`/api/cases?limit=100`);
    assert.ok(!JSON.stringify(list.body).includes('portrait'), 'search results say nothing of portraits');
    const viewed = await officer.get(`/api/cases/${caseId}/portrait`);
    assert.equal(viewed.status, 200);
    assert.ok(viewed.raw.rawPayload.equals(portrait));
    assert.equal(viewed.raw.headers['cache-control'], 'private, no-store');
    const views = await auditOf(caseId, 'case.portrait_view');
    assert.deepEqual(
      views.map((v) => v.outcome),
      ['refused', 'ok'],
    );
    const outsider = await as(env, 'guanliu.officer');
    assert.equal((await outsider.get(`/api/cases/${caseId}/portrait`)).status, 404, 'another station does not see it');
  });

  it('still refuses a case’s pages to whoever may not capture them, before storing anything', async () => {
    const caseId = await newCase();
    await captureRequired(officer, caseId, subtype);
    const reviewer = await as(env, 'echeng.reviewer');
    const res = await reviewer.upload(caseId, material, await documentPage({ seed: 91, dpi: 100 }));
    assert.equal(res.status, 403);
  });
});
