import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoCitizenId } from '../server/modules/population/demo-people.ts';
import { as, type Call } from './support/api.ts';
import { captureRequired } from './support/journey.ts';
import { sampleFields } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/**
 * Citizen ID numbers leave the server only through the audited reveal. Four different people's
 * numbers go into one 当年出生 case (the applicant, father, mother, householder), the case goes
 * through its whole life, and every answer and every trail row is searched for any of them.
 */
describe('citizen ID numbers are masked everywhere but the audited reveal', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  const people = {
    applicant: demoCitizenId('420704', '1985-06-01', 11, 'male'),
    fatherIdNumber: demoCitizenId('420704', '1984-01-02', 12, 'male'),
    motherIdNumber: demoCitizenId('420703', '1986-03-04', 13, 'female'),
    householderIdNumber: demoCitizenId('420702', '1960-07-08', 14, 'male'),
  };
  const numbers = Object.values(people);
  const answers: Call[] = [];
  let caseId = '';

  const keep = (call: Call) => {
    answers.push(call);
    assert.ok(call.status < 300, `${call.status} ${JSON.stringify(call.body)}`);
    return call;
  };

  it('lives a whole case: accept, capture, verify, submit, approve, complete, look it up, read its trail', async () => {
    const officer = await as(env, 'gulou.officer');
    const leader = await as(env, 'gulou.leader');
    const auditor = await as(env, 'auditadmin');
    const birth = env.ctx.catalogs.subtype(env.ctx.catalogs.current(env.ctx.now()).version, '0101').subtype;
    const { fatherIdNumber, motherIdNumber, householderIdNumber } = people;
    const fields = { ...sampleFields(birth), fatherIdNumber, motherIdNumber, householderIdNumber };
    const accepted = keep(
      await officer.post('/api/cases', { subtypeCode: '0101', applicant: { name: '王小明', idNumber: people.applicant }, fields }),
    );
    caseId = accepted.body.id;
    assert.match(accepted.body.fields.fatherIdNumber, /^420704\*{8}/);
    answers.push({ status: 201, body: await captureRequired(officer, caseId, birth), raw: accepted.raw });
    keep(await officer.post(`/api/cases/${caseId}/verify`));
    keep(await officer.post(`/api/cases/${caseId}/submit`));
    keep(await leader.post(`/api/cases/${caseId}/approve`, { comment: '同意' }));
    keep(await officer.post(`/api/cases/${caseId}/complete`));
    keep(await officer.get(`/api/cases/${caseId}`));
    keep(await officer.get(`/api/cases/${caseId}/timeline`));
    for (const number of numbers) keep(await officer.get(`/api/cases?idNumber=${number}`));
    keep(await auditor.get('/api/audit/events?limit=500'));
  });

  it('never shows a full number in any answer', () => {
    assert.ok(answers.length >= 12);
    for (const answer of answers) {
      const text = JSON.stringify(answer.body);
      for (const number of numbers) assert.ok(!text.includes(number), `an answer shows ${number}: ${text.slice(0, 300)}`);
    }
  });

  it('never writes a full number into the action log or the trail', async () => {
    const actions = await env.ctx.db.kysely.selectFrom('case_actions').select(['detail', 'comment']).execute();
    const events = await env.ctx.db.kysely.selectFrom('audit_events').select(['detail', 'reason', 'object_id']).execute();
    assert.ok(actions.length >= 6 && events.length >= 12);
    for (const row of [...actions, ...events]) {
      const text = JSON.stringify(row);
      for (const number of numbers) assert.ok(!text.includes(number), `a log row holds ${number}: ${text.slice(0, 300)}`);
    }
  });

  it('reveals exactly the number asked for, and records which one and why', async () => {
    const leader = await as(env, 'gulou.leader');
    for (const [field, number] of Object.entries(people)) {
      const revealed = await leader.post(`/api/cases/${caseId}/reveal-id`, { field, reason: `核对${field}` });
      assert.equal(revealed.status, 200, JSON.stringify(revealed.body));
      assert.deepEqual(revealed.body, { field, idNumber: number });
    }
    const reveals = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['detail', 'reason'])
      .where('action', '=', 'case.reveal_id')
      .where('outcome', '=', 'ok')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      reveals.map((r) => [JSON.parse(r.detail).field, r.reason]),
      Object.keys(people).map((field) => [field, `核对${field}`]),
    );
    const unknown = await leader.post(`/api/cases/${caseId}/reveal-id`, { field: 'childName', reason: '核对' });
    assert.equal(unknown.status, 404);
  });
});
