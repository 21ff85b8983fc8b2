import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sha256Hex } from '../server/blobs/digests.ts';
import { isAppError } from '../server/errors.ts';
import { verifyArchive } from '../server/modules/audit/verify-archive.ts';
import { CatalogRegistry } from '../server/modules/catalog/catalog-registry.ts';
import type { Catalog } from '../server/modules/catalog/catalog.schema.ts';
import { loadCatalogFiles, SHIPPED_CATALOG_DIR } from '../server/modules/catalog/load-shipped-catalogs.ts';
import { csvRecords } from '../server/modules/history/csv.ts';
import { importHistory, type ImportHistoryOptions } from '../server/modules/history/import-history.ts';
import { citizenIdCheckChar } from '../server/modules/population/citizen-id.ts';
import { as } from './support/api.ts';
import { documentPage, documentPixels, multiPageTiff, scannerPdf } from './support/document-images.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/** A valid 18-digit number: Ezhou's Echeng district, the birth day given, a serial. */
function idNumber(birth: string, serial: number): string {
  const first17 = `420704${birth.replaceAll('-', '')}${String(serial).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
}

/** A small generated page (distinct per seed), JPEG unless told. */
function page(seed: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  return documentPage({ seed, template: 'application-letter', width: 620, height: 877, format });
}

function write(dir: string, name: string, bytes: Buffer | string): void {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), bytes);
}

const HEADER = 'old_file_no,person_name,id_number,subtype,date,material,pages,childName';

async function summaryRows(file: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const record of csvRecords(fs.createReadStream(file))) rows.push(record.fields);
  return rows;
}

async function countRows(env: TestEnv, table: 'cases' | 'case_images' | 'blobs' | 'history_imports' | 'case_actions'): Promise<number> {
  const row = await env.ctx.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Progress goes to a list, not the test's output; the clock is the test's own. */
function quietly(options: Omit<ImportHistoryOptions, 'progress'>, lines: string[] = []): ImportHistoryOptions {
  let tick = 0;
  return { ...options, progress: { write: (line: string) => lines.push(line) }, clock: () => (tick += 250) };
}

/**
 * A catalog older than the shipped one, as a city that had a catalog before 2026 would have: in force
 * from 1990, sub-type 0101 only, with two of its materials. Files dated 1990–2025 are read against it.
 */
async function loadCatalog1990(env: TestEnv): Promise<void> {
  const shipped = JSON.parse(fs.readFileSync(path.join(SHIPPED_CATALOG_DIR, 'ezhou-catalog.2026.1.json'), 'utf8')) as Catalog;
  const birth = shipped.categories.find((c) => c.code === '01')!;
  const subtype = birth.subtypes.find((s) => s.code === '0101')!;
  const old: Catalog = {
    ...shipped,
    version: 'test-1990.1',
    title: '历史采集目录（测试）',
    effectiveFrom: '1990-01-01',
    categories: [
      {
        ...birth,
        subtypes: [{ ...subtype, materials: subtype.materials.filter((m) => ['birth-medical-certificate', 'application-form'].includes(m.code)) }],
      },
    ],
  };
  const dir = path.join(env.dir, 'catalog-1990');
  write(dir, 'test-1990.1.json', JSON.stringify(old));
  await loadCatalogFiles(env.ctx.db, dir, env.clock.now());
  // The routes read the registry through the context, so the API knows the old version too.
  env.ctx.catalogs = await CatalogRegistry.load(env.ctx.db.kysely);
}

describe('historical capture: hukou import-history', () => {
  let env: TestEnv;
  let dir: string;
  const ids = {
    one: idNumber('1990-01-15', 11),
    two15: '420704650302041',
    three: idNumber('1950-07-20', 31),
    four: idNumber('1940-02-02', 41),
    five: idNumber('2026-01-10', 51),
  };
  const originals = new Map<string, Buffer>();

  before(async () => {
    env = await createTestEnv();
    await loadCatalog1990(env);
    dir = path.join(env.dir, 'archive');
    const jpeg = async (name: string, seed: number) => {
      const bytes = await page(seed);
      originals.set(name, bytes);
      write(dir, name, bytes);
    };
    // H-001: every format; two pages in a TIFF, two in a scanner's PDF.
    await jpeg('p/h001-bmc.jpg', 101);
    const [a, b] = await Promise.all([
      documentPixels({ seed: 102, width: 600, height: 400 }),
      documentPixels({ seed: 103, width: 600, height: 400 }),
    ]);
    write(dir, 'p/h001-ids.tif', await multiPageTiff([a, b]));
    const pdfPages = await Promise.all(
      [104, 105].map(async (seed) => ({ jpeg: await page(seed), width: 620, height: 877, widthMm: 105, heightMm: 143 })),
    );
    write(dir, 'p/h001-hukou.pdf', scannerPdf(pdfPages));
    write(dir, 'p/h001-form.png', await page(106, 'png'));
    await jpeg('p/h002-a.jpg', 201);
    await jpeg('p/h002-b.jpg', 202);
    await jpeg('p/h002-form.jpg', 203);
    await jpeg('p/h003.jpg', 301);
    await jpeg('p/h004.jpg', 401);
    await jpeg('p/h005.jpg', 501);
    for (const [name, seed] of [
      ['p/bad-id.jpg', 601],
      ['p/b.jpg', 602],
      ['p/apart.jpg', 603],
      ['p/apart2.jpg', 604],
    ] as const)
      await jpeg(name, seed);
    const broken = await page(605);
    write(dir, 'p/broken.jpg', broken.subarray(0, Math.floor(broken.length * 0.6)));
    write(env.dir, 'outside.jpg', await page(606));
    const bad = idNumber('1990-01-15', 11).slice(0, 17) + (idNumber('1990-01-15', 11).endsWith('1') ? '2' : '1');
    const manifest = [
      HEADER,
      `H-001,张三,${ids.one},0101,2026-05-01,birth-medical-certificate,p/h001-bmc.jpg,张小三`,
      `H-001,张三,${ids.one},0101,2026-05-01,parents-id-cards,p/h001-ids.tif,`,
      `H-001,张三,${ids.one},0101,2026-05-01,hukou-book,p/h001-hukou.pdf,张小三`,
      `H-001,张三,${ids.one},0101,2026-05-01,application-form,p/h001-form.png,`,
      `H-002,"李四",${ids.two15},0101,1995-06-01,birth-medical-certificate, p/h002-a.jpg ; p/h002-b.jpg ,`,
      `H-002,李四,${ids.two15},0101,1995-06-01,application-form,p/h002-form.jpg,`,
      `H-003,王五,${ids.three},0101,1985-02-03,birth-medical-certificate,p/h003.jpg,`,
      `B-APART,赵六,${ids.one},0101,2026-05-01,birth-medical-certificate,p/apart.jpg,`,
      `H-004,孙七,${ids.four},0201,2026-03-01,death-medical-certificate,p/h004.jpg,`,
      `B-APART,赵六,${ids.one},0101,2026-05-01,application-form,p/apart2.jpg,`,
      `H-005,周八,${ids.five},0101,2026-06-01,birth-medical-certificate,p\\h005.jpg,`,
      `B-ID,吴九,${bad},0101,2026-05-01,birth-medical-certificate,p/bad-id.jpg,`,
      `B-SUB,郑十,${ids.one},9999,2026-05-01,birth-medical-certificate,p/b.jpg,`,
      `B-SUB-OLD,郑十,${ids.one},0201,1995-05-01,death-medical-certificate,p/b.jpg,`,
      `B-MAT,郑十,${ids.one},0101,1995-05-01,hukou-book,p/b.jpg,`,
      `B-MISSING,郑十,${ids.one},0101,2026-05-01,birth-medical-certificate,p/b.jpg;p/not-there.jpg,`,
      `B-BROKEN,郑十,${ids.one},0101,2026-05-01,birth-medical-certificate,p/b.jpg;p/broken.jpg,`,
      `B-MIXED,郑十,${ids.one},0101,2026-05-01,birth-medical-certificate,p/b.jpg,`,
      `B-MIXED,郑十一,${ids.one},0101,2026-05-01,application-form,p/b.jpg,`,
      `B-FUTURE,郑十,${ids.one},0101,2027-01-01,birth-medical-certificate,p/b.jpg,`,
      `B-ESCAPE,郑十,${ids.one},0101,2026-05-01,birth-medical-certificate,../outside.jpg,`,
      `,郑十,${ids.one},0101,2026-05-01,birth-medical-certificate,p/b.jpg,`,
      `B-QUOTE,"郑"十,${ids.one},0101,2026-05-01,birth-medical-certificate,p/b.jpg,`,
      `B-FIELD,郑十,${ids.four},0201,2026-03-01,death-medical-certificate,p/b.jpg,不该有`,
    ];
    write(dir, 'manifest.csv', `\ufeff${manifest.join('\r\n')}\r\n`);
  });
  after(async () => {
    await env.close();
  });

  it('refuses an auxiliary, an administrator and a branch officer, records the refusal and writes nothing', async () => {
    for (const [officer, reason] of [
      ['gulou.aux', 'AUXILIARY_NOT_PERMITTED'],
      ['sysadmin', 'ROLE_NOT_PERMITTED'],
      ['echeng.reviewer', 'ROLE_NOT_PERMITTED'],
    ] as const) {
      await assert.rejects(
        importHistory(env.ctx, quietly({ dir, officer })),
        (error: unknown) => isAppError(error) && error.code === 'FORBIDDEN' && error.details?.reason === reason,
        officer,
      );
    }
    await assert.rejects(
      importHistory(env.ctx, quietly({ dir, officer: 'nobody' })),
      (error: unknown) => isAppError(error) && error.code === 'NOT_FOUND',
    );
    assert.equal(await countRows(env, 'cases'), 0);
    assert.equal(fs.readdirSync(dir).filter((f) => f.startsWith('import-summary-')).length, 0);
    const denied = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['reason', 'outcome'])
      .where('action', '=', 'case.import_history')
      .orderBy('seq')
      .execute();
    assert.deepEqual(denied, [
      { reason: 'AUXILIARY_NOT_PERMITTED', outcome: 'denied' },
      { reason: 'ROLE_NOT_PERMITTED', outcome: 'denied' },
      { reason: 'ROLE_NOT_PERMITTED', outcome: 'denied' },
    ]);
  });

  it('imports the good files as completed cases and refuses each bad one with its reason, going on', async () => {
    const lines: string[] = [];
    const report = await importHistory(env.ctx, quietly({ dir, officer: 'gulou.officer', jobs: 3 }, lines));
    assert.equal(report.stopped, null, String(report.failure));
    assert.deepEqual(
      {
        files: report.files,
        imported: report.imported,
        skipped: report.skipped,
        refused: report.refused,
        unfinished: report.unfinished,
        pages: report.pages,
      },
      { files: 18, imported: 5, skipped: 0, refused: 13, unfinished: 0, pages: 6 + 3 + 1 + 1 + 1 },
    );
    assert.ok(lines.length >= 2 && lines.every((l) => l.startsWith('files ') && l.endsWith('\n')), 'plain progress lines off a terminal');
    assert.match(lines.at(-1)!, /^files 18\/18 /);

    const rows = await summaryRows(report.summaryPath);
    assert.match(path.basename(report.summaryPath), /^import-summary-\d{8}T\d{6}Z\.csv$/);
    assert.ok(
      fs
        .readFileSync(report.summaryPath)
        .subarray(0, 3)
        .equals(Buffer.from([0xef, 0xbb, 0xbf])),
      'a BOM for spreadsheets',
    );
    assert.deepEqual(rows[0], ['old_file_no', 'outcome', 'case_no', 'pages', 'reason']);
    const byFile = new Map(rows.slice(1).map((r) => [r[0], r]));
    assert.equal(rows.length - 1, 18, 'one row per file, B-APART once');
    const expectRefusal: Record<string, RegExp> = {
      'B-APART': /^HISTORY_ROWS_INCONSISTENT .*reason=ROWS_NOT_TOGETHER/,
      'B-ID': /^CITIZEN_ID_INVALID .*problem=checksum/,
      'B-SUB': /^SUBTYPE_UNKNOWN .*subtypeCode=9999/,
      'B-SUB-OLD': /^SUBTYPE_UNKNOWN .*subtypeCode=0201; catalogVersion=test-1990\.1/,
      'B-MAT': /^MATERIAL_UNKNOWN .*materialCode=hukou-book; catalogVersion=test-1990\.1/,
      'B-MISSING': /^HISTORY_PAGE_MISSING .*page=p\/not-there\.jpg; reason=ENOENT/,
      'B-BROKEN': /^UPLOAD_UNDECODABLE .*page=p\/broken\.jpg/,
      'B-MIXED': /^HISTORY_ROWS_INCONSISTENT .*line=20; column=person_name/,
      'B-FUTURE': /^VALIDATION_FAILED .*field=date; reason=FUTURE_DATE/,
      'B-ESCAPE': /^VALIDATION_FAILED .*field=pages; reason=PAGE_PATH_OUTSIDE_FOLDER/,
      '': /^VALIDATION_FAILED .*line=23; field=old_file_no/,
      'B-QUOTE': /^HISTORY_MANIFEST_MALFORMED .*line=24; reason=ROW_MALFORMED/,
      'B-FIELD': /^CASE_FIELDS_INVALID .*childName/,
    };
    for (const [file, reason] of Object.entries(expectRefusal)) {
      const row = byFile.get(file);
      assert.ok(row, `a summary row for ${file || '(no number)'}`);
      assert.deepEqual(row.slice(1, 4), ['refused', '', ''], file);
      assert.match(row[4]!, reason, file);
    }
    const taken = ['H-001', 'H-002', 'H-003', 'H-004', 'H-005'];
    for (const file of taken) assert.equal(byFile.get(file)?.[1], 'imported', file);
    assert.deepEqual(
      taken.map((f) => byFile.get(f)![3]),
      ['6', '3', '1', '1', '1'],
    );
    // Numbered on the historical day, from the station's counter for that day.
    assert.equal(byFile.get('H-001')![2], '201-260501-0001', 'no number spent on the refused files of that day');
    assert.equal(byFile.get('H-003')![2], '201-850203-0001');
    assert.equal(byFile.get('H-004')![2], '201-260301-0001');

    // Every refusal is on the trail with its file number; the five acts are there as well.
    const events = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['outcome', 'detail'])
      .where('action', '=', 'case.import_history')
      .execute();
    const refusedFiles = events.filter((e) => e.outcome === 'refused').map((e) => (JSON.parse(e.detail) as { oldFileNo: string }).oldFileNo);
    assert.deepEqual(refusedFiles.sort(), Object.keys(expectRefusal).sort());
    assert.equal(events.filter((e) => e.outcome === 'ok').length, 5);
    for (const e of events) assert.ok(!e.detail.includes(ids.one) && !e.detail.includes(ids.four), 'no ID number in the trail');

    const verified = await verifyArchive(env.ctx.db, env.ctx.blobs, env.ctx.catalogs);
    assert.deepEqual(verified.problems, []);
  });

  it('makes each file a completed case of its own day’s catalog, searchable, its pages viewable, its import on the timeline', async () => {
    const officer = await as(env, 'gulou.leader');
    const search = await officer.get(`/api/cases?idNumber=${ids.one}`);
    assert.equal(search.status, 200);
    assert.equal(search.body.items.length, 1, 'H-001 only: the refused files of the same person left no case');
    const summary = search.body.items[0];
    assert.equal(summary.status, 'completed');
    assert.equal(summary.catalogVersion, 'ezhou-2026.1');
    assert.equal(summary.closedAt, summary.acceptedAt);
    assert.equal(summary.applicant.name, '张三');

    const view = await officer.get(`/api/cases/${summary.id}`);
    assert.equal(view.status, 200);
    assert.deepEqual(view.body.fields, { childName: '张小三' });
    const pagesOf = (code: string) =>
      view.body.images
        .filter((i: { materialCode: string }) => i.materialCode === code)
        .map((i: { pageNo: number; sourcePage: number }) => [i.pageNo, i.sourcePage]);
    assert.deepEqual(pagesOf('birth-medical-certificate'), [[1, 0]]);
    assert.deepEqual(pagesOf('parents-id-cards'), [
      [1, 0],
      [2, 1],
    ]);
    assert.deepEqual(pagesOf('hukou-book'), [
      [1, 0],
      [2, 1],
    ]);
    assert.deepEqual(pagesOf('application-form'), [[1, 0]]);
    const first = view.body.images.find((i: { materialCode: string }) => i.materialCode === 'birth-medical-certificate');
    const original = await officer.get(`/api/cases/${summary.id}/images/${first.id}/content`);
    assert.equal(original.status, 200);
    assert.equal(sha256Hex(original.raw.rawPayload), sha256Hex(originals.get('p/h001-bmc.jpg')!));
    const tiffPage = view.body.images.find((i: { materialCode: string; pageNo: number }) => i.materialCode === 'parents-id-cards' && i.pageNo === 2);
    const preview = await officer.get(`/api/cases/${summary.id}/images/${tiffPage.id}/content?kind=preview`);
    assert.equal(preview.status, 200);
    assert.equal(preview.raw.headers['content-type'], 'image/jpeg');

    const timeline = await officer.get(`/api/cases/${summary.id}/timeline`);
    const opening = timeline.body.events[0];
    assert.equal(opening.action, 'case.import_history');
    assert.equal(opening.detail.oldFileNo, 'H-001');
    assert.equal(opening.detail.historicalDate, '2026-05-01');
    assert.equal(opening.detail.pages, 6);

    // The 15-digit number was brought to 18 digits; the 1995 file took the catalog then in force,
    // the 1985 one (before every catalog) the oldest.
    const upgraded = await officer.get(`/api/cases?idNumber=42070419650302041${citizenIdCheckChar('42070419650302041')}`);
    assert.equal(upgraded.body.items.length, 1);
    assert.equal(upgraded.body.items[0].catalogVersion, 'test-1990.1');
    const older = await officer.get(`/api/cases?idNumber=${ids.three}`);
    assert.equal(older.body.items[0].catalogVersion, 'test-1990.1');
    assert.equal(older.body.items[0].caseNo, '201-850203-0001');

    // Another station's officer sees nothing of it.
    const other = await as(env, 'putuan.officer');
    assert.equal((await other.get(`/api/cases/${summary.id}`)).status, 404);
  });

  it('skips every file already imported on a second run, by any officer of the station', async () => {
    const casesBefore = await countRows(env, 'cases');
    const report = await importHistory(env.ctx, quietly({ dir, officer: 'gulou.officer2' }));
    assert.deepEqual([report.imported, report.skipped, report.refused], [0, 5, 13]);
    assert.equal(await countRows(env, 'cases'), casesBefore);
    const rows = await summaryRows(report.summaryPath);
    const skipped = rows.filter((r) => r[1] === 'skipped');
    assert.ok(skipped.every((r) => /^201-\d{6}-\d{4}$/.test(r[2]!) && r[4] === 'already imported'));
  });
});

describe('historical capture: interrupted and resumed', () => {
  let env: TestEnv;
  let dir: string;
  const FILES = 7;

  before(async () => {
    env = await createTestEnv();
    dir = path.join(env.dir, 'archive');
    const lines = [HEADER];
    for (let n = 1; n <= FILES; n++) {
      write(dir, `f${n}/1.jpg`, await page(1000 + n * 2));
      write(dir, `f${n}/2.jpg`, await page(1001 + n * 2));
      const id = idNumber('1980-05-05', n);
      lines.push(`R-${n},人${n},${id},0101,2026-04-0${n},birth-medical-certificate,f${n}/1.jpg,`);
      lines.push(`R-${n},人${n},${id},0101,2026-04-0${n},application-form,f${n}/2.jpg,`);
    }
    write(dir, 'manifest.csv', lines.join('\n'));
  });
  after(async () => {
    await env.close();
  });

  async function storedOriginals(): Promise<number> {
    let n = 0;
    for await (const _ of env.ctx.blobs.list()) n++;
    return n;
  }

  it('stops when asked before anything is committed', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await importHistory(env.ctx, quietly({ dir, officer: 'gulou.officer', signal: controller.signal }));
    assert.equal(report.stopped, 'aborted');
    assert.deepEqual([report.imported, report.unfinished], [0, FILES]);
    assert.equal(await countRows(env, 'cases'), 0);
  });

  it('stopped after N files with others ingested but not committed, a second run imports the rest exactly once', async () => {
    const first = await importHistory(env.ctx, quietly({ dir, officer: 'gulou.officer', jobs: 3, limit: 2 }));
    assert.equal(first.stopped, 'limit');
    assert.deepEqual([first.imported, first.refused, first.unfinished], [2, 0, FILES - 2]);
    assert.equal(await countRows(env, 'cases'), 2);
    assert.equal(await countRows(env, 'blobs'), 4);
    // The files in flight when it stopped had their originals stored, never committed: as a kill would leave them.
    assert.ok((await storedOriginals()) > 4, 'originals stored for files never committed');
    const summary = await summaryRows(first.summaryPath);
    assert.equal(summary.length - 1, 2);

    const second = await importHistory(env.ctx, quietly({ dir, officer: 'gulou.officer', jobs: 3 }));
    assert.equal(second.stopped, null);
    assert.deepEqual([second.imported, second.skipped, second.refused, second.unfinished], [FILES - 2, 2, 0, 0]);
    const third = await importHistory(env.ctx, quietly({ dir, officer: 'gulou.officer', jobs: 3 }));
    assert.deepEqual([third.imported, third.skipped], [0, FILES]);

    assert.equal(await countRows(env, 'cases'), FILES);
    assert.equal(await countRows(env, 'case_actions'), FILES);
    assert.equal(await countRows(env, 'history_imports'), FILES);
    assert.equal(await countRows(env, 'case_images'), FILES * 2);
    assert.equal(await countRows(env, 'blobs'), FILES * 2);
    assert.equal(await storedOriginals(), FILES * 2, 'every stored original is referenced once all files are in');
    const pages = await env.ctx.db.kysely.selectFrom('case_images').select(['case_id', 'material_code', 'page_no', 'blob_sha256']).execute();
    assert.equal(new Set(pages.map((p) => `${p.case_id}/${p.material_code}/${p.page_no}`)).size, FILES * 2, 'no page twice');
    assert.equal(new Set(pages.map((p) => p.blob_sha256)).size, FILES * 2, 'no original twice');
    const numbers = await env.ctx.db.kysely.selectFrom('cases').select(['case_no', 'status']).execute();
    assert.ok(numbers.every((c) => c.status === 'completed'));
    assert.deepEqual(
      numbers.map((c) => c.case_no).sort(),
      Array.from({ length: FILES }, (_, i) => `201-26040${i + 1}-0001`),
    );
    const verified = await verifyArchive(env.ctx.db, env.ctx.blobs, env.ctx.catalogs);
    assert.deepEqual(verified.problems, []);
  });
});
