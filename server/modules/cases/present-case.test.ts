import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReuseRow } from '../capture/capture.repo.ts';
import type { CasePages } from './case-pages.ts';
import type { CaseImagesTable } from '../../db/schema.ts';
import type { SubtypeRef } from '../catalog/catalog-registry.ts';
import type { Catalog, CatalogSubtype } from '../catalog/catalog.schema.ts';
import type { CaseWithUnit } from './cases.repo.ts';
import { presentCase, presentCaseSummary } from './present-case.ts';

const SUBTYPE: CatalogSubtype = {
  code: '0101',
  name: '出生登记',
  nameEn: 'Birth registration',
  approvalChain: ['station', 'branch'],
  captureLimitHours: 72,
  approvalLimitHours: 120,
  basis: 'test',
  fields: [
    { key: 'childName', label: '姓名', labelEn: 'Name', type: 'text', required: true, maxLength: 30 },
    { key: 'fatherIdNumber', label: '父亲公民身份号码', labelEn: "Father's citizen ID number", type: 'idNumber', required: false },
    { key: 'motherIdNumber', label: '母亲公民身份号码', labelEn: "Mother's citizen ID number", type: 'idNumber', required: false },
    { key: 'householderIdNumber', label: '户主公民身份号码', labelEn: "Householder's citizen ID number", type: 'idNumber', required: true },
    { key: 'householdSize', label: '户内人数', labelEn: 'Household size', type: 'integer', required: true },
  ],
  materials: [
    { code: 'birth-certificate', name: '出生医学证明', nameEn: 'Birth certificate', required: true, minPages: 1, verifyOriginal: true },
    { code: 'household-register', name: '户口簿', nameEn: 'Household register', required: true, minPages: 2, verifyOriginal: true },
    { code: 'parent-ids', name: '父母身份证', nameEn: "Parents' ID cards", required: false, minPages: 2, verifyOriginal: false },
  ],
};

const CATALOG: Catalog = {
  version: 'test-2026.1',
  title: 'test',
  effectiveFrom: '2026-01-01',
  source: 'test',
  categories: [{ code: '01', name: '户口登记', nameEn: 'Registration', subtypes: [SUBTYPE] }],
};

const REF: SubtypeRef = { catalog: CATALOG, categoryCode: '01', categoryName: '户口登记', subtype: SUBTYPE };

const ROW: CaseWithUnit = {
  id: '6f1c2a7e-9d3b-4c55-8e21-0b7f4d9a1c30',
  case_no: '201-261130-0001',
  catalog_version: 'test-2026.1',
  subtype_code: '0101',
  unit_id: '420704510000',
  unit_name: '古楼派出所',
  unit_path: '/420700000000/420704000000/420704510000/',
  status: 'submitted',
  chain_step: 1,
  applicant_name: '王芳',
  applicant_id_number: '420703199001011234',
  applicant_phone: '13800000000',
  fields: JSON.stringify({
    childName: '王小明',
    motherIdNumber: '44052419800101001x',
    householderIdNumber: '11010519491231002X',
    householdSize: 3,
  }),
  accepted_by: 'u-a',
  accepted_at: '2026-11-30T01:00:00.000Z',
  capture_deadline: '2026-12-03T01:00:00.000Z',
  submitted_at: '2026-11-30T04:00:00.000Z',
  approval_deadline: '2026-12-05T04:00:00.000Z',
  decided_at: null,
  closed_at: null,
  version: 4,
  updated_at: '2026-11-30T06:00:00.000Z',
};

function image(id: string, material: string, page: number, late: 0 | 1): CaseImagesTable {
  return {
    id,
    case_id: ROW.id,
    material_code: material,
    page_no: page,
    blob_sha256: `sha-${id}`,
    captured_by: 'u-x',
    captured_at: `2026-11-30T02:0${page}:00.000Z`,
    late,
    source_page: 0,
    quality: null,
    quality_override_reason: null,
    quality_override_by: null,
    quality_override_at: null,
    phash: null,
    supplement_reason: null,
    removed_at: null,
    removed_by: null,
    replaced_by: null,
  };
}

