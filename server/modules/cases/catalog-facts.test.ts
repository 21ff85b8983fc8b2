import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Catalog, CatalogSubtype } from '../catalog/catalog.schema.ts';
import { requiredPages, stepsPendingAt } from './catalog-facts.ts';

function subtype(code: string, approvalChain: CatalogSubtype['approvalChain'], materials: [string, boolean, number][]): CatalogSubtype {
  return {
    code,
    name: code,
    nameEn: code,
    approvalChain,
    captureLimitHours: 24,
    approvalLimitHours: 24,
    basis: 'test',
    fields: [],
    materials: materials.map(([m, required, minPages]) => ({ code: m, name: m, nameEn: m, required, minPages, verifyOriginal: false })),
  };
}

const catalog = (version: string, subtypes: CatalogSubtype[]): Catalog => ({
  version,
  title: version,
  effectiveFrom: '2026-01-01',
  source: 'test',
  categories: [{ code: '01', name: '户口登记', nameEn: 'Registration', subtypes }],
});

const V1 = catalog('v1', [
  subtype('0101', ['station'], [['a', true, 1]]),
  subtype(
    '0102',
    ['station', 'branch', 'city'],
    [
      ['b', true, 2],
      ['c', false, 1],
    ],
  ),
]);
const V2 = catalog('v2', [subtype('0101', ['branch', 'station'], [['a', true, 3]])]);

describe('catalog facts for queries', () => {
  it('names every chain step, of every version, at which a case waits for a level', () => {
    assert.deepEqual(stepsPendingAt([V1, V2], 'station'), [
      { catalogVersion: 'v1', subtypeCode: '0101', chainStep: 0 },
      { catalogVersion: 'v1', subtypeCode: '0102', chainStep: 0 },
      { catalogVersion: 'v2', subtypeCode: '0101', chainStep: 1 },
    ]);
    assert.deepEqual(stepsPendingAt([V1, V2], 'city'), [{ catalogVersion: 'v1', subtypeCode: '0102', chainStep: 2 }]);
  });

  it('tells the steps a level reviews (审核, not the last) from those it approves (审批, the last)', () => {
    assert.deepEqual(stepsPendingAt([V1, V2], 'station', 'review'), [{ catalogVersion: 'v1', subtypeCode: '0102', chainStep: 0 }]);
    assert.deepEqual(stepsPendingAt([V1, V2], 'station', 'approve'), [
      { catalogVersion: 'v1', subtypeCode: '0101', chainStep: 0 },
      { catalogVersion: 'v2', subtypeCode: '0101', chainStep: 1 },
    ]);
    assert.deepEqual(stepsPendingAt([V1, V2], 'branch', 'review'), [
      { catalogVersion: 'v1', subtypeCode: '0102', chainStep: 1 },
      { catalogVersion: 'v2', subtypeCode: '0101', chainStep: 0 },
    ]);
    assert.deepEqual(stepsPendingAt([V1, V2], 'branch', 'approve'), []);
    assert.deepEqual(stepsPendingAt([V1, V2], 'city', 'review'), []);
  });

  it('lists required materials only, with their minimum pages per version', () => {
    assert.deepEqual(requiredPages([V1, V2]), [
      { catalogVersion: 'v1', subtypeCode: '0101', materialCode: 'a', minPages: 1 },
      { catalogVersion: 'v1', subtypeCode: '0102', materialCode: 'b', minPages: 2 },
      { catalogVersion: 'v2', subtypeCode: '0101', materialCode: 'a', minPages: 3 },
    ]);
  });
});
