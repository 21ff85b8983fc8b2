import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type Catalog, CatalogSchema } from './catalog.schema.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('./data/ezhou-catalog.2026.1.json', import.meta.url), 'utf8'));

type Category = Catalog['categories'][number];
type Subtype = Category['subtypes'][number];

function categoryAt(catalog: Catalog, index: number): Category {
  const category = catalog.categories[index];
  assert.ok(category, `the catalog has no category ${index}`);
  return category;
}

function subtypeAt(catalog: Catalog, categoryIndex: number, index: number): Subtype {
  const subtype = categoryAt(catalog, categoryIndex).subtypes[index];
  assert.ok(subtype, `category ${categoryIndex} has no sub-type ${index}`);
  return subtype;
}

describe('ezhou-2026.1 catalog data', () => {
  const catalog = CatalogSchema.parse(raw);
  const subtypes = catalog.categories.flatMap((c) => c.subtypes);

  it('is the version the file name says', () => {
    assert.equal(catalog.version, 'ezhou-2026.1');
  });

  it('has the 14 categories and 56 sub-types named in the pilot report', () => {
    assert.equal(catalog.categories.length, 14);
    assert.equal(subtypes.length, 56);
  });

  it('starts with 出生申报 → 当年出生 as 0101', () => {
    const birth = categoryAt(catalog, 0);
    assert.equal(birth.code, '01');
    assert.equal(birth.name, '出生申报');
    const thisYear = subtypeAt(catalog, 0, 0);
    assert.equal(thisYear.code, '0101');
    assert.equal(thisYear.name, '当年出生');
  });

  it("uses unique codes for categories, sub-types and each sub-type's materials", () => {
    const categoryCodes = catalog.categories.map((c) => c.code);
    assert.equal(new Set(categoryCodes).size, categoryCodes.length);
    const subtypeCodes = subtypes.map((s) => s.code);
    assert.equal(new Set(subtypeCodes).size, subtypeCodes.length);
    for (const s of subtypes) {
      const materialCodes = s.materials.map((m) => m.code);
      assert.equal(new Set(materialCodes).size, materialCodes.length, s.code);
    }
  });

  it('gives every sub-type at least one required material and a basis', () => {
    for (const s of subtypes) {
      assert.ok(
        s.materials.some((m) => m.required),
        `${s.code} has no required material`,
      );
      assert.ok(s.basis.trim().length > 0, `${s.code} has an empty basis`);
      for (const m of s.materials) if (m.basis !== undefined) assert.ok(m.basis.trim().length > 0, `${s.code}/${m.code}`);
    }
  });

  it('lets the station approve simple business and sends high-risk business to the city', () => {
    const byCode = new Map(subtypes.map((s) => [s.code, s]));
    assert.deepEqual(byCode.get('0101')?.approvalChain, ['station']);
    assert.deepEqual(byCode.get('1202')?.approvalChain, ['station']);
    assert.deepEqual(byCode.get('1103')?.approvalChain, ['station', 'branch', 'city']);
    for (const s of subtypes) assert.ok(s.approvalLimitHours <= 72 && s.captureLimitHours <= 48, s.code);
  });

  it('matches the sub-type table in docs/CATALOG.md', () => {
    const doc = readFileSync(new URL('../../../docs/CATALOG.md', import.meta.url), 'utf8');
    const levelZh = { station: '派出所', branch: '分局', city: '市局' } as const;
    const rows = doc
      .split('\n')
      .filter((line) => /^\| \d{4} \|/.test(line))
      .map((line) => line.split(' | ').slice(0, 6).join(' | '));
    const expected = subtypes.map((s) =>
      ['| ' + s.code, s.name, s.nameEn, s.approvalChain.map((l) => levelZh[l]).join(' → '), s.captureLimitHours, s.approvalLimitHours].join(' | '),
    );
    assert.deepEqual(rows, expected);
  });
});

describe('CatalogSchema refinements', () => {
  const good = (): Catalog => structuredClone(raw) as Catalog;

  function issues(bad: Catalog): string[] {
    const result = CatalogSchema.safeParse(bad);
    assert.ok(!result.success, 'a bad catalog was accepted');
    return result.error.issues.map((i) => i.message);
  }

  it('accepts the shipped catalog unchanged', () => {
    assert.equal(CatalogSchema.safeParse(good()).success, true);
  });

  it('refuses a duplicate sub-type code', () => {
    const bad = good();
    subtypeAt(bad, 0, 1).code = '0101';
    assert.ok(issues(bad).some((m) => m.includes('duplicate sub-type code 0101')));
  });

  it('refuses a sub-type code that does not start with its category code', () => {
    const bad = good();
    subtypeAt(bad, 0, 1).code = '0299';
    assert.ok(issues(bad).some((m) => m.includes('does not start with its category code 01')));
  });

  it('refuses a descending or repeated approval chain', () => {
    const descending = good();
    subtypeAt(descending, 0, 0).approvalChain = ['city', 'branch'];
    assert.ok(issues(descending).some((m) => m.includes('approval chain of 0101')));
    const repeated = good();
    subtypeAt(repeated, 0, 0).approvalChain = ['branch', 'branch'];
    assert.ok(issues(repeated).some((m) => m.includes('approval chain of 0101')));
  });

  it('refuses an enum field without options', () => {
    const missing = good();
    const field = subtypeAt(missing, 0, 0).fields.find((f) => f.key === 'childSex');
    assert.ok(field, '0101 has the field childSex');
    delete field.options;
    assert.ok(issues(missing).some((m) => m.includes('enum field childSex in 0101 has no options')));
    const empty = good();
    const emptied = subtypeAt(empty, 0, 0).fields.find((f) => f.key === 'childSex');
    assert.ok(emptied, '0101 has the field childSex');
    emptied.options = [];
    assert.ok(issues(empty).some((m) => m.includes('enum field childSex')));
  });

  it('refuses duplicate category codes, material codes and field keys', () => {
    const category = good();
    categoryAt(category, 1).code = '01';
    assert.ok(issues(category).some((m) => m.includes('duplicate category code 01')));
    const material = good();
    const [firstMaterial, secondMaterial] = subtypeAt(material, 0, 0).materials;
    assert.ok(firstMaterial && secondMaterial, '0101 has two materials');
    secondMaterial.code = firstMaterial.code;
    assert.ok(issues(material).some((m) => m.includes(`duplicate material code ${firstMaterial.code} in 0101`)));
    const field = good();
    const [firstField, secondField] = subtypeAt(field, 0, 0).fields;
    assert.ok(firstField && secondField, '0101 has two fields');
    secondField.key = firstField.key;
    assert.ok(issues(field).some((m) => m.includes(`duplicate field key ${firstField.key} in 0101`)));
  });
});