const BLURRED = { code: 'BLURRED' as const, measured: 12, limit: 60 };
const DARK = { code: 'TOO_DARK' as const, measured: 40, limit: 70 };

const IMAGES = [
  { ...image('i1', 'household-register', 1, 0), quality: JSON.stringify({ metrics: {}, warnings: [BLURRED] }) },
  { ...image('i2', 'birth-certificate', 1, 1), supplement_reason: '原件补交' },
  {
    ...image('i3', 'household-register', 2, 0),
    quality: JSON.stringify({ metrics: {}, warnings: [DARK] }),
    quality_override_reason: '原件字迹本身较淡',
    quality_override_by: 'u-y',
    quality_override_at: '2026-11-30T03:00:00.000Z',
  },
  image('i4', 'parent-ids', 1, 0),
];

const REUSE: ReuseRow = {
  image_id: 'i4',
  other_image_id: 'o1',
  other_case_id: 'c-other',
  other_case_no: '201-261129-0003',
  other_unit_name: '西山派出所',
  other_material_code: 'parent-ids',
  other_page_no: 2,
  other_captured_at: '2026-11-29T01:00:00.000Z',
  distance: 3,
  found_at: '2026-11-30T02:01:00.000Z',
};

const PAGES: CasePages = { images: IMAGES, reuse: [REUSE], portrait: { capturedAt: '2026-11-30T02:00:00.000Z', capturedBy: 'u-x' } };
const NO_PAGES: CasePages = { images: [], reuse: [], portrait: null };
const NOTHING_ELSE = { sourcePage: 0, supplement: null, qualityWarnings: [], qualityOverride: null, reuse: [] };

const SUMMARY = {
  id: '6f1c2a7e-9d3b-4c55-8e21-0b7f4d9a1c30',
  caseNo: '201-261130-0001',
  catalogVersion: 'test-2026.1',
  subtype: { code: '0101', name: '出生登记', nameEn: 'Birth registration', categoryCode: '01', categoryName: '户口登记' },
  unit: { id: '420704510000', name: '古楼派出所' },
  status: 'submitted',
  statusLabel: { zh: '审批中', en: 'Under approval' },
  pendingLevel: 'branch',
  approvalChain: ['station', 'branch'],
  applicant: { name: '王芳', idNumberMasked: '420703********1234' },
  acceptedBy: 'u-a',
  acceptedAt: '2026-11-30T01:00:00.000Z',
  captureDeadline: '2026-12-03T01:00:00.000Z',
  submittedAt: '2026-11-30T04:00:00.000Z',
  approvalDeadline: '2026-12-05T04:00:00.000Z',
  decidedAt: null,
  closedAt: null,
  version: 4,
};

describe('presentCaseSummary', () => {
  it("presents the row with the applicant's number masked and the level that acts next", () => {
    assert.deepEqual(presentCaseSummary(ROW, REF), SUMMARY);
  });

  it('has no pending level once decided', () => {
    const approved = { ...ROW, status: 'approved' as const, decided_at: '2026-12-01T00:00:00.000Z' };
    const view = presentCaseSummary(approved, REF);
    assert.equal(view.pendingLevel, null);
    assert.deepEqual(view.statusLabel, { zh: '已审批', en: 'Approved' });
    assert.equal(view.decidedAt, '2026-12-01T00:00:00.000Z');
  });
});

/** Passed through as they are: allowed-acts.ts decides them. */
const PERMISSIONS = { allowedActs: ['review' as const, 'return' as const], canRevealId: true };

