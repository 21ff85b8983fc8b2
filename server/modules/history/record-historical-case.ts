import { runAct } from '../../acts/run-act.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { openCase } from '../cases/open-case.ts';
import type { IngestedOriginal } from '../capture/ingest-original.ts';
import { recordPages } from '../capture/record-pages.ts';
import type { Actor } from '../org/actor.ts';
import { findUnitById } from '../org/org.repo.ts';
import { applicantIdIndexCandidates } from '../population/case-protection.ts';
import { maskCitizenId } from '../population/citizen-id.ts';
import { findHistoryImport, insertHistoryImport } from './history.repo.ts';
import type { HistoricalFile } from './validate-file.ts';

export interface IngestedMaterial {
  materialCode: string;
  originals: IngestedOriginal[];
}

export interface ImportedCase {
  caseId: string;
  caseNo: string;
  pages: number;
}

/** The file was imported before (by this run's officer or another of the station): nothing was written. */
export class AlreadyImported extends Error {
  constructor(
    readonly caseId: string,
    readonly caseNo: string,
  ) {
    super('already imported');
  }
}

/** Where an old file comes from: the station and its old file number, unique for all time. */
export function historySourceKey(unitId: string, oldFileNo: string): string {
  return `${unitId}/${oldFileNo}`;
}

/**
 * 历史档案采集 of one old file, in one transaction: the case, opened by `import_history` and so
 * completed at once (workflow.ts), every page of every material, the `history_imports` row that
 * makes the import resumable, and the audit event. The pages were ingested (checked, measured,
 * stored) before. The case is numbered on its historical day, so the number says when the business
 * happened and an import takes none of today's numbers from the window. A file imported meanwhile,
 * by any officer of the station, is left alone (AlreadyImported).
 */
export async function recordHistoricalCase(
  ctx: AppContext,
  actor: Actor,
  file: HistoricalFile,
  ingested: readonly IngestedMaterial[],
): Promise<ImportedCase> {
  const sourceKey = historySourceKey(actor.unitId, file.oldFileNo);
  const target = { action: 'case.import_history' as const, objectType: 'case', objectId: null };
  let worked = false;
  const imported = await runAct(
    ctx,
    actor,
    { target, idempotencyKey: `import-history:${sourceKey}`, fingerprint: { act: 'import_history', sourceKey } },
    async (tx) => {
      worked = true;
      const earlier = await findHistoryImport(tx, sourceKey);
      if (earlier) throw new AlreadyImported(earlier.case_id, earlier.case_no);
      const at = ctx.now().toISOString();
      const unit = await findUnitById(tx, actor.unitId);
      if (!unit) throw new AppError('NOT_FOUND', { unitId: actor.unitId });
      const applicantIdNumber = maskCitizenId(file.idNumber);
      const materials = ingested.map((m) => ({ materialCode: m.materialCode, files: m.originals.map((o) => o.stored.sha256) }));
      const about = {
        oldFileNo: file.oldFileNo,
        historicalDate: file.date,
        subtypeCode: file.ref.subtype.code,
        catalogVersion: file.ref.catalog.version,
        applicantIdNumber,
      };
      const { row } = await openCase(tx, ctx.dataKeys, {
        unit,
        numberDay: file.date,
        ref: file.ref,
        applicant: { name: file.personName, idNumber: file.idNumber, phone: null },
        fields: file.fields,
        opening: { action: 'import_history', actor, at, detail: { ...about, materials } },
      });
      const kase = { ...row, unit_path: unit.path, unit_name: unit.name };
      const applicantIndexes = new Set(applicantIdIndexCandidates(ctx.dataKeys, file.idNumber));
      let pages = 0;
      // Two rows may name the same material: its pages then follow on.
      const nextPageNo = new Map<string, number>();
      for (const material of ingested) {
        let firstPageNo = nextPageNo.get(material.materialCode) ?? 1;
        for (const original of material.originals) {
          const recorded = await recordPages(tx, kase, original, {
            materialCode: material.materialCode,
            firstPageNo,
            capturedBy: actor.userId,
            at,
            late: false,
            supplementReason: null,
            applicantIndexes,
          });
          firstPageNo += recorded.length;
          pages += recorded.length;
        }
        nextPageNo.set(material.materialCode, firstPageNo);
      }
      await insertHistoryImport(tx, { source_key: sourceKey, case_id: row.id, imported_by: actor.userId, imported_at: at });
      return {
        result: { caseId: row.id, caseNo: row.case_no, pages },
        at,
        audit: { objectId: row.id, caseId: row.id, detail: { seq: 1, ...about, caseNo: row.case_no, pages } },
      };
    },
  );
  // The same officer's earlier run committed it: the idempotency record answered, nothing ran.
  if (!worked) throw new AlreadyImported(imported.caseId, imported.caseNo);
  return imported;
}
