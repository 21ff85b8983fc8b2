import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { as } from './support/api.ts';
import { acceptSample, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, TestClock, type TestEnv } from './support/test-context.ts';

/**
 * Every day a rule or a person speaks of is a Beijing day. The clock starts at 15:50 UTC on
 * 2026-11-29, which is 23:50 in Beijing: ten minutes before the bureau's midnight.
 */
describe('days are Beijing days', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ clock: new TestClock(Date.parse('2026-11-29T15:50:00.000Z')) });
  });
  after(async () => {
    await env.close();
  });

  const fresh = async () => {
    env.forgetSessions();
    return as(env, 'gulou.officer');
  };

  it('numbers cases by the Beijing day and starts the daily counter again at Beijing midnight', async () => {
    const subtype = subtypeWithChain(env, 'station');
    const late = await acceptSample(await fresh(), subtype, 1);
    assert.equal(late.caseNo, '201-261129-0001');
    env.clock.advanceHours(0.25); // 16:05 UTC, 00:05 in Beijing on the 30th; still the 29th in UTC
    const afterMidnight = await acceptSample(await fresh(), subtype, 2);
    assert.equal(afterMidnight.caseNo, '201-261130-0001');
    env.clock.advanceHours(7.5); // 23:35 UTC on the 29th: 07:35 on the 30th, before a UTC system's day turns
    const morning = await acceptSample(await fresh(), subtype, 3);
    assert.equal(morning.caseNo, '201-261130-0002');
  });

  it('filters searches by Beijing days, inclusive at both ends', async () => {
    const officer = await fresh();
    const on29 = await officer.get('/api/cases?acceptedFrom=2026-11-29&acceptedTo=2026-11-29');
    assert.deepEqual(
      on29.body.items.map((c: { caseNo: string }) => c.caseNo),
      ['201-261129-0001'],
    );
    const on30 = await officer.get('/api/cases?acceptedFrom=2026-11-30&acceptedTo=2026-11-30');
    assert.deepEqual(on30.body.items.map((c: { caseNo: string }) => c.caseNo).sort(), ['201-261130-0001', '201-261130-0002']);
    const from30 = await officer.get('/api/cases?acceptedFrom=2026-11-30');
    assert.equal(from30.body.items.length, 2);
    const to29 = await officer.get('/api/cases?acceptedTo=2026-11-29');
    assert.equal(to29.body.items.length, 1);
  });
});
