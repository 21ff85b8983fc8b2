import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyArchive } from '../server/modules/audit/verify-archive.ts';
import { seedDemoCases } from '../server/modules/demo/seed-demo-cases.ts';
import { as } from './support/api.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

describe('demo cases of a new installation', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  it('fills every workbench through the real acts, once, and leaves an archive that verifies', async () => {
    assert.equal(await seedDemoCases(env.ctx), 12);
    assert.equal(await seedDemoCases(env.ctx), 0, 'a database with cases gets none');

    const statuses = await env.ctx.db.kysely.selectFrom('cases').select(['status']).execute();
    const count = (status: string) => statuses.filter((row) => row.status === status).length;
    assert.deepEqual(
      {
        accepted: count('accepted'),
        verified: count('verified'),
        submitted: count('submitted'),
        returned: count('returned'),
        approved: count('approved'),
        completed: count('completed'),
      },
      { accepted: 3, verified: 1, submitted: 5, returned: 1, approved: 1, completed: 1 },
    );

    const officer = await (await as(env, 'gulou.officer')).get('/api/workbench');
    assert.equal(officer.status, 200, JSON.stringify(officer.body));
    const reviewer = await (await as(env, 'echeng.reviewer')).get('/api/workbench');
    assert.ok(reviewer.body.groups.inbox.count >= 3, JSON.stringify(reviewer.body.groups));
    assert.ok(
      reviewer.body.groups.inbox.items.some((item: { overdue: boolean }) => item.overdue),
      'one case waits past its approval limit',
    );

    const report = await verifyArchive(env.ctx.db, env.ctx.blobs, env.ctx.catalogs);
    assert.deepEqual(report.problems, []);
  });
});
