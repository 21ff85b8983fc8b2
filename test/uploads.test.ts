import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { sha256Hex } from '../server/blobs/digests.ts';
import type { FsBlobStore } from '../server/blobs/fs-store.ts';
import { as, type Client } from './support/api.ts';
import { acceptSample, subtypeWithChain } from './support/journey.ts';
import { sampleImage } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

describe('uploaded pages are untrusted', () => {
  let env: TestEnv;
  let officer: Client;
  let caseId: string;
  let material: string;
  before(async () => {
    env = await createTestEnv();
    officer = await as(env, 'gulou.officer');
    const subtype = subtypeWithChain(env, 'station');
    material = subtype.materials[0].code;
    caseId = (await acceptSample(officer, subtype)).id;
  });
  after(async () => { await env.close(); });

  const pageCount = async () => (await officer.get(`/api/cases/${caseId}`)).body.images.length;

  it('judges the type by content: a PNG sent as JPEG is stored as PNG, HTML and SVG named .jpg are refused', async () => {
    const png = await officer.upload(caseId, material, await sampleImage(1, 'png'), undefined, 'image/jpeg');
    assert.equal(png.status, 201);
    const blob = await env.ctx.db.kysely.selectFrom('blobs').select('media_type').where('sha256', '=', png.body.images[0].sha256).executeTakeFirstOrThrow();
    assert.equal(blob.media_type, 'image/png');
    const before = await pageCount();
    for (const evil of ['<html><script>alert(1)</script></html>', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>']) {
      const res = await officer.upload(caseId, material, Buffer.from(evil), undefined, 'image/jpeg');
      assert.equal(res.status, 415);
      assert.equal(res.body.error.code, 'UPLOAD_TYPE_REJECTED');
      assert.equal(res.body.error.message, '只接受 JPEG 或 PNG 图像');
      // Refused by its first bytes, before the blob writer sees it.
      assert.equal(fs.existsSync((env.ctx.blobs as FsBlobStore).pathOf(sha256Hex(Buffer.from(evil)))), false);
    }
    const truncated = (await sampleImage(2)).subarray(0, 20);
    assert.equal((await officer.upload(caseId, material, truncated)).status, 415);
    assert.equal(await pageCount(), before, 'refused uploads add no page');
    const recorded = await env.ctx.db.kysely.selectFrom('blobs').select('sha256').where('sha256', '=', sha256Hex(truncated)).execute();
    assert.deepEqual(recorded, [], 'a page the decoder refuses is never recorded as a blob');
  });

  it('bounds the size and the pixel count', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(env.config.maxUploadBytes)]);
    const tooBig = await officer.upload(caseId, material, big);
    assert.equal(tooBig.status, 413);
    assert.equal(tooBig.body.error.code, 'UPLOAD_TOO_LARGE');
    // A small, highly compressed PNG of 64 megapixels: refused from its header, never decoded.
    const bomb = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png({ compressionLevel: 9 }).toBuffer();
    assert.ok(bomb.length < env.config.maxUploadBytes);
    assert.ok(8000 * 8000 > env.config.maxImagePixels);
    const tooManyPixels = await officer.upload(caseId, material, bomb);
    assert.equal(tooManyPixels.status, 413);
    assert.equal(tooManyPixels.body.error.code, 'UPLOAD_PIXELS_EXCEEDED');
  });

  it('refuses a material the sub-type does not list, and a request without a file', async () => {
    const unknown = await officer.upload(caseId, 'no-such-material', await sampleImage(3));
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'MATERIAL_UNKNOWN');
  });

  it('serves a page with its stored type, nosniff and a sandboxing CSP, checked against its hash', async () => {
    const page = await officer.upload(caseId, material, await sampleImage(4));
    const image = page.body.images.at(-1);
    const res = await officer.get(`/api/cases/${caseId}/images/${image.id}/content`);
    assert.equal(res.status, 200);
    assert.equal(res.raw.headers['content-type'], 'image/jpeg');
    assert.equal(res.raw.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.raw.headers['content-security-policy']), /sandbox/);
    const { createHash } = await import('node:crypto');
    assert.equal(createHash('sha256').update(res.raw.rawPayload).digest('hex'), image.sha256);
    const opened = await env.ctx.db.kysely.selectFrom('audit_events').select('detail').where('action', '=', 'case.materials_open').where('case_id', '=', caseId).execute();
    assert.equal(opened.length, 1);
    assert.equal(JSON.parse(opened[0].detail).imageId, image.id);
  });

  it('stores identical bytes once, content-addressed', async () => {
    const bytes = await sampleImage(5);
    await officer.upload(caseId, material, bytes);
    await officer.upload(caseId, material, bytes);
    const { sha256Hex } = await import('../server/blobs/digests.ts');
    const rows = await env.ctx.db.kysely.selectFrom('blobs').selectAll().where('sha256', '=', sha256Hex(bytes)).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].size, bytes.length);
    assert.equal((await env.ctx.blobs.get(rows[0].sha256)).equals(bytes), true);
  });
});
