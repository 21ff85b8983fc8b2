import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { sha256Hex } from '../server/blobs/digests.ts';
import type { FsBlobStore } from '../server/blobs/fs-store.ts';
import { as, type Client, multipart } from './support/api.ts';
import { acceptSample, firstMaterialCode, subtypeWithChain } from './support/journey.ts';
import { sampleImage } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/** A page with real entropy-coded data (noise), so cutting it leaves the header intact. */
function noisyPage(format: 'jpeg' | 'png', width: number, height: number): Promise<Buffer> {
  const image = sharp({
    create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 200, sigma: 25 } },
  });
  return (format === 'jpeg' ? image.jpeg({ quality: 90 }) : image.png()).toBuffer();
}

/** Where a JPEG's entropy-coded data begins: just after the start-of-scan header. */
function startOfScanData(jpeg: Buffer): number {
  for (let at = 2; at < jpeg.length;) {
    assert.equal(jpeg[at], 0xff, 'a marker');
    const length = jpeg.readUInt16BE(at + 2);
    if (jpeg[at + 1] === 0xda) return at + 2 + length;
    at += 2 + length;
  }
  throw new Error('no start of scan');
}

function pngChunk(png: Buffer, type: string): { at: number; length: number } {
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === type) return { at, length };
    at += 12 + length;
  }
  throw new Error(`no ${type} chunk`);
}

