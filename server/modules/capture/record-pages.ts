import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/transaction.ts';
import { bandProbes, hashBands, REUSE_MAX_DISTANCE } from '../documents/hash-index.ts';
import { hammingDistance } from '../documents/perceptual-hash.ts';
import type { CaseWithUnit } from '../cases/cases.repo.ts';
import { insertBlobIfAbsent, insertCaseImage } from '../cases/cases.repo.ts';
import { findHashCandidates, insertHashBands, insertReuse } from './capture.repo.ts';
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
 * Finds the pages elsewhere that are the same document image as this one: candidates from the band
 * index, then the real Hamming distance. Only another person's case counts: the same applicant may
 * bring the same identity card to every case.
 */
async function recordReuse(
  tx: Tx,
  kase: CaseWithUnit,
  applicantIndexes: ReadonlySet<string>,
  imageId: string,
  phash: string,
  at: string,
): Promise<number> {
  const probes = hashBands(phash).map((value, band) => ({ band, values: bandProbes(value) }));
  const candidates = await findHashCandidates(tx, probes);
  const matches = candidates.filter(
    (c) =>
      c.case_id !== kase.id &&
      (c.applicant_id_index === null || !applicantIndexes.has(c.applicant_id_index)) &&
      hammingDistance(c.phash, phash) <= REUSE_MAX_DISTANCE,
  );
  await insertReuse(
    tx,
    matches.map((m) => ({
      image_id: imageId,
      other_image_id: m.image_id,
      case_id: kase.id,
      other_case_id: m.case_id,
      distance: hammingDistance(m.phash, phash),
      found_at: at,
    })),
  );
  await insertHashBands(tx, imageId, hashBands(phash));
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
    const reusedIn = page.phash ? await recordReuse(tx, kase, placement.applicantIndexes, imageId, page.phash, placement.at) : 0;
    recorded.push({ imageId, pageNo, sourcePage: page.sourcePage, warnings: page.quality.warnings.map((w) => w.code), reusedIn });
  }
  return recorded;
}