describe('presentCase', () => {
  it('masks every ID-number field, leaves other fields as they are, and counts pages per material', () => {
    assert.deepEqual(presentCase(ROW, REF, PAGES, PERMISSIONS), {
      ...SUMMARY,
      applicantPhone: '13800000000',
      fields: {
        childName: '王小明',
        motherIdNumber: '440524********001X',
        householderIdNumber: '110105********002X',
        householdSize: 3,
      },
      materials: [
        {
          code: 'birth-certificate',
          name: '出生医学证明',
          nameEn: 'Birth certificate',
          required: true,
          minPages: 1,
          verifyOriginal: true,
          pagesCaptured: 1,
          complete: true,
        },
        {
          code: 'household-register',
          name: '户口簿',
          nameEn: 'Household register',
          required: true,
          minPages: 2,
          verifyOriginal: true,
          pagesCaptured: 2,
          complete: true,
        },
        {
          code: 'parent-ids',
          name: '父母身份证',
          nameEn: "Parents' ID cards",
          required: false,
          minPages: 2,
          verifyOriginal: false,
          pagesCaptured: 1,
          complete: false,
        },
      ],
      images: [
        {
          ...NOTHING_ELSE,
          id: 'i1',
          materialCode: 'household-register',
          pageNo: 1,
          sha256: 'sha-i1',
          capturedBy: 'u-x',
          capturedAt: '2026-11-30T02:01:00.000Z',
          late: false,
          qualityWarnings: [BLURRED],
        },
        {
          ...NOTHING_ELSE,
          id: 'i2',
          materialCode: 'birth-certificate',
          pageNo: 1,
          sha256: 'sha-i2',
          capturedBy: 'u-x',
          capturedAt: '2026-11-30T02:01:00.000Z',
          late: true,
          supplement: { reason: '原件补交' },
        },
        {
          ...NOTHING_ELSE,
          id: 'i3',
          materialCode: 'household-register',
          pageNo: 2,
          sha256: 'sha-i3',
          capturedBy: 'u-x',
          capturedAt: '2026-11-30T02:02:00.000Z',
          late: false,
          qualityWarnings: [DARK],
          qualityOverride: { reason: '原件字迹本身较淡', by: 'u-y', at: '2026-11-30T03:00:00.000Z' },
        },
        {
          ...NOTHING_ELSE,
          id: 'i4',
          materialCode: 'parent-ids',
          pageNo: 1,
          sha256: 'sha-i4',
          capturedBy: 'u-x',
          capturedAt: '2026-11-30T02:01:00.000Z',
          late: false,
          reuse: [
            {
              otherImageId: 'o1',
              otherCaseId: 'c-other',
              otherCaseNo: '201-261129-0003',
              otherUnitName: '西山派出所',
              otherMaterialCode: 'parent-ids',
              otherPageNo: 2,
              otherCapturedAt: '2026-11-29T01:00:00.000Z',
              distance: 3,
              foundAt: '2026-11-30T02:01:00.000Z',
            },
          ],
        },
      ],
      capture: { supplementPages: 1, latePages: 1, qualityUnresolved: 1, reusedPages: 1 },
      portrait: { capturedAt: '2026-11-30T02:00:00.000Z', capturedBy: 'u-x' },
      allowedActs: ['review', 'return'],
      canRevealId: true,
    });
  });

  it('shows no full ID number anywhere in the answer', () => {
    const json = JSON.stringify(presentCase(ROW, REF, PAGES, PERMISSIONS));
    for (const full of ['420703199001011234', '44052419800101001', '11010519491231002']) assert.ok(!json.includes(full), full);
  });

  it('presents a case with no pages: every material incomplete, no images', () => {
    const view = presentCase(ROW, REF, NO_PAGES, PERMISSIONS);
    assert.deepEqual(
      view.materials.map((m) => [m.code, m.pagesCaptured, m.complete]),
      [
        ['birth-certificate', 0, false],
        ['household-register', 0, false],
        ['parent-ids', 0, false],
      ],
    );
    assert.deepEqual(view.images, []);
  });
});
