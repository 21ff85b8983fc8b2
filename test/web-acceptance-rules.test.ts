import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allDivisions } from '../server/modules/population/divisions.ts';
import { demoCitizenId } from '../server/modules/population/demo-people.ts';
import { applicantProblems } from '../web/src/acceptance/applicant-check.ts';
import { divisionTree, path, type DivisionOption } from '../web/src/acceptance/division-tree.ts';
import { groupByCategory, searchSubtypes, subtypeEntries } from '../web/src/acceptance/subtype-search.ts';
import fs from 'node:fs';
import nodePath from 'node:path';
import { CatalogSchema } from '../server/modules/catalog/catalog.schema.ts';
import { SHIPPED_CATALOG_DIR } from '../server/modules/catalog/load-shipped-catalogs.ts';

// The acceptance page's pure rules, run here on the shipped catalog and the real division table.
const catalog = CatalogSchema.parse(JSON.parse(fs.readFileSync(nodePath.join(SHIPPED_CATALOG_DIR, 'ezhou-catalog.2026.1.json'), 'utf8')));
const entries = subtypeEntries(catalog);
const codes = (query: string) => searchSubtypes(entries, query).map((entry) => entry.subtype.code);

describe('acceptance page: finding a sub-type', () => {
  it('puts the sub-type whose pinyin initials are typed first, so Enter takes it', () => {
    assert.equal(codes('dncs')[0], '0101');
    assert.equal(codes('DNCS')[0], '0101');
    assert.equal(codes('fdncs')[0], '0102');
    // Brackets in a name do not break its initials: 国（境）外出生.
    assert.equal(codes('gjwcs')[0], '0103');
  });

  it('finds by code, Chinese name, full pinyin and English name', () => {
    assert.deepEqual(codes('0101'), ['0101']);
    assert.deepEqual(codes('01').slice(0, 5), ['0101', '0102', '0103', '0104', '0105']);
    assert.ok(codes('当年出生').includes('0101'));
    assert.equal(codes('dangnian')[0], '0101');
    assert.ok(codes('birth').length > 0);
    assert.deepEqual(codes('zzzzzz'), []);
  });

  it('lists the whole catalog for an empty query, grouped by category in catalog order', () => {
    const all = catalog.categories.flatMap((category) => category.subtypes.map((subtype) => subtype.code));
    assert.deepEqual(codes('  '), all);
    const groups = groupByCategory(searchSubtypes(entries, ''));
    assert.deepEqual(
      groups.map((group) => group.code),
      catalog.categories.map((category) => category.code),
    );
  });
});

describe('acceptance page: the GB/T 2260 tree', () => {
  const tree = divisionTree();
  const flatten = (options: DivisionOption[]): string[] => options.flatMap((option) => [option.value, ...flatten(option.children ?? [])]);

  it('holds every code of the table exactly once, provinces at the root', () => {
    const inTree = flatten(tree);
    assert.equal(new Set(inTree).size, inTree.length);
    assert.deepEqual([...inTree].sort(), [...allDivisions().keys()].sort());
    assert.ok(tree.every((province) => province.value.endsWith('0000')));
    assert.equal(tree.find((province) => province.value === '420000')?.label, '湖北省');
  });

  it('hangs a county under its prefecture, or under its province where the table has no prefecture', () => {
    assert.deepEqual(path('420704'), ['420000', '420700', '420704']);
    // 429000 省直辖县级行政区划 and 110100 市辖区 are placeholders the table leaves out.
    assert.deepEqual(path('429004'), ['420000', '429004']);
    assert.deepEqual(path('110101'), ['110000', '110101']);
    assert.deepEqual(path('420700'), ['420000', '420700']);
    assert.equal(path('999999'), undefined);
  });
});

describe('acceptance page: the applicant', () => {
  const valid = demoCitizenId('420704', '1988-03-09', 7, 'male');
  it('names what is wrong the way the server would refuse it', () => {
    assert.deepEqual(applicantProblems({ name: '张三', idNumber: valid, phone: '138-0000 0000' }), {});
    const mistyped = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    assert.deepEqual(applicantProblems({ name: ' ', idNumber: mistyped, phone: '12' }), {
      name: 'nameRequired',
      idNumber: 'problemCitizenIdChecksum',
      phone: 'phoneInvalid',
    });
    assert.equal(applicantProblems({ name: '张三', idNumber: valid.slice(0, 10), phone: '' }).idNumber, 'problemCitizenIdFormat');
    assert.equal(applicantProblems({ name: '张'.repeat(51), idNumber: valid, phone: '' }).name, 'nameTooLong');
  });
});
