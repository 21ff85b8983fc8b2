import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { utf8 } from '../server/crypto/index.ts';
import { verifySealFile } from '../server/modules/seals/verify-seal-file.ts';
import { as } from './support/api.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/** `hukou verify-seal FILE`: a seal, a seal signature or a notice someone brings. */
describe('verify-seal: checking a file someone brings', () => {
  let env: TestEnv;
  let caseId: string;
  before(async () => {
    env = await createTestEnv();
    const subtype = subtypeWithChain(env, 'branch,city');
    caseId = (await submittedCase(env, subtype, 1)).id;
    await approveThroughChain(env, caseId, subtype);
  });
  after(async () => {
    await env.close();
  });

  const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

  it('checks a unit seal against the authority, and names the failed check of a forged one', async () => {
    const seal = await env.ctx.db.kysely.selectFrom('seals').select('der').where('unit_id', '=', '420700000000').executeTakeFirstOrThrow();
    const good = await verifySealFile(env.ctx, bytesOf(seal.der));
    assert.equal(good.kind, 'seal');
    assert.equal(good.valid, true, JSON.stringify(good.checks));
    assert.match(good.facts.map(([, v]) => v).join(' '), /鄂州市公安局户政审批专用章/);
    const forged = bytesOf(seal.der);
    forged[forged.length - 3]! ^= 0x01; // inside the maker's signature
    const bad = await verifySealFile(env.ctx, forged);
    assert.deepEqual([bad.valid, bad.checks[0]?.name], [false, 'sealSignature']);
  });

  it('checks a decision signature, and over the document when it is given', async () => {
    const row = await env.ctx.db.kysely
      .selectFrom('case_signatures')
      .select(['signature', 'content', 'action_seq'])
      .where('case_id', '=', caseId)
      .orderBy('action_seq')
      .executeTakeFirstOrThrow();
    const signature = bytesOf(row.signature);
    const alone = await verifySealFile(env.ctx, signature);
    assert.equal(alone.kind, 'signature');
    assert.equal(alone.valid, true, JSON.stringify(alone.checks));
    assert.match(alone.checks.at(-1)!.detail, /not checked/);
    const content = env.ctx.dataKeys.open(row.content, `case-signature:${caseId}:${row.action_seq}`);
    assert.equal((await verifySealFile(env.ctx, signature, utf8(content))).valid, true);
    const other = await verifySealFile(env.ctx, signature, utf8(`${content} `));
    assert.deepEqual([other.valid, other.checks[0]?.name], [false, 'documentHash']);
  });

  it('recognises a notice issued here by its bytes, and nothing else', async () => {
    const res = await (await as(env, 'gulou.officer')).get(`/api/cases/${caseId}/notice`);
    const pdf = new Uint8Array(res.raw.rawPayload);
    const notice = await verifySealFile(env.ctx, pdf);
    assert.equal(notice.kind, 'notice');
    assert.equal(notice.valid, true, JSON.stringify(notice.checks));
    const changed = pdf.slice();
    changed[400]! ^= 0x01;
    assert.equal((await verifySealFile(env.ctx, changed)).valid, false);
    const unknown = await verifySealFile(env.ctx, utf8('not a seal'));
    assert.deepEqual([unknown.kind, unknown.valid], ['unknown', false]);
  });
});
