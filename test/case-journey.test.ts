import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { as } from './support/api.ts';
import {
  acceptSample,
  approveThroughChain,
  captureRequired,
  DECIDER,
  firstMaterialCode,
  submittedCase,
  subtypeWithChain,
} from './support/journey.ts';
import { sampleImage } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

describe('a case from window to approval', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  it('takes 当年出生 from acceptance to completion at the station and records every act', async () => {
    const officer = await as(env, 'gulou.officer');
    const birth = env.ctx.catalogs.subtype(env.ctx.catalogs.current(env.ctx.now()).version, '0101').subtype;
    assert.equal(birth.name, '当年出生');
    const kase = await acceptSample(officer, birth);
    assert.equal(kase.status, 'accepted');
    assert.match(kase.caseNo, /^201-\d{6}-0001$/);
    assert.match(kase.applicant.idNumberMasked, /^420704\*{8}\d{3}[\dX]$/);

    const early = await officer.post(`/api/cases/${kase.id}/submit`);
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'CASE_ACT_NOT_ALLOWED');

    const incomplete = await officer.post(`/api/cases/${kase.id}/verify`);
    assert.equal(incomplete.status, 409);
    assert.equal(incomplete.body.error.code, 'CASE_MATERIALS_INCOMPLETE');
    assert.ok(incomplete.body.error.details.missing.length >= 1);

    const auxiliary = await as(env, 'gulou.aux');
    const captured = await captureRequired(auxiliary, kase.id, birth);
    assert.ok(captured.materials.filter((m: any) => m.required).every((m: any) => m.complete));

    assert.equal((await officer.post(`/api/cases/${kase.id}/verify`)).body.status, 'verified');
    const submitted = await officer.post(`/api/cases/${kase.id}/submit`);
    assert.equal(submitted.body.status, 'submitted');
    assert.equal(submitted.body.pendingLevel, birth.approvalChain[0]);
    assert.ok(submitted.body.approvalDeadline > submitted.body.submittedAt);

    const approved = await approveThroughChain(env, kase.id, birth);
    assert.equal(approved.status, 'approved');
    const completed = await officer.post(`/api/cases/${kase.id}/complete`);
    assert.equal(completed.body.status, 'completed');

    const timeline = await officer.get(`/api/cases/${kase.id}/timeline`);
    assert.equal(timeline.status, 200);
    const acts = timeline.body.events.filter((e: any) => e.outcome === 'ok').map((e: any) => e.action);
    const expected = [
      'case.accept',
      'case.verify',
      'case.submit',
      ...birth.approvalChain.map((_, i) => (i === birth.approvalChain.length - 1 ? 'case.approve' : 'case.review')),
      'case.complete',
    ];
    assert.deepEqual(
      acts.filter((a: string) => expected.includes(a)),
      expected,
    );
    assert.ok(acts.includes('case.capture'));
    const refusals = timeline.body.events.filter((e: any) => e.outcome !== 'ok').map((e: any) => e.reason);
    assert.deepEqual(refusals, ['CASE_ACT_NOT_ALLOWED', 'CASE_MATERIALS_INCOMPLETE']);
    assert.ok(timeline.body.events.every((e: any) => e.actorName));
  });

  it('passes a city-level sub-type through branch review and city approval, with a return on the way', async () => {
    const subtype = subtypeWithChain(env, 'branch,city');
    const kase = await submittedCase(env, subtype, 2);
    const reviewer = await as(env, DECIDER.branch);
    const approver = await as(env, DECIDER.city);

    const tooEarly = await approver.post(`/api/cases/${kase.id}/approve`);
    assert.equal(tooEarly.status, 409, 'the city cannot approve before the branch reviewed');

    const returned = await reviewer.post(`/api/cases/${kase.id}/return`, { reason: '户口簿本人页不清晰' });
    assert.equal(returned.body.status, 'returned');

    const officer = await as(env, 'gulou.officer');
    const page = await officer.upload(kase.id, firstMaterialCode(subtype), await sampleImage(9001));
    assert.equal(page.status, 201);
    assert.equal((await officer.post(`/api/cases/${kase.id}/submit`)).status, 409, 'a returned case is verified again first');
    assert.equal((await officer.post(`/api/cases/${kase.id}/verify`)).status, 200);
    assert.equal((await officer.post(`/api/cases/${kase.id}/submit`)).body.pendingLevel, 'branch');

    const reviewed = await reviewer.post(`/api/cases/${kase.id}/review`, { comment: '材料齐全' });
    assert.equal(reviewed.body.pendingLevel, 'city');
    const approved = await approver.post(`/api/cases/${kase.id}/approve`, { comment: '同意' });
    assert.equal(approved.body.status, 'approved');
    assert.ok(approved.body.decidedAt);

    const actions = await env.ctx.db.kysely.selectFrom('case_actions').select('action').where('case_id', '=', kase.id).orderBy('seq').execute();
    assert.deepEqual(
      actions.map((a) => a.action).filter((a) => a !== 'capture'),
      ['accept', 'verify', 'submit', 'return', 'verify', 'submit', 'review', 'approve'],
    );
  });

  it('withdraws a case before submission and refuses further acts', async () => {
    const officer = await as(env, 'gulou.officer');
    const kase = await acceptSample(officer, subtypeWithChain(env, 'station'), 3);
    const withdrawn = await officer.post(`/api/cases/${kase.id}/withdraw`, { reason: '申请人放弃办理' });
    assert.equal(withdrawn.body.status, 'withdrawn');
    assert.equal((await officer.post(`/api/cases/${kase.id}/verify`)).status, 409);
    const missingReason = await officer.post(`/api/cases/${kase.id}/withdraw`, {});
    assert.equal(missingReason.status, 400);
    assert.equal(missingReason.body.error.code, 'VALIDATION_FAILED');
  });

  it('takes pages after the capture limit only as 补录, flagged late', async () => {
    const officer = await as(env, 'gulou.officer');
    const subtype = subtypeWithChain(env, 'station');
    const kase = await acceptSample(officer, subtype, 4);
    env.clock.advanceHours(subtype.captureLimitHours + 1);
    env.forgetSessions();
    const late = await as(env, 'gulou.officer');
    const refused = await late.upload(kase.id, firstMaterialCode(subtype), await sampleImage(4242));
    assert.equal(refused.body.error?.code, 'SUPPLEMENT_REQUIRED', 'after the limit a page comes only as 补录');
    const page = await late.uploadTo(
      `/api/cases/${kase.id}/images`,
      { materialCode: firstMaterialCode(subtype), supplementReason: '申请人次日补交' },
      await sampleImage(4242),
    );
    assert.equal(page.status, 201);
    assert.equal(page.body.images[0].late, true);
    assert.deepEqual(page.body.images[0].supplement, { reason: '申请人次日补交' });
  });
});
