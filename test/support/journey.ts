import assert from 'node:assert/strict';
import type { Catalog, CatalogSubtype } from '../../server/modules/catalog/catalog.schema.ts';
import { type Call, type Client, as } from './api.ts';
import { sampleApplicant, sampleFields, sampleImage } from './sample-case.ts';
import type { TestEnv } from './test-context.ts';

export const DECIDER = { station: 'gulou.leader', branch: 'echeng.reviewer', city: 'city.approver' } as const;

export function allSubtypes(env: TestEnv): CatalogSubtype[] {
  return env.ctx.catalogs.current(env.ctx.now()).categories.flatMap((c) => c.subtypes);
}

export function subtypeWithChain(env: TestEnv, chain: string): CatalogSubtype {
  const found = allSubtypes(env).find((s) => s.approvalChain.join(',') === chain);
  assert.ok(found, `the catalog has a sub-type with chain ${chain}`);
  return found;
}

/** The first sub-type of a catalog version (0101 当年出生 in the shipped ones). */
export function firstSubtype(catalog: Catalog): CatalogSubtype {
  const subtype = catalog.categories[0]?.subtypes[0];
  assert.ok(subtype, `catalog ${catalog.version} lists a sub-type`);
  return subtype;
}

/** The code of a sub-type's first material; the catalog schema demands at least one. */
export function firstMaterialCode(subtype: CatalogSubtype): string {
  const [material] = subtype.materials;
  assert.ok(material, `sub-type ${subtype.code} lists a material`);
  return material.code;
}

let imageSeed = 1;

export async function acceptSample(officer: Client, subtype: CatalogSubtype, serial = 1) {
  const res = await officer.post('/api/cases', {
    subtypeCode: subtype.code,
    applicant: sampleApplicant(serial),
    fields: sampleFields(subtype, serial),
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

export async function captureRequired(capturer: Client, caseId: string, subtype: CatalogSubtype) {
  let last;
  for (const material of subtype.materials.filter((m) => m.required)) {
    for (let page = 0; page < material.minPages; page++) {
      last = await capturer.upload(caseId, material.code, await sampleImage(imageSeed++));
      assert.equal(last.status, 201, JSON.stringify(last.body));
    }
  }
  return last?.body;
}

/** Accepts, captures, verifies and submits a case at 古楼 station; returns the submitted case. */
export async function submittedCase(env: TestEnv, subtype: CatalogSubtype, serial = 1) {
  const officer = await as(env, 'gulou.officer');
  const kase = await acceptSample(officer, subtype, serial);
  await captureRequired(officer, kase.id, subtype);
  assert.equal((await officer.post(`/api/cases/${kase.id}/verify`)).status, 200);
  const submitted = await officer.post(`/api/cases/${kase.id}/submit`);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return submitted.body;
}

/** Walks a submitted case through every level of its chain. */
export async function approveThroughChain(env: TestEnv, caseId: string, subtype: CatalogSubtype) {
  let last: Call | undefined;
  for (const [index, level] of subtype.approvalChain.entries()) {
    const decider = await as(env, DECIDER[level]);
    const act = index === subtype.approvalChain.length - 1 ? 'approve' : 'review';
    last = await decider.post(`/api/cases/${caseId}/${act}`, { comment: `${level} ok` });
    assert.equal(last.status, 200, `${level} ${act}: ${JSON.stringify(last.body)}`);
  }
  assert.ok(last, 'the chain has a level');
  return last.body;
}

/** Acts done with the server's clock this many hours back: their deadlines fall in the past of real time. */
export async function inThePast<T>(env: TestEnv, hours: number, work: () => Promise<T>): Promise<T> {
  env.clock.advanceHours(-hours);
  env.forgetSessions();
  try {
    return await work();
  } finally {
    env.clock.advanceHours(hours);
    env.forgetSessions();
  }
}
