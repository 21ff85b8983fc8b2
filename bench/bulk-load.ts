import type { DatabaseConfig } from '../server/config.ts';
import { anyStoredBlob, openArchiveWriter } from './bulk-load.repo.ts';
import { type CaseRowDraft, caseRowDraft } from './case-rows.ts';
import type { PlannedCase } from './workload.ts';
import type { KeyRing } from '../server/modules/population/id-protection.ts';

/** A loaded case the search bench looks for again: by number, person, name, sub-type and date. */
export interface CaseSample {
  caseNo: string;
  idNumber: string;
  name: string;
  subtypeCode: string;
  acceptedAt: string;
  unitId: string;
  status: string;
}

export interface BulkLoadResult {
  rows: number;
  /** Page rows written with the cases. */
  pages: number;
  seconds: number;
  /** Time spent inside the database driver only (the rest is generating the workload). */
  dbSeconds: number;
  /** ANALYZE after the load (PostgreSQL only; what autovacuum would do on its own a little later). */
  analyzeSeconds: number;
  samples: CaseSample[];
}

export interface BulkLoadOptions {
  plans: Iterable<PlannedCase>;
  count: number;
  asOf: Date;
  catalogVersion: string;
  /** The data keys of the server under test: loaded rows are stored as it stores them. */
  ring: KeyRing;
  userIds: Map<string, string>;
  samples: number;
  onProgress?: (rows: number) => void;
}

const BATCH = 10_000;

/**
 * Inserts `count` synthetic cases straight into the cases table with their page rows (no action
 * rows, page files or audit events: the search reads cases and units, the warning sweep cases and pages). Rows arrive in acceptance order, as they would.
 * Their case numbers are reserved from the server's own daily counters (bulk-load.repo.ts).
 */
export async function bulkLoadCases(config: DatabaseConfig, options: BulkLoadOptions): Promise<BulkLoadResult> {
  const writer = openArchiveWriter(config, await anyStoredBlob(config));
  const every = Math.max(1, Math.floor(options.count / Math.max(1, options.samples)));
  const samples: CaseSample[] = [];
  const started = performance.now();
  let dbMs = 0;
  let rows = 0;
  let pages = 0;
  let batch: { plan: PlannedCase; draft: CaseRowDraft }[] = [];
  const flush = async () => {
    const t = performance.now();
    const stored = await writer.write(batch.map((b) => b.draft));
    dbMs += performance.now() - t;
    // The writer returns the rows in the order of the drafts it was given, one row per draft.
    for (const [i, row] of stored.entries()) {
      const entry = batch[i];
      if (!entry) throw new Error(`the archive writer returned ${stored.length} rows for a batch of ${batch.length}`);
      const { plan } = entry;
      if (plan.serial % every !== every - 1) continue;
      // The ID number searched for is the plan's plain one: the stored column may one day hold ciphertext.
      samples.push({
        caseNo: row.case_no,
        idNumber: plan.applicant.idNumber,
        name: plan.applicant.name,
        subtypeCode: row.subtype_code,
        acceptedAt: row.accepted_at,
        unitId: row.unit_id,
        status: row.status,
      });
    }
    rows += batch.length;
    pages += batch.reduce((n, b) => n + b.draft.pages.length, 0);
    batch = [];
    options.onProgress?.(rows);
    // better-sqlite3 is synchronous: without a real turn of the event loop the bench's own keep-alive
    // sockets would never see the server close them while idle, and the next request would fail.
    await new Promise((resolve) => setImmediate(resolve));
  };
  try {
    for (const plan of options.plans) {
      if (rows + batch.length >= options.count) break;
      // A case accepted after the archive's date would be a case from the future.
      if (plan.acceptedAt >= options.asOf)
        throw new Error(`planned case accepted at ${plan.acceptedAt.toISOString()}, after the archive date ${options.asOf.toISOString()}`);
      const acceptedBy = options.userIds.get(plan.officer);
      if (!acceptedBy) throw new Error(`no user ${plan.officer} in the database`);
      batch.push({ plan, draft: caseRowDraft(options.ring, plan, options.asOf, options.catalogVersion, acceptedBy) });
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
  } catch (error) {
    await writer.finish().catch(() => undefined);
    throw error;
  }
  const t = performance.now();
  const analyzeSeconds = await writer.finish();
  dbMs += performance.now() - t - analyzeSeconds * 1000;
  return { rows, pages, seconds: (performance.now() - started) / 1000 - analyzeSeconds, dbSeconds: dbMs / 1000, analyzeSeconds, samples };
}
