import type { Kysely } from 'kysely';
import type { CaseImagesTable, CasePortraitsTable, Database } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Kysely<Database> | Tx;

/** The index rows of a page's perceptual hash: one (band, value) per band. */
export async function insertHashBands(db: Q, imageId: string, bands: readonly number[]): Promise<void> {
  if (bands.length === 0) return;
  await db
    .insertInto('image_hash_bands')
    .values(bands.map((value, band) => ({ band, value, image_id: imageId })))
    .execute();
}

export interface HashCandidate {
  image_id: string;
  case_id: string;
  phash: string;
}

/**
 * Pages of other people's cases sharing at least one probed (band, value) with a hash: index
 * lookups only, never a walk over every page. Pages removed since, pages of `caseId` and pages of a
 * case whose applicant has one of `applicantIndexes` are left out; the caller checks the real
 * distance. At most `limit` rows: those agreeing with the hash in the most bands (a band equal to
 * the hash's counts 2, one bit away 1), so a crowd of pages of one printed form cannot make the
 * answer, or the work on it, grow without bound.
 */
export async function findHashCandidates(
  db: Q,
  probes: readonly { band: number; exact: number; values: readonly number[] }[],
  exclude: { caseId: string; applicantIndexes: ReadonlySet<string> },
  limit: number,
): Promise<HashCandidate[]> {
  const live = probes.filter((p) => p.values.length > 0);
  if (live.length === 0) return [];
  const indexes = [...exclude.applicantIndexes];
  const rows = await db
    .selectFrom('image_hash_bands')
    .innerJoin('case_images', 'case_images.id', 'image_hash_bands.image_id')
    .innerJoin('cases', 'cases.id', 'case_images.case_id')
    .select((eb) => [
      'case_images.id as image_id',
      'case_images.case_id',
      'case_images.phash',
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(eb.or(live.map((p) => eb.and([eb('image_hash_bands.band', '=', p.band), eb('image_hash_bands.value', '=', p.exact)]))))
            .then(2)
            .else(1)
            .end(),
        )
        .as('agreement'),
    ])
    .where((eb) => eb.or(live.map((p) => eb.and([eb('image_hash_bands.band', '=', p.band), eb('image_hash_bands.value', 'in', [...p.values])]))))
    .where('case_images.removed_at', 'is', null)
    .where('case_images.phash', 'is not', null)
    .where('case_images.case_id', '<>', exclude.caseId)
    .$if(indexes.length > 0, (q) =>
      q.where((eb) => eb.or([eb('cases.applicant_id_index', 'is', null), eb('cases.applicant_id_index', 'not in', indexes)])),
    )
    .groupBy(['case_images.id', 'case_images.case_id', 'case_images.phash'])
    .orderBy('agreement', 'desc')
    .orderBy('case_images.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ image_id: r.image_id, case_id: r.case_id, phash: r.phash! }));
}

