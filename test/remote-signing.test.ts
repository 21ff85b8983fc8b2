import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { remoteSigningProvider } from '../server/modules/seals/remote-signing-provider.ts';
import {
  type RunningSealService,
  type SealServiceOptions,
  startReferenceSealService,
} from '../server/modules/seals/seal-service/reference-seal-service.ts';
import { builtInSigningProvider } from '../server/modules/seals/signing-provider.ts';
import { as } from './support/api.ts';
import { DECIDER, submittedCase, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

const TOKEN = 'test-seal-service-token';

describe('decisions signed by the province’s seal system (remote provider)', () => {
  let env: TestEnv;
  let service: RunningSealService | null = null;
  let serial = 1;

  before(async () => {
    env = await createTestEnv();
  });
  afterEach(async () => {
    await service?.close();
    service = null;
    env.ctx.signing = builtInSigningProvider;
  });
  after(async () => {
    await env.close();
  });

  /** Starts the reference service and points the archive at it. */
  async function useService(options: Partial<SealServiceOptions>, client: { timeoutMs?: number; retries?: number; token?: string } = {}) {
    service = await startReferenceSealService(env.ctx, { port: 0, token: TOKEN, behaviour: 'sign', ...options });
    env.ctx.signing = remoteSigningProvider({
      url: service.url,
      token: client.token ?? TOKEN,
      timeoutMs: client.timeoutMs ?? 5000,
      retries: client.retries ?? 2,
      backoffMs: 1,
    });
    return service;
  }

  /** A case at the city's desk: submitted and reviewed with the keys held here. */
  async function caseAwaitingApproval() {
    const subtype = subtypeWithChain(env, 'branch,city');
    const kase = await submittedCase(env, subtype, serial++);
    assert.equal((await (await as(env, DECIDER.branch)).post(`/api/cases/${kase.id}/review`, { comment: '同意' })).status, 200);
    return kase;
  }

  const signaturesOf = async (caseId: string) => (await (await as(env, DECIDER.city)).get(`/api/cases/${caseId}/signatures`)).body;

  it('signs a decision through the service, checks the answer and stores it with the act', async () => {
    const kase = await caseAwaitingApproval();
    const running = await useService({});
    const approver = await as(env, DECIDER.city);
    const approved = await approver.post(`/api/cases/${kase.id}/approve`, { comment: '准予' }, 'approve-once');
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(running.received, 3, 'the decision, the notice PDF and the notice OFD');
    assert.deepEqual(
      running.signedFor.map((info) => info.replace(/=[^;]*/g, '=…')),
      ['case=…;seq=…;act=…', 'notice=…;code=…', '/Doc_0/Signs/Sign_0/Signature.xml'],
    );
    const retried = await approver.post(`/api/cases/${kase.id}/approve`, { comment: '准予' }, 'approve-once');
    assert.deepEqual([retried.status, retried.body.status], [200, 'approved']);
    assert.equal(running.received, 3, 'a retried decision gets its first answer, the seal system is not asked again');
    const { signatures, signingFailure } = await signaturesOf(kase.id);
    assert.equal(signingFailure, null);
    const approval = signatures.find((s: { act: string }) => s.act === 'approve');
    assert.equal(approval.provider, 'remote');
    assert.equal(approval.verification.valid, true, JSON.stringify(approval.verification));
    const notice = (await approver.get(`/api/cases/${kase.id}/notice/info`)).body;
    assert.equal(notice.ses.valid, true, JSON.stringify(notice.ses));
    assert.equal(notice.ofd.valid, true, JSON.stringify(notice.ofd));
  });

  it('keeps nothing when the service seals the decision and the PDF but fails on the OFD', async () => {
    const kase = await caseAwaitingApproval();
    const partial = await useService({ failFor: /Signature\.xml$/ }, { retries: 1 });
    const approver = await as(env, DECIDER.city);
    const refused = await approver.post(`/api/cases/${kase.id}/approve`, { comment: '准予' });
    assert.deepEqual([refused.status, refused.body.error.code, refused.body.error.details.reason], [502, 'SIGNING_FAILED', 'service_error']);
    assert.equal(partial.signedFor.length, 2, 'the decision and the PDF were signed before the OFD failed');
    assert.equal((await approver.get(`/api/cases/${kase.id}`)).body.status, 'submitted', 'nothing was decided');
    assert.equal((await approver.get(`/api/cases/${kase.id}/notice/info`)).status, 404, 'no notice without its approval');
    assert.equal((await signaturesOf(kase.id)).signatures.length, 2, 'no half-made signature');
  });

  it('fails as 签章失败 after its retries when the service errs, writes nothing, and goes through once the service is back', async () => {
    const kase = await caseAwaitingApproval();
    const failing = await useService({ behaviour: 'fail' });
    const approver = await as(env, DECIDER.city);
    const refused = await approver.post(`/api/cases/${kase.id}/approve`, { comment: '准予' });
    assert.equal(refused.status, 502);
    assert.equal(refused.body.error.code, 'SIGNING_FAILED');
    assert.deepEqual([refused.body.error.details.reason, refused.body.error.details.attempts], ['service_error', 3]);
    assert.equal(failing.received, 3, 'the first attempt and two retries');
    assert.equal((await approver.get(`/api/cases/${kase.id}`)).body.status, 'submitted', 'nothing was decided');
    let read = await signaturesOf(kase.id);
    assert.equal(read.signatures.length, 2, 'no half-made signature');
    assert.deepEqual([read.signingFailure.act, read.signingFailure.reason, read.signingFailure.attempts], ['approve', 'service_error', 3]);

    await failing.close();
    await useService({});
    assert.equal((await approver.post(`/api/cases/${kase.id}/approve`, { comment: '准予' })).status, 200);
    read = await signaturesOf(kase.id);
    assert.equal(read.signingFailure, null);
    assert.equal(read.signatures.length, 3);
  });

  it('gives up on a service that stalls after the timeout of each attempt', async () => {
    const kase = await caseAwaitingApproval();
    const stalling = await useService({ behaviour: 'stall' }, { timeoutMs: 200, retries: 1 });
    const refused = await (await as(env, DECIDER.city)).post(`/api/cases/${kase.id}/approve`);
    assert.equal(refused.body.error.code, 'SIGNING_FAILED');
    assert.deepEqual([refused.body.error.details.reason, refused.body.error.details.attempts], ['timeout', 2]);
    assert.equal(stalling.received, 2);
  });

  it('retries a service that fails now and then, and is refused at once when the service refuses', async () => {
    const kase = await caseAwaitingApproval();
    const flaky = await useService({ failFirst: 2 });
    assert.equal((await (await as(env, DECIDER.city)).post(`/api/cases/${kase.id}/approve`)).status, 200);
    assert.equal(flaky.received, 5, 'three tries for the decision, then the notice PDF and OFD');
    await flaky.close();
    env.ctx.signing = builtInSigningProvider;

    const other = await caseAwaitingApproval();
    const strict = await useService({}, { token: 'wrong-token' });
    const refused = await (await as(env, DECIDER.city)).post(`/api/cases/${other.id}/approve`);
    assert.deepEqual(
      [refused.body.error.code, refused.body.error.details.reason, refused.body.error.details.attempts],
      ['SIGNING_FAILED', 'refused', 1],
    );
    assert.equal(strict.received, 1, 'a refusal is not retried');
  });
});
