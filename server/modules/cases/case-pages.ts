import type { Kysely } from 'kysely';
import type { CaseImagesTable, Database } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import { findCurrentPortrait, listReuseForCase, type ReuseRow } from '../capture/capture.repo.ts';
import { listCaseImages } from './cases.repo.ts';

/** What the case page shows of a case's captured material: its pages, reuse findings, whether a portrait exists. */
export interface CasePages {
  images: CaseImagesTable[];
  reuse: ReuseRow[];
  portrait: { capturedAt: string; capturedBy: string } | null;
}

export async function loadCasePages(db: Kysely<Database> | Tx, caseId: string): Promise<CasePages> {
  const [images, reuse, portrait] = await Promise.all([listCaseImages(db, caseId), listReuseForCase(db, caseId), findCurrentPortrait(db, caseId)]);
  return { images, reuse, portrait: portrait ? { capturedAt: portrait.captured_at, capturedBy: portrait.captured_by } : null };
}