/** The fine ink maps of these pages, by page; a page captured before migration 0009 has none. */
export async function findInkMaps(db: Q, imageIds: readonly string[]): Promise<Map<string, string>> {
  if (imageIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('image_ink_maps')
    .select(['image_id', 'ink_map'])
    .where('image_id', 'in', [...imageIds])
    .execute();
  return new Map(rows.map((r) => [r.image_id, r.ink_map]));
}

export async function insertInkMap(db: Q, imageId: string, inkMap: string): Promise<void> {
  await db.insertInto('image_ink_maps').values({ image_id: imageId, ink_map: inkMap }).execute();
}

export async function insertReuse(
  db: Q,
  rows: readonly { image_id: string; other_image_id: string; case_id: string; other_case_id: string; distance: number; found_at: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('image_reuse')
    .values([...rows])
    .onConflict((oc) => oc.columns(['image_id', 'other_image_id']).doNothing())
    .execute();
}

export interface ReuseRow {
  image_id: string;
  other_image_id: string;
  other_case_id: string;
  other_case_no: string;
  other_unit_name: string;
  other_material_code: string;
  other_page_no: number;
  other_captured_at: string;
  distance: number;
  found_at: string;
}

/**
 * Every reuse touching a case, seen from the case: a page of ours that matches a page elsewhere,
 * whichever of the two was captured first (the row is written once, by the later capture).
 */
export async function listReuseForCase(db: Q, caseId: string): Promise<ReuseRow[]> {
  const select = (own: 'image_id' | 'other_image_id', other: 'image_id' | 'other_image_id', ownCase: 'case_id' | 'other_case_id') =>
    db
      .selectFrom('image_reuse')
      .innerJoin('case_images as theirs', 'theirs.id', `image_reuse.${other}`)
      .innerJoin('cases', 'cases.id', 'theirs.case_id')
      .innerJoin('units', 'units.id', 'cases.unit_id')
      .innerJoin('case_images as ours', 'ours.id', `image_reuse.${own}`)
      .select([
        `image_reuse.${own} as image_id`,
        `image_reuse.${other} as other_image_id`,
        'cases.id as other_case_id',
        'cases.case_no as other_case_no',
        'units.name as other_unit_name',
        'theirs.material_code as other_material_code',
        'theirs.page_no as other_page_no',
        'theirs.captured_at as other_captured_at',
        'image_reuse.distance',
        'image_reuse.found_at',
      ])
      .where(`image_reuse.${ownCase}`, '=', caseId)
      .where('ours.removed_at', 'is', null);
  const rows = [
    ...(await select('image_id', 'other_image_id', 'case_id').execute()),
    ...(await select('other_image_id', 'image_id', 'other_case_id').execute()),
  ];
  return rows.sort((a, b) => a.found_at.localeCompare(b.found_at) || a.image_id.localeCompare(b.image_id));
}

/** Whether two pages are linked by a reuse finding (either way round). */
export async function reuseLinks(db: Q, imageId: string, otherImageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('image_reuse')
    .select('image_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('image_id', '=', imageId), eb('other_image_id', '=', otherImageId)]),
        eb.and([eb('image_id', '=', otherImageId), eb('other_image_id', '=', imageId)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** A page of any case with its original's type and page count (for showing the other side of a reuse). */
export function findImageWithBlob(db: Q, imageId: string) {
  return db
    .selectFrom('case_images')
    .innerJoin('blobs', 'blobs.sha256', 'case_images.blob_sha256')
    .selectAll('case_images')
    .select(['blobs.media_type', 'blobs.page_count'])
    .where('case_images.id', '=', imageId)
    .executeTakeFirst();
}

/** The pages of one material in place now, in order. */
export function listMaterialPages(db: Q, caseId: string, materialCode: string): Promise<CaseImagesTable[]> {
  return db
    .selectFrom('case_images')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('material_code', '=', materialCode)
    .where('removed_at', 'is', null)
    .orderBy('page_no')
    .execute();
}

export async function setPageNumber(db: Q, imageId: string, pageNo: number): Promise<void> {
  await db.updateTable('case_images').set({ page_no: pageNo }).where('id', '=', imageId).execute();
}

export async function markPageRemoved(db: Q, imageId: string, by: string, at: string, replacedBy: string | null): Promise<void> {
  await db.updateTable('case_images').set({ removed_at: at, removed_by: by, replaced_by: replacedBy }).where('id', '=', imageId).execute();
}

export async function setQualityOverride(db: Q, imageId: string, override: { reason: string; by: string; at: string }): Promise<void> {
  await db
    .updateTable('case_images')
    .set({ quality_override_reason: override.reason, quality_override_by: override.by, quality_override_at: override.at })
    .where('id', '=', imageId)
    .execute();
}

export async function insertPortrait(db: Q, row: CasePortraitsTable): Promise<void> {
  await db.insertInto('case_portraits').values(row).execute();
}

/** Retires the portraits a new one replaces: a case shows one portrait, the latest. */
export async function retirePortraits(db: Q, caseId: string, at: string): Promise<void> {
  await db.updateTable('case_portraits').set({ removed_at: at }).where('case_id', '=', caseId).where('removed_at', 'is', null).execute();
}

export function findCurrentPortrait(db: Q, caseId: string) {
  return db
    .selectFrom('case_portraits')
    .innerJoin('blobs', 'blobs.sha256', 'case_portraits.blob_sha256')
    .selectAll('case_portraits')
    .select('blobs.media_type')
    .where('case_portraits.case_id', '=', caseId)
    .where('case_portraits.removed_at', 'is', null)
    .executeTakeFirst();
}
