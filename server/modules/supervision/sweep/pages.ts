import { findImageReuse } from '../rules/image-reuse.ts';
import { findLateUpload } from '../rules/late-upload.ts';
import type { Finding } from '../rules/rule.ts';
import { findSupplement } from '../rules/supplement.ts';
import { listNotablePagesCaptured, listReuseOfImages, supplementActsFrom } from '../warning-facts.repo.ts';
import type { SweepRun } from './sweep-context.ts';

const PAGE_BATCH = 1000;
const PAST_SUBMISSION = new Set(['submitted', 'approved', 'completed']);

type PageRow = Awaited<ReturnType<typeof listNotablePagesCaptured>>[number];

/** The pages one act captured: same case, same instant. */
interface ActPages {
  rows: PageRow[];
}

function groupByAct(rows: readonly PageRow[]): ActPages[] {
  const groups: ActPages[] = [];
  for (const row of rows) {
    const current = groups[groups.length - 1]?.rows[0];
    if (current && current.case_id === row.case_id && current.captured_at === row.captured_at) groups[groups.length - 1]?.rows.push(row);
    else groups.push({ rows: [row] });
  }
  return groups;
}

async function findingsFor(run: SweepRun, groups: readonly ActPages[]): Promise<(Finding | null)[]> {
  const db = run.ctx.db.kysely;
  const firsts = groups.map((group) => group.rows[0]!);
  const supplemented = firsts.filter((row) => row.supplement_reason !== null).map((row) => ({ caseId: row.case_id, at: row.captured_at }));
  const from = await supplementActsFrom(db, supplemented);
  const reuse = await listReuseOfImages(
    db,
    groups.flatMap((group) => group.rows.map((row) => row.id)),
  );
  const findings: (Finding | null)[] = [];
  for (const group of groups) {
    const first = group.rows[0]!;
    const base = {
      caseId: first.case_id,
      unitId: first.unit_id,
      captureDeadline: first.capture_deadline,
      capturedAt: first.captured_at,
      materialCode: first.material_code,
      pages: group.rows.length,
      late: first.late === 1,
    };
    findings.push(findLateUpload(base, run.policy.late_upload));
    if (first.supplement_reason !== null) {
      const status = from.get(`${first.case_id}/${first.captured_at}`);
      findings.push(
        findSupplement({ ...base, reason: first.supplement_reason, afterSubmission: PAST_SUBMISSION.has(status ?? '') }, run.policy.supplement),
      );
    }
    const ids = new Set(group.rows.map((row) => row.id));
    const byOther = new Map<string, { otherCaseNo: string; pages: { imageId: string; otherImageId: string; distance: number }[] }>();
    for (const r of reuse.filter((r) => ids.has(r.imageId))) {
      const entry = byOther.get(r.otherCaseId) ?? { otherCaseNo: r.otherCaseNo, pages: [] };
      entry.pages.push({ imageId: r.imageId, otherImageId: r.otherImageId, distance: r.distance });
      byOther.set(r.otherCaseId, entry);
    }
    for (const [otherCaseId, entry] of byOther) {
      findings.push(
        findImageReuse(
          { caseId: first.case_id, unitId: first.unit_id, otherCaseId, capturedAt: first.captured_at, ...entry },
          run.policy.image_reuse,
        ),
      );
    }
  }
  return findings;
}

/**
 * 超期上传, 补录 and 图像重复使用 over the pages captured in the window (the capture time's index):
 * what an act raised already is found there; what an act could not (a historical import's reuse
 * findings, facts from before a rule was switched on for acts) is raised here. An act's pages are
 * judged together, even when they span two batches. Answers the pages read.
 */
export async function sweepPages(run: SweepRun): Promise<number> {
  const { late_upload, supplement, image_reuse } = run.policy;
  if (!late_upload.enabled && !supplement.enabled && !image_reuse.enabled) return 0;
  let carried: PageRow[] = [];
  let cursor: { at: string; caseId: string; id: string } | null = null;
  let read = 0;
  for (;;) {
    const rows = await listNotablePagesCaptured(run.ctx.db.kysely, run, cursor, PAGE_BATCH);
    read += rows.length;
    const groups = groupByAct([...carried, ...rows]);
    const more = rows.length === PAGE_BATCH;
    // The last act may go on in the next batch: judge it then.
    const complete = more ? groups.slice(0, -1) : groups;
    carried = more ? (groups[groups.length - 1]?.rows ?? []) : [];
    await run.raise(await findingsFor(run, complete));
    const last = rows[rows.length - 1];
    if (!more || !last) return read;
    cursor = { at: last.captured_at, caseId: last.case_id, id: last.id };
  }
}
