import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CatalogRegistry } from '../server/modules/catalog/catalog-registry.ts';
import { loadCatalogFiles, SHIPPED_CATALOG_DIR } from '../server/modules/catalog/load-shipped-catalogs.ts';
import { as } from './support/api.ts';
import { acceptSample, captureRequired, firstSubtype } from './support/journey.ts';
import { sampleApplicant, sampleFields } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

describe('catalog versions', () => {
  let env: TestEnv;
  let nextDir: string;
  before(async () => {
    env = await createTestEnv();
    // Version 2 takes effect tomorrow and asks for one more page of the birth certificate.
    const shipped = fs.readdirSync(SHIPPED_CATALOG_DIR).find((f) => f.endsWith('.json'))!;
    const next = JSON.parse(fs.readFileSync(path.join(SHIPPED_CATALOG_DIR, shipped), 'utf8'));
    next.version = 'test-next.2';
    next.effectiveFrom = '2026-11-30';
    next.categories[0].subtypes[0].materials[0].minPages = 2;
    nextDir = fs.mkdtempSync(path.join(env.dir, 'catalog-'));
    fs.copyFileSync(path.join(SHIPPED_CATALOG_DIR, shipped), path.join(nextDir, shipped));
    fs.writeFileSync(path.join(nextDir, 'next.json'), JSON.stringify(next));
  });
  after(async () => {
    await env.close();
  });

  it('keeps a case on the version it was accepted under after a new version takes effect', async () => {
    const officer = await as(env, 'gulou.officer');
    const oldVersion = env.ctx.catalogs.current(env.ctx.now());
    const birthOld = firstSubtype(oldVersion);
    const early = await acceptSample(officer, birthOld, 1);
    assert.equal(early.catalogVersion, oldVersion.version);
    // Captured within its capture limit, which the day that passes below would end (then only 补录).
    await captureRequired(officer, early.id, birthOld);

    assert.deepEqual(await loadCatalogFiles(env.ctx.db, nextDir, env.ctx.now()), ['test-next.2']);
    env.ctx.catalogs = await CatalogRegistry.load(env.ctx.db.kysely);
    assert.equal(env.ctx.catalogs.current(env.ctx.now()).version, oldVersion.version, 'not in force before its date');
    env.clock.advanceHours(24);
    env.forgetSessions();
    assert.equal(env.ctx.catalogs.current(env.ctx.now()).version, 'test-next.2');

    const officerNow = await as(env, 'gulou.officer');
    const late = await acceptSample(officerNow, birthOld, 2);
    assert.equal(late.catalogVersion, 'test-next.2');
    assert.equal(late.materials[0].minPages, 2);

    const earlyNow = await officerNow.get(`/api/cases/${early.id}`);
    assert.equal(earlyNow.body.catalogVersion, oldVersion.version);
    const [oldFirstMaterial] = birthOld.materials;
    assert.ok(oldFirstMaterial, 'the old version lists a material');
    assert.equal(earlyNow.body.materials[0].minPages, oldFirstMaterial.minPages);
    assert.equal((await officerNow.post(`/api/cases/${early.id}/verify`)).status, 200, 'the old case is complete by its own rules');
  });

  it('refuses to load a changed file under a version name already loaded', async () => {
    const file = path.join(nextDir, 'next.json');
    const changed = JSON.parse(fs.readFileSync(file, 'utf8'));
    changed.categories[0].subtypes[0].materials[0].minPages = 3;
    fs.writeFileSync(file, JSON.stringify(changed));
    await assert.rejects(loadCatalogFiles(env.ctx.db, nextDir), /differs from the version already loaded/);
  });

  it('checks applicant and field values against the catalog when accepting', async () => {
    const officer = await as(env, 'gulou.officer');
    const birth = firstSubtype(env.ctx.catalogs.current(env.ctx.now()));
    const badId = await officer.post('/api/cases', {
      subtypeCode: birth.code,
      applicant: { ...sampleApplicant(), idNumber: '420704198803090012' },
      fields: sampleFields(birth),
    });
    assert.equal(badId.status, 400);
    assert.equal(badId.body.error.code, 'CITIZEN_ID_INVALID');
    assert.equal(badId.body.error.details.problem, 'checksum');

    const fields = { ...sampleFields(birth), unexpected: 'x' };
    const required = birth.fields.find((f) => f.required)!;
    delete (fields as Record<string, unknown>)[required.key];
    const badFields = await officer.post('/api/cases', { subtypeCode: birth.code, applicant: sampleApplicant(), fields });
    assert.equal(badFields.status, 400);
    assert.equal(badFields.body.error.code, 'CASE_FIELDS_INVALID');
    assert.equal(badFields.body.error.details.fields[required.key], 'required');
    assert.equal(badFields.body.error.details.fields.unexpected, 'unknown');

    const unknown = await officer.post('/api/cases', { subtypeCode: '9999', applicant: sampleApplicant(), fields: {} });
    assert.equal(unknown.body.error.code, 'SUBTYPE_UNKNOWN');
    const before = await env.ctx.db.kysely
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(before.n), 2, 'refused acceptances create no case');
  });
});
