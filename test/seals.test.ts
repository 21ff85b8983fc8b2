import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeSesSignature, parseCertificate, sm3, toHex, utf8, verifySesSignature } from '../server/crypto/index.ts';
import { KeyRing } from '../server/modules/population/id-protection.ts';
import { canonicalJson } from '../server/modules/seals/case-content.ts';
import { as, type Client } from './support/api.ts';
import { approveThroughChain, DECIDER, submittedCase, subtypeWithChain } from './support/journey.ts';
import { sampleImage } from './support/sample-case.ts';
import { dropAppendOnlyGuards } from './support/tamper.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

type Signature = {
  id: string;
  seq: number;
  act: string;
  signer: { name: string };
  unit: { id: string; name: string };
  seal: { id: string; name: string; revokedAt: string | null };
  certificate: { id: string; revokedAt: string | null };
  dataHash: string;
  verification: { valid: boolean; failedCheck: string | null; changes: { part: string; item: string; change: string }[] };
};

async function signaturesOf(client: Client, caseId: string): Promise<Signature[]> {
  const res = await client.get(`/api/cases/${caseId}/signatures`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.signatures;
}

describe('every decision signed with the unit seal and the officer certificate', () => {
  let env: TestEnv;
  let serial = 1;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  const branchCity = () => subtypeWithChain(env, 'branch,city');

  it('signs submit, review and approval in their own transactions; each verifies and names its seal and signer', async () => {
    const subtype = branchCity();
    const kase = await submittedCase(env, subtype, serial++);
    await approveThroughChain(env, kase.id, subtype);
    const officer = await as(env, 'gulou.officer');
    const signatures = await signaturesOf(officer, kase.id);
    assert.deepEqual(
      signatures.map((s) => s.act),
      ['submit', 'review', 'approve'],
    );
    assert.ok(
      signatures.every((s) => s.verification.valid),
      JSON.stringify(signatures.map((s) => s.verification)),
    );
    assert.deepEqual(
      signatures.map((s) => s.unit.id),
      ['420704510000', '420704000000', '420700000000'],
    );
    assert.match(signatures[0]!.seal.name, /^鄂州市公安局古楼派出所户政业务专用章$/);
    assert.match(signatures[2]!.seal.name, /户政审批专用章$/);
    assert.equal(signatures[2]!.signer.name, '黄勇（市局治安支队）');

    // The trail carries each signature's digest, so the hash chain covers what was signed.
    const rows = await env.ctx.db.kysely.selectFrom('audit_events').select(['action', 'detail']).where('case_id', '=', kase.id).execute();
    const approval = rows.find((r) => r.action === 'case.approve');
    assert.equal(JSON.parse(approval!.detail).signature.dataHash, signatures[2]!.dataHash);

    // The stored signature is a standard GB/T 38540 SES_Signature: the core verifies it with the
    // authority's root alone, over the SM3 of the canonical content the row holds.
    const row = await env.ctx.db.kysely.selectFrom('case_signatures').selectAll().where('id', '=', signatures[2]!.id).executeTakeFirstOrThrow();
    const root = await env.ctx.db.kysely.selectFrom('pki_certificates').select('der').where('kind', '=', 'root').executeTakeFirstOrThrow();
    const content = env.ctx.dataKeys.open(row.content, `case-signature:${kase.id}:${row.action_seq}`);
    assert.equal(canonicalJson(JSON.parse(content)), content, 'the stored content is canonical');
    const der = new Uint8Array(Buffer.from(row.signature, 'base64'));
    const result = verifySesSignature(der, {
      documentHash: sm3(utf8(content)),
      trust: { trustedRoots: [parseCertificate(new Uint8Array(Buffer.from(root.der, 'base64')))] },
    });
    assert.equal(result.ok, true, result.ok ? '' : result.reason);
    assert.equal(toHex(decodeSesSignature(der).toSign.dataHash), row.data_hash);
    assert.match(decodeSesSignature(der).toSign.propertyInfo, new RegExp(`case=${kase.caseNo};seq=\\d+;act=approve`));
  });

  it('names what changed when a page, the applicant or an earlier act is altered afterwards', async () => {
    const subtype = branchCity();
    const kase = await submittedCase(env, subtype, serial++);
    await approveThroughChain(env, kase.id, subtype);
    const officer = await as(env, 'gulou.officer');
    const db = env.ctx.db.kysely;

    const page = await db
      .selectFrom('case_images')
      .select(['id', 'blob_sha256'])
      .where('case_id', '=', kase.id)
      .orderBy('captured_at')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('blobs')
      .set({ sm3: '0'.repeat(64) })
      .where('sha256', '=', page.blob_sha256)
      .execute();
    let signatures = await signaturesOf(officer, kase.id);
    for (const signature of signatures) {
      assert.equal(signature.verification.valid, false);
      assert.equal(signature.verification.failedCheck, 'documentHash');
      assert.deepEqual(signature.verification.changes, [{ part: 'page', item: page.id, change: 'changed' }]);
    }

    await db.updateTable('cases').set({ applicant_name: '李四' }).where('id', '=', kase.id).execute();
    signatures = await signaturesOf(officer, kase.id);
    assert.deepEqual(
      signatures[0]!.verification.changes.map((c) => `${c.part}.${c.item}`),
      ['applicant.name', `page.${page.id}`],
    );

    await dropAppendOnlyGuards(env.ctx.db);
    const submitSeq = signatures[0]!.seq;
    await db.updateTable('case_actions').set({ comment: '改过的意见' }).where('case_id', '=', kase.id).where('seq', '=', submitSeq).execute();
    signatures = await signaturesOf(officer, kase.id);
    assert.ok(signatures[2]!.verification.changes.some((c) => c.part === 'action' && c.item === String(submitSeq) && c.change === 'changed'));
  });

  it('refuses a signature whose bytes were changed, naming the failed check', async () => {
    const subtype = branchCity();
    const kase = await submittedCase(env, subtype, serial++);
    const db = env.ctx.db.kysely;
    const row = await db.selectFrom('case_signatures').select(['id', 'signature']).where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    const bytes = Buffer.from(row.signature, 'base64');
    bytes[bytes.length - 5]! ^= 0x01; // inside the SM2 signature value
    await db
      .updateTable('case_signatures')
      .set({ signature: bytes.toString('base64') })
      .where('id', '=', row.id)
      .execute();
    const [signature] = await signaturesOf(await as(env, 'gulou.officer'), kase.id);
    assert.equal(signature!.verification.valid, false);
    assert.equal(signature!.verification.failedCheck, 'signature');
  });

  it('keeps earlier signatures valid through a return and retake, and through 补录 after approval', async () => {
    const subtype = branchCity();
    const officer = await as(env, 'gulou.officer');
    const kase = await submittedCase(env, subtype, serial++);
    const reviewer = await as(env, DECIDER.branch);
    assert.equal((await reviewer.post(`/api/cases/${kase.id}/return`, { reason: '照片不清晰' })).status, 200);
    const material = subtype.materials.find((m) => m.required)!.code;
    const current = await env.ctx.db.kysely
      .selectFrom('case_images')
      .select('id')
      .where('case_id', '=', kase.id)
      .where('material_code', '=', material)
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow();
    const retake = await officer.uploadTo(
      `/api/cases/${kase.id}/images`,
      { materialCode: material, replacesImageId: current.id },
      await sampleImage(90_001),
    );
    assert.equal(retake.status, 201, JSON.stringify(retake.body));
    assert.equal((await officer.post(`/api/cases/${kase.id}/verify`)).status, 200);
    assert.equal((await officer.post(`/api/cases/${kase.id}/submit`)).status, 200);
    await approveThroughChain(env, kase.id, subtype);
    const supplement = await officer.uploadTo(
      `/api/cases/${kase.id}/images`,
      { materialCode: material, supplementReason: '申请人补交原件' },
      await sampleImage(90_002),
    );
    assert.equal(supplement.status, 201, JSON.stringify(supplement.body));
    const signatures = await signaturesOf(officer, kase.id);
    assert.deepEqual(
      signatures.map((s) => s.act),
      ['submit', 'return', 'submit', 'review', 'approve'],
    );
    assert.ok(
      signatures.every((s) => s.verification.valid),
      JSON.stringify(signatures.map((s) => s.verification)),
    );
  });
});

describe('seals and certificates: revocation, expiry and the security administrator', () => {
  let env: TestEnv;
  let serial = 1;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  it('stops a revoked officer from signing, leaves nothing half-done, and keeps what was signed before valid', async () => {
    const subtype = subtypeWithChain(env, 'branch,city');
    const first = await submittedCase(env, subtype, serial++);
    const second = await submittedCase(env, subtype, serial++);
    const reviewer = await as(env, DECIDER.branch);
    assert.equal((await reviewer.post(`/api/cases/${first.id}/review`, { comment: '同意' })).status, 200);
    const [, reviewed] = await signaturesOf(reviewer, first.id);

    const secadmin = await as(env, 'secadmin');
    const revoke = await secadmin.post(`/api/admin/certificates/${reviewed!.certificate.id}/revoke`, { reason: '民警调离' });
    assert.equal(revoke.status, 200, JSON.stringify(revoke.body));
    assert.equal(revoke.body.state, 'revoked');
    assert.equal(
      (await secadmin.post(`/api/admin/certificates/${reviewed!.certificate.id}/revoke`, { reason: '再次吊销' })).body.error.code,
      'ALREADY_REVOKED',
    );

    const refused = await reviewer.post(`/api/cases/${second.id}/review`, { comment: '同意' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'SIGNER_CERTIFICATE_REVOKED');
    const after = await reviewer.get(`/api/cases/${second.id}`);
    assert.equal(after.body.pendingLevel, 'branch', 'the refused review left the case where it was');
    assert.equal(
      (await env.ctx.db.kysely.selectFrom('case_signatures').select('id').where('case_id', '=', second.id).execute()).length,
      1,
      'only the submission is signed',
    );

    const [, stillValid] = await signaturesOf(reviewer, first.id);
    assert.equal(stillValid!.verification.valid, true, JSON.stringify(stillValid!.verification));
    assert.ok(stillValid!.certificate.revokedAt, 'the revocation is shown beside the signature');

    const authority = await secadmin.get('/api/admin/seals');
    assert.equal(authority.body.crl.revokedCount, 1);
    const reviewerUser = await env.ctx.db.kysely.selectFrom('users').select('id').where('username', '=', DECIDER.branch).executeTakeFirstOrThrow();
    const issued = await secadmin.post(`/api/admin/users/${reviewerUser.id}/certificate`);
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    assert.equal((await secadmin.post(`/api/admin/users/${reviewerUser.id}/certificate`)).body.error.code, 'CERTIFICATE_IN_FORCE');
    assert.equal((await reviewer.post(`/api/cases/${second.id}/review`, { comment: '同意' })).status, 200);
  });

  it('stops a unit whose seal is revoked until a new seal is made', async () => {
    const subtype = subtypeWithChain(env, 'branch,city');
    const kase = await submittedCase(env, subtype, serial++);
    const approver = await as(env, DECIDER.city);
    const secadmin = await as(env, 'secadmin');
    await approveThroughChain(env, (await submittedCase(env, subtype, serial++)).id, subtype);
    const citySeal = (await secadmin.get('/api/admin/seals')).body.seals.find((s: any) => s.unitId === '420700000000' && s.state === 'in_force');
    assert.ok(citySeal, 'the city bureau has a seal in force after its first approval');
    assert.equal((await secadmin.post(`/api/admin/seals/${citySeal.id}/revoke`, { reason: '印章损毁' })).status, 200);

    assert.equal((await (await as(env, DECIDER.branch)).post(`/api/cases/${kase.id}/review`)).status, 200);
    const refused = await approver.post(`/api/cases/${kase.id}/approve`);
    assert.equal(refused.body.error.code, 'SEAL_REVOKED');
    const made = await secadmin.post('/api/admin/units/420700000000/seal');
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.version, citySeal.version + 1);
    assert.equal((await approver.post(`/api/cases/${kase.id}/approve`)).status, 200);

    const image = await approver.get(`/api/seals/${made.body.id}/image`);
    assert.equal(image.status, 200);
  });

  it('renews an expired officer certificate by itself in automatic enrolment', async () => {
    const subtype = subtypeWithChain(env, 'branch,city');
    const kase = await submittedCase(env, subtype, serial++);
    const [first] = await signaturesOf(await as(env, 'gulou.officer'), kase.id);
    env.clock.advanceHours(24 * 366 * 3);
    env.forgetSessions();
    const later = await submittedCase(env, subtype, serial++);
    const [renewed] = await signaturesOf(await as(env, 'gulou.officer'), later.id);
    assert.notEqual(renewed!.certificate.id, first!.certificate.id);
    assert.equal(renewed!.verification.valid, true);
    const [old] = await signaturesOf(await as(env, 'gulou.officer'), kase.id);
    assert.equal(old!.verification.valid, true, 'a signature stays valid after its certificate has expired');
  });

  it('keeps private keys encrypted under the data keys, and out of every answer', async () => {
    const rows = await env.ctx.db.kysely.selectFrom('pki_private_keys').selectAll().execute();
    assert.ok(rows.length >= 2);
    for (const row of rows) assert.match(row.protected_key, /^e1\./);
    const stranger = new KeyRing([{ id: env.ctx.dataKeys.currentKeyId, secret: new Uint8Array(32).fill(7) }]);
    assert.throws(() => stranger.open(rows[0]!.protected_key, `pki-key:${rows[0]!.certificate_id}`));
    const listing = JSON.stringify((await (await as(env, 'secadmin')).get('/api/admin/seals')).body);
    for (const row of rows) assert.ok(!listing.includes(row.protected_key.slice(10, 40)));
  });

  it('lets only the security administrator manage seals', async () => {
    for (const username of ['sysadmin', 'auditadmin', 'city.approver']) {
      const client = await as(env, username);
      assert.equal((await client.get('/api/admin/seals')).status, 403, username);
      assert.equal((await client.post('/api/admin/units/420700000000/seal')).status, 403, username);
    }
  });
});

describe('manual enrolment: the security administrator issues every certificate and seal', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ sealEnrolment: 'manual' });
  });
  after(async () => {
    await env.close();
  });

  it('refuses to sign until the officer holds a certificate and the unit a seal', async () => {
    const subtype = subtypeWithChain(env, 'branch,city');
    const officer = await as(env, 'gulou.officer');
    const secadmin = await as(env, 'secadmin');
    const attempt = async () => {
      try {
        await submittedCase(env, subtype, 1);
        return null;
      } catch (error) {
        return String(error);
      }
    };
    assert.match((await attempt()) ?? '', /SIGNER_NOT_ENROLLED/);
    const user = await env.ctx.db.kysely.selectFrom('users').select('id').where('username', '=', 'gulou.officer').executeTakeFirstOrThrow();
    assert.equal((await secadmin.post(`/api/admin/users/${user.id}/certificate`)).status, 201);
    assert.match((await attempt()) ?? '', /SEAL_NOT_ISSUED/);
    const seal = await secadmin.post('/api/admin/units/420704510000/seal');
    assert.equal(seal.body.signerCount, 1);
    const kase = await submittedCase(env, subtype, 2);
    const [signature] = await signaturesOf(officer, kase.id);
    assert.equal(signature!.verification.valid, true);

    const aux = await env.ctx.db.kysely.selectFrom('users').select('id').where('username', '=', 'gulou.aux').executeTakeFirstOrThrow();
    assert.equal((await secadmin.post(`/api/admin/users/${aux.id}/certificate`)).body.error.code, 'ROLE_CANNOT_SIGN');
  });
});
