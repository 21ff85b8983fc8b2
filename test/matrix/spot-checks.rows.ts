import assert from 'node:assert/strict';
import { beijingDay } from '../../server/time/beijing-day.ts';
import { as } from '../support/api.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from '../support/journey.ts';
import { type MatrixRow, row } from '../support/matrix.ts';
import type { TestEnv } from '../support/test-context.ts';

let serial = 0;

/** A case of 古楼 decided today, so a checker over it has something to draw. */
async function decidedToday(env: TestEnv): Promise<{ caseId: string; materialCode: string; today: string }> {
  const subtype = subtypeWithChain(env, 'station');
  const kase = await submittedCase(env, subtype, 3500 + ++serial);
  await approveThroughChain(env, kase.id, subtype);
  return { caseId: kase.id as string, materialCode: subtype.materials[0]!.code, today: beijingDay(env.ctx.now()) };
}

/** A round of 鄂城分局 holding a case of 古楼 decided today; with `found`, its finding recorded (and a paper request). */
async function echengRound(env: TestEnv, found = false) {
  const decided = await decidedToday(env);
  const reviewer = await as(env, 'echeng.reviewer');
  const round = await reviewer.post('/api/spot-checks/rounds', { from: decided.today, to: decided.today, size: 50 });
  assert.equal(round.status, 200, JSON.stringify(round.body));
  if (found) {
    const finding = await reviewer.post(`/api/spot-checks/rounds/${round.body.id}/cases/${decided.caseId}/finding`, {
      result: 'problem',
      doubtful: [{ materialCode: decided.materialCode, note: '存疑', verifyPaper: true }],
    });
    assert.equal(finding.status, 200, JSON.stringify(finding.body));
  }
  return { roundId: round.body.id as string, ...decided };
}

async function paperRequest(env: TestEnv): Promise<string> {
  const { roundId } = await echengRound(env, true);
  const list = await (await as(env, 'echeng.reviewer')).get(`/api/paper-verifications?roundId=${roundId}`);
  assert.equal(list.body.items.length, 1, JSON.stringify(list.body));
  return list.body.items[0].id as string;
}

//                        off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
const CHECKERS = row(403, 403, 403, 403, 403, 200, 200, 200, 200, 200, 403, 403, 403, 401);
// 华容分局 has no decided case under it to draw.
const PROPOSE = row(403, 403, 403, 403, 403, 200, 422, 200, 200, 200, 403, 403, 403, 401);
const SEE_ROUND = row(403, 403, 403, 403, 403, 200, 404, 200, 200, 200, 403, 403, 403, 401);
// The round's own unit works on it; the city reads it only.
const WORK_ROUND = row(403, 403, 403, 403, 403, 200, 404, 403, 200, 403, 403, 403, 403, 401);
const LIST_PAPER = row(200, 403, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 401);
// Only the station addressed answers (its officers and leader, not its auxiliary).
const ANSWER_PAPER = row(200, 403, 200, 404, 404, 403, 404, 403, 403, 403, 403, 403, 403, 401);

/** Routes of spot checks and paper verification (server/modules/spot-checks/). */
export const SPOT_CHECK_ROWS: Record<string, MatrixRow> = {
  'GET /api/spot-checks/rounds': { expect: CHECKERS, setup: async () => ({ url: '/api/spot-checks/rounds' }) },
  'POST /api/spot-checks/rounds': {
    expect: PROPOSE,
    setup: async (env) => {
      const { today } = await decidedToday(env);
      return { url: '/api/spot-checks/rounds', body: { from: today, to: today, size: 3 } };
    },
  },
  'GET /api/spot-checks/rounds/:id': {
    expect: SEE_ROUND,
    setup: async (env) => ({ url: `/api/spot-checks/rounds/${(await echengRound(env)).roundId}` }),
  },
  'POST /api/spot-checks/rounds/:id/cases/:caseId/finding': {
    expect: WORK_ROUND,
    setup: async (env) => {
      const { roundId, caseId } = await echengRound(env);
      return { url: `/api/spot-checks/rounds/${roundId}/cases/${caseId}/finding`, body: { result: 'pass' } };
    },
  },
  'POST /api/spot-checks/rounds/:id/complete': {
    expect: WORK_ROUND,
    setup: async (env) => ({ url: `/api/spot-checks/rounds/${(await echengRound(env, true)).roundId}/complete`, body: {} }),
  },
  'GET /api/spot-checks/quota': { expect: CHECKERS, setup: async () => ({ url: '/api/spot-checks/quota' }) },
  'GET /api/paper-verifications': { expect: LIST_PAPER, setup: async () => ({ url: '/api/paper-verifications' }) },
  'POST /api/paper-verifications/:id/answer': {
    expect: ANSWER_PAPER,
    setup: async (env) => ({ url: `/api/paper-verifications/${await paperRequest(env)}/answer`, body: { result: 'consistent', note: '原件一致' } }),
  },
};
