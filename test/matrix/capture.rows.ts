import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { as } from '../support/api.ts';
import { acceptSample, firstMaterialCode, subtypeWithChain } from '../support/journey.ts';
import { type MatrixRow, READ_CASE, row } from '../support/matrix.ts';
import { sampleImage } from '../support/sample-case.ts';
import { documentPage } from '../support/document-images.ts';
import type { TestEnv } from '../support/test-context.ts';

//                               off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
const CAPTURE_LIKE = (ok: number) => row(ok, ok, ok, 404, 404, 403, 404, 403, 403, 403, 404, 404, 404, 401);
const OFFICERS_ONLY = row(200, 403, 200, 404, 404, 403, 404, 403, 403, 403, 404, 404, 404, 401);

let serial = 900;

/** A case at 古楼 with one captured page (a tiny page: it carries quality warnings). */
async function caseWithPage(env: TestEnv, bytes?: Buffer, applicant = serial++) {
  const officer = await as(env, 'gulou.officer');
  const subtype = subtypeWithChain(env, 'station');
  const kase = await acceptSample(officer, subtype, applicant);
  const page = await officer.upload(kase.id, firstMaterialCode(subtype), bytes ?? (await sampleImage(serial)));
  return { caseId: kase.id as string, imageId: page.body.images[0].id as string, materialCode: firstMaterialCode(subtype) };
}

/** Routes of the capture pipeline (server/modules/capture/). */
export const CAPTURE_ROWS: Record<string, MatrixRow> = {
  'POST /api/cases/:id/page-order': {
    expect: CAPTURE_LIKE(200),
    setup: async (env) => {
      const { caseId, imageId, materialCode } = await caseWithPage(env);
      return { url: `/api/cases/${caseId}/page-order`, body: { materialCode, imageIds: [imageId] } };
    },
  },
  'POST /api/cases/:id/images/:imageId/remove': {
    expect: CAPTURE_LIKE(200),
    setup: async (env) => {
      const { caseId, imageId } = await caseWithPage(env);
      return { url: `/api/cases/${caseId}/images/${imageId}/remove`, body: { reason: '拍错材料' } };
    },
  },
  'POST /api/cases/:id/images/:imageId/quality-override': {
    // Keeping a poor page is an officer's judgement: not the auxiliary's.
    expect: OFFICERS_ONLY,
    setup: async (env) => {
      const { caseId, imageId } = await caseWithPage(env);
      return { url: `/api/cases/${caseId}/images/${imageId}/quality-override`, body: { reason: '原件如此' } };
    },
  },
  'GET /api/cases/:id/images/:imageId/reuse/:otherImageId': {
    expect: READ_CASE,
    setup: async (env) => {
      const document = await documentPage({ seed: 4242 });
      const first = await caseWithPage(env, document);
      const second = await caseWithPage(env, document);
      return { url: `/api/cases/${second.caseId}/images/${second.imageId}/reuse/${first.imageId}` };
    },
  },
  'POST /api/cases/:id/portrait': {
    expect: CAPTURE_LIKE(201),
    setup: async (env) => ({ url: `/api/cases/${(await caseWithPage(env)).caseId}/portrait`, upload: true, uploadFields: {} }),
  },
  'GET /api/cases/:id/portrait': {
    expect: READ_CASE,
    setup: async (env) => {
      const { caseId } = await caseWithPage(env);
      const portrait = await sharp({ create: { width: 300, height: 400, channels: 3, background: { r: 170, g: 140, b: 120 } } })
        .jpeg()
        .toBuffer();
      const res = await (await as(env, 'gulou.officer')).uploadTo(`/api/cases/${caseId}/portrait`, {}, portrait, randomUUID());
      if (res.status !== 201) throw new Error(`portrait: ${JSON.stringify(res.body)}`);
      return { url: `/api/cases/${caseId}/portrait` };
    },
  },
};
