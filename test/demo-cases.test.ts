import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyArchive } from '../server/modules/audit/verify-archive.ts';
import { seedDemoCases } from '../server/modules/demo/seed-demo-cases.ts';
import { demoStationPhone, seedDemoStationPhones } from '../server/modules/demo/seed-demo-phones.ts';
import { runSmsSender } from '../server/modules/notify/send-sms.ts';
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
    // As serve() does on a new installation: the stations' numbers, then the cases.
    assert.equal(await seedDemoStationPhones(env.ctx), 6);
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
    // 鄂城 reviews the 分局 → 市局 cases and approves the 分局-only one from 泽林.
    assert.ok(reviewer.body.groups.toReview.count >= 2, JSON.stringify(reviewer.body.groups));
    assert.ok(reviewer.body.groups.toApprove.count >= 1, JSON.stringify(reviewer.body.groups));
    assert.ok(
      reviewer.body.groups.toReview.items.some((item: { overdue: boolean }) => item.overdue),
      'one case waits past its approval limit',
    );

    const report = await verifyArchive(env.ctx.db, env.ctx.blobs, env.ctx.catalogs);
    assert.deepEqual(report.problems, []);
  });

  it('gives each demo station a number, as the system administrator would, so the demo texts reach their station', async () => {
    const phones = await (await as(env, 'sysadmin')).get('/api/sms/station-phones');
    assert.equal(phones.status, 200, JSON.stringify(phones.body));
    assert.equal(phones.body.items.length, 6);
    for (const station of phones.body.items) assert.equal(station.phone, demoStationPhone(station.code), station.name);
    assert.equal(new Set(phones.body.items.map((s: { phone: string }) => s.phone)).size, 6, 'one number per station');
    const trail = await env.ctx.db.kysely.selectFrom('audit_events').select('detail').where('action', '=', 'sms.station_phone_set').execute();
    assert.equal(trail.length, 6);
    assert.doesNotMatch(JSON.stringify(trail), /1380000\d{4}/, 'masked in the trail');

    // The demo's approved, completed and returned cases each tell 古楼, and none fails for want of a number.
    await runSmsSender(env.ctx);
    const texts = await env.ctx.db.kysely.selectFrom('sms_messages').select(['recipient', 'to_phone', 'state']).execute();
    assert.equal(texts.length, 3);
    for (const text of texts) assert.deepEqual(text, { recipient: 'station', to_phone: '13800004510', state: 'delivered' });
  });
});