describe('uploaded pages are untrusted', () => {
  let env: TestEnv;
  let officer: Client;
  let caseId: string;
  let material: string;
  before(async () => {
    env = await createTestEnv();
    officer = await as(env, 'gulou.officer');
    const subtype = subtypeWithChain(env, 'station');
    material = firstMaterialCode(subtype);
    caseId = (await acceptSample(officer, subtype)).id;
  });
  after(async () => {
    await env.close();
  });

  const pageCount = async () => {
    const res = await officer.get(`/api/cases/${caseId}`);
    assert.equal(res.status, 200);
    return res.body.images.length as number;
  };
  const blobRows = (bytes: Buffer) => env.ctx.db.kysely.selectFrom('blobs').select('sha256').where('sha256', '=', sha256Hex(bytes)).execute();

  it('judges the type by content: a PNG sent as JPEG is stored as PNG, HTML and SVG named .jpg are refused', async () => {
    const png = await officer.upload(caseId, material, await sampleImage(1, 'png'), undefined, 'image/jpeg');
    assert.equal(png.status, 201);
    const blob = await env.ctx.db.kysely
      .selectFrom('blobs')
      .select('media_type')
      .where('sha256', '=', png.body.images[0].sha256)
      .executeTakeFirstOrThrow();
    assert.equal(blob.media_type, 'image/png');
    const before = await pageCount();
    for (const evil of ['<html><script>alert(1)</script></html>', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>']) {
      const res = await officer.upload(caseId, material, Buffer.from(evil), undefined, 'image/jpeg');
      assert.equal(res.status, 415);
      assert.equal(res.body.error.code, 'UPLOAD_TYPE_REJECTED');
      assert.equal(res.body.error.message, '文件类型不支持：材料请上传 JPEG、PNG、TIFF 或 PDF，现场照片请上传 JPEG 或 PNG');
      // Refused by its first bytes, before the blob writer sees it.
      assert.equal(fs.existsSync((env.ctx.blobs as FsBlobStore).pathOf(sha256Hex(Buffer.from(evil)))), false);
    }
    assert.equal(await pageCount(), before, 'refused uploads add no page');
  });

  it('refuses a page that does not fully decode, with a message telling the operator to capture it again', async () => {
    const jpeg = await noisyPage('jpeg', 640, 480);
    const png = await noisyPage('png', 320, 240);
    const scan = startOfScanData(jpeg);
    const idat = pngChunk(png, 'IDAT');
    const badCrc = Buffer.from(png);
    const flipLowBit = (bytes: Buffer, at: number) => bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    flipLowBit(badCrc, idat.at + 8 + (idat.length >> 1));
    const badStoredCrc = Buffer.from(png);
    flipLowBit(badStoredCrc, idat.at + 8 + idat.length);
    const damaged: Record<string, Buffer> = {
      'JPEG cut to a third': jpeg.subarray(0, Math.floor(jpeg.length / 3)),
      // Decoded at 1/8 scale, yet every entropy-coded byte is read: losing the last 1% is caught.
      'JPEG missing its last 1%': jpeg.subarray(0, Math.floor(jpeg.length * 0.99)),
      'JPEG missing only its end marker': jpeg.subarray(0, jpeg.length - 2),
      'JPEG with garbage after a valid header': Buffer.concat([jpeg.subarray(0, scan), randomBytes(jpeg.length - scan)]),
      'JPEG header alone': jpeg.subarray(0, scan),
      'JPEG of 20 bytes': jpeg.subarray(0, 20),
      'PNG with a flipped byte in its image data (CRC mismatch)': badCrc,
      'PNG with a wrong stored CRC': badStoredCrc,
      'PNG cut inside its image data': png.subarray(0, idat.at + 8 + (idat.length >> 1)),
      'PNG with garbage after its header': Buffer.concat([png.subarray(0, idat.at), randomBytes(png.length - idat.at)]),
    };
    const before = await pageCount();
    for (const [name, bytes] of Object.entries(damaged)) {
      const res = await officer.upload(caseId, material, bytes);
      assert.equal(res.status, 422, `${name}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'UPLOAD_UNDECODABLE', name);
      assert.equal(res.body.error.message, '图像文件损坏或不完整，请重新拍摄', name);
      assert.deepEqual(await blobRows(bytes), [], `${name}: never recorded as a blob`);
    }
    assert.equal(await pageCount(), before, 'refused pages add no page');

    // The intact originals, and one with bytes after its end marker (some cameras append data), are accepted.
    for (const bytes of [jpeg, png, Buffer.concat([jpeg, randomBytes(512)])]) {
      const res = await officer.upload(caseId, material, bytes);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.images.at(-1).sha256, sha256Hex(bytes));
    }
    assert.equal(await pageCount(), before + 3);
  });

  it('bounds the size and the pixel count', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(env.config.maxUploadBytes)]);
    const tooBig = await officer.upload(caseId, material, big);
    assert.equal(tooBig.status, 413);
    assert.equal(tooBig.body.error.code, 'UPLOAD_TOO_LARGE');
    // A small, highly compressed PNG of 64 megapixels: refused from its header, never decoded.
    const bomb = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .png({ compressionLevel: 9 })
      .toBuffer();
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
    const body = multipart({ materialCode: material });
    const noFile = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/images`,
      payload: body.payload,
      headers: { authorization: `Bearer ${officer.token}`, 'content-type': body.contentType, 'idempotency-key': randomUUID() },
    });
    assert.equal(noFile.statusCode, 400);
    assert.equal(noFile.json().error.code, 'UPLOAD_MISSING_FILE');
  });

  it('serves a page with its stored type, nosniff and a sandboxing CSP, checked against its hash', async () => {
    const page = await officer.upload(caseId, material, await sampleImage(4));
    assert.equal(page.status, 201);
    const image = page.body.images.at(-1);
    const res = await officer.get(`/api/cases/${caseId}/images/${image.id}/content`);
    assert.equal(res.status, 200);
    assert.equal(res.raw.headers['content-type'], 'image/jpeg');
    assert.equal(res.raw.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.raw.headers['content-security-policy']), /sandbox/);
    assert.equal(createHash('sha256').update(res.raw.rawPayload).digest('hex'), image.sha256);
    const opened = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'case.materials_open')
      .where('case_id', '=', caseId)
      .execute();
    assert.equal(opened.length, 1);
    const [open] = opened;
    assert.ok(open);
    assert.equal(JSON.parse(open.detail).imageId, image.id);
  });

  it('stores identical bytes once, content-addressed, as two pages', async () => {
    const bytes = await sampleImage(5);
    const first = await officer.upload(caseId, material, bytes);
    const second = await officer.upload(caseId, material, bytes);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(second.status, 201, JSON.stringify(second.body));
    const [a, b] = second.body.images.slice(-2);
    assert.notEqual(a.id, b.id);
    assert.equal(a.sha256, sha256Hex(bytes));
    assert.equal(b.sha256, sha256Hex(bytes));
    const rows = await env.ctx.db.kysely.selectFrom('blobs').selectAll().where('sha256', '=', sha256Hex(bytes)).execute();
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.ok(row);
    assert.equal(row.size, bytes.length);
    assert.equal((await env.ctx.blobs.get(row.sha256)).equals(bytes), true);
  });
});
