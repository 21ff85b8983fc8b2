import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/transaction.ts';
import { bandProbes, hashBands, REUSE_MAX_DISTANCE } from '../documents/hash-index.ts';
import { decodeInkMap } from '../documents/ink-map.ts';
import { inkDifference, REUSE_MAX_INK_DIFFERENCE } from '../documents/ink-map-compare.ts';
import { hammingDistance } from '../documents/perceptual-hash.ts';
import type { CaseWithUnit } from '../cases/cases.repo.ts';
import { insertBlobIfAbsent, insertCaseImage } from '../cases/cases.repo.ts';
import { findHashCandidates, findInkMaps, insertHashBands, insertInkMap, insertReuse } from './capture.repo.ts';
import type { IngestedOriginal } from './ingest-original.ts';

export interface RecordedPage {
  imageId: string;
  pageNo: number;
  sourcePage: number;
  warnings: string[];
  reusedIn: number;
}

export interface PagePlacement {
  materialCode: string;
  /** Page number the first page of the file takes; the following pages come after it. */
  firstPageNo: number;
  capturedBy: string;
  at: string;
  late: boolean;
  supplementReason: string | null;
  /** The blind-index values the case's applicant has under every index key (cases.repo.ts). */
  applicantIndexes: ReadonlySet<string>;
}

/**
 * How much work one page's reuse check may do, whatever the archive holds. The candidate query
 * returns at most MAX_HASH_CANDIDATES pages (those agreeing with the hash in the most bands); of
 * those within REUSE_MAX_DISTANCE, the MAX_VERIFIED_CANDIDATES nearest by Hamming distance are
 * compared by their ink maps (about a millisecond each) and only they can become findings. So a page
 * costs at most 16 comparisons and writes at most 16 findings, however many pages of its printed
 * form the archive holds; the price is that in a crowd of more than 16 such pages within the
 * distance, a real copy further away than the 16th is not found (docs/CAPTURE.md).
 */
export const MAX_HASH_CANDIDATES = 200;
export const MAX_VERIFIED_CANDIDATES = 16;

/**
 * Finds the pages elsewhere that are the same document image as this one: candidates from the band
 * index, the real Hamming distance, then the ink maps compared (documents/ink-map-compare.ts), which
 * tells apart documents of one printed form filled in for different people. A page captured before
 * ink maps existed is judged on the distance alone, as then. Only another person's case counts: the
 * same applicant may bring the same identity card to every case.
 */
async function recordReuse(
  tx: Tx,
  kase: CaseWithUnit,
  applicantIndexes: ReadonlySet<string>,
  imageId: string,
  page: { phash: string; inkMap: string | null },
  at: string,
): Promise<number> {
  const probes = hashBands(page.phash).map((value, band) => ({ band, exact: value, values: bandProbes(value) }));
  const candidates = await findHashCandidates(tx, probes, { caseId: kase.id, applicantIndexes }, MAX_HASH_CANDIDATES);
  const near = candidates
    .map((c) => ({ ...c, distance: hammingDistance(c.phash, page.phash) }))
    .filter((c) => c.distance <= REUSE_MAX_DISTANCE)
    .sort((a, b) => a.distance - b.distance || a.image_id.localeCompare(b.image_id))
    .slice(0, MAX_VERIFIED_CANDIDATES);
  const own = page.inkMap === null ? null : decodeInkMap(page.inkMap);
  const nearIds = near.map((c) => c.image_id);
  const theirs = own && nearIds.length > 0 ? await findInkMaps(tx, nearIds) : new Map<string, string>();
  const matches = near.filter((c) => {
    const other = theirs.get(c.image_id);
    return own === null || other === undefined || inkDifference(own, decodeInkMap(other)) <= REUSE_MAX_INK_DIFFERENCE;
  });
  await insertReuse(
    tx,
    matches.map((m) => ({
      image_id: imageId,
      other_image_id: m.image_id,
      case_id: kase.id,
      other_case_id: m.case_id,
      distance: m.distance,
      found_at: at,
    })),
  );
  await insertHashBands(tx, imageId, hashBands(page.phash));
  if (page.inkMap !== null) await insertInkMap(tx, imageId, page.inkMap);
  return matches.length;
}

/** Writes an ingested file's blob row and one page row per page, with quality, hash and reuse findings. */
export async function recordPages(tx: Tx, kase: CaseWithUnit, ingested: IngestedOriginal, placement: PagePlacement): Promise<RecordedPage[]> {
  const first = ingested.pages[0];
  await insertBlobIfAbsent(tx, {
    sha256: ingested.stored.sha256,
    sm3: ingested.stored.sm3,
    size: ingested.stored.size,
    media_type: ingested.original.mediaType,
    width: first?.width ?? 0,
    height: first?.height ?? 0,
    page_count: ingested.original.pageCount,
    fixity_checked_at: null,
    created_at: placement.at,
  });
  const recorded: RecordedPage[] = [];
  for (const [offset, page] of ingested.pages.entries()) {
    const imageId = randomUUID();
    const pageNo = placement.firstPageNo + offset;
    await insertCaseImage(tx, {
      id: imageId,
      case_id: kase.id,
      material_code: placement.materialCode,
      page_no: pageNo,
      blob_sha256: ingested.stored.sha256,
      captured_by: placement.capturedBy,
      captured_at: placement.at,
      late: placement.late ? 1 : 0,
      source_page: page.sourcePage,
      quality: JSON.stringify(page.quality),
      quality_override_reason: null,
      quality_override_by: null,
      quality_override_at: null,
      phash: page.phash,
      supplement_reason: placement.supplementReason,
      removed_at: null,
      removed_by: null,
      replaced_by: null,
    });
    const reusedIn = page.phash
      ? await recordReuse(tx, kase, placement.applicantIndexes, imageId, { phash: page.phash, inkMap: page.inkMap }, placement.at)
      : 0;
    recorded.push({ imageId, pageNo, sourcePage: page.sourcePage, warnings: page.quality.warnings.map((w) => w.code), reusedIn });
  }
  return recorded;
}
