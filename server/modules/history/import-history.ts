import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../../context.ts';
import { AppError, isAppError } from '../../errors.ts';
import { forbidden, recordRefusal } from '../audit/audited.ts';
import { canImportHistory } from '../cases/cases.policy.ts';
import type { Actor } from '../org/actor.ts';
import { findUnitById, findUserByUsername } from '../org/org.repo.ts';
import { isRole } from '../org/roles.ts';
import { findHistoryImport } from './history.repo.ts';
import { ingestFile } from './ingest-file.ts';
import { countManifest, type ManifestFile, manifestFiles, manifestRecords, splitPages } from './manifest.ts';
import { type ProgressStream, ProgressReporter } from './progress.ts';
import { AlreadyImported, historySourceKey, recordHistoricalCase } from './record-historical-case.ts';
import { describeRefusal, type SummaryRow, SummaryWriter } from './summary.ts';
import { validateFile } from './validate-file.ts';

export interface ImportHistoryOptions {
  /** The folder holding manifest.csv and the page files it names. */
  dir: string;
  /** The importing officer's user name: the acts are theirs, for their station. */
  officer: string;
  /** Files ingested side by side (default: the machine's available parallelism). */
  jobs?: number;
  /** Stop once this many files are imported; files still being ingested then are left, as a kill would leave them. */
  limit?: number;
  /** Stop as soon as possible: files not yet committed are left for the next run. */
  signal?: AbortSignal;
  /** Where progress goes (default stderr): a bar on a terminal, periodic lines otherwise. */
  progress?: ProgressStream;
  /** Milliseconds, for the progress rate (default performance.now). */
  clock?: () => number;
}

export interface ImportHistoryReport {
  summaryPath: string;
  /** Files in the manifest. */
  files: number;
  imported: number;
  skipped: number;
  refused: number;
  /** Pages of the files imported by this run. */
  pages: number;
  /** Files this run did not finish (it stopped); the next run takes them. */
  unfinished: number;
  stopped: null | 'limit' | 'aborted' | 'failed';
  /** What stopped the run when it failed (a storage fault, a bug): never a file's own problem. */
  failure: unknown;
  /** The first refusals, to print; the summary file has them all. */
  refusals: SummaryRow[];
}

const REFUSALS_SHOWN = 20;
const TARGET = { action: 'case.import_history' as const, objectType: 'case', objectId: null };

/** The importing officer as an actor, as a session would prove them; a disabled account imports nothing. */
async function resolveOfficer(ctx: AppContext, username: string): Promise<Actor> {
  const user = await findUserByUsername(ctx.db.kysely, username);
  if (!user || !isRole(user.role)) throw new AppError('NOT_FOUND', { username });
  const unit = await findUnitById(ctx.db.kysely, user.unit_id);
  if (!unit) throw new AppError('NOT_FOUND', { unitId: user.unit_id });
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    unitId: unit.id,
    unitKind: unit.kind,
    unitPath: unit.path,
  };
  if (user.disabled) {
    const refusal = forbidden('ACCOUNT_DISABLED');
    await recordRefusal(ctx, actor, TARGET, refusal);
    throw refusal;
  }
  return actor;
}

/** Runs one task at a time, in the order asked: commits, which the database would serialise anyway. */
function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * `hukou import-history DIR --officer USERNAME`: historical capture (历史档案采集) of a station's old
 * paper files from DIR/manifest.csv (docs/CAPTURE.md, "Historical capture"). The manifest is read
 * twice as it streams: once to count (for the progress bar) and to find files whose rows are apart,
 * then to import, one file at a time in memory per worker. Several files are ingested side by side
 * (`jobs`); each is committed in its own transaction as soon as it is ingested, so commits follow
 * the order in which files finish, not the manifest's. A file already imported is skipped; a file
 * with a problem is refused with its reason and the import goes on; a fault of the storage stops it.
 */
export async function importHistory(ctx: AppContext, options: ImportHistoryOptions): Promise<ImportHistoryReport> {
  const dir = path.resolve(options.dir);
  const actor = await resolveOfficer(ctx, options.officer);
  const decision = canImportHistory(actor);
  if (!decision.allow) {
    const refusal = forbidden(decision.reason);
    await recordRefusal(ctx, actor, TARGET, refusal);
    throw refusal;
  }
  const manifest = path.join(dir, 'manifest.csv');
  const counts = await countManifest(manifestRecords(manifest));
  const summary = await SummaryWriter.create(dir, ctx.now());
  const progress = new ProgressReporter(
    options.progress ?? process.stderr,
    { files: counts.files, pageFiles: counts.pageFiles },
    options.clock ?? (() => performance.now()),
  );
  const jobs = Math.max(1, Math.floor(options.jobs ?? os.availableParallelism()));
  const commit = serialQueue();
  const report: ImportHistoryReport = {
    summaryPath: summary.path,
    files: counts.files,
    imported: 0,
    skipped: 0,
    refused: 0,
    pages: 0,
    unfinished: 0,
    stopped: null,
    failure: null,
    refusals: [],
  };
  const scatteredReported = new Set<string>();
  let committed = 0;

  const stopping = () => {
    if (report.stopped === null && options.signal?.aborted) report.stopped = 'aborted';
    return report.stopped !== null;
  };
  const finish = (row: SummaryRow, pageFilesLeft: number) => {
    summary.write(row);
    report[row.outcome]++;
    if (row.outcome === 'refused' && report.refusals.length < REFUSALS_SHOWN) report.refusals.push(row);
    progress.fileDone(pageFilesLeft);
  };

  async function importFile(file: ManifestFile): Promise<void> {
    const pageFiles = file.rows.reduce((n, row) => n + splitPages(row.values.pages).length, 0);
    let ingestedPageFiles = 0;
    let committing = false;
    try {
      if (counts.scattered.has(file.oldFileNo)) {
        if (scatteredReported.has(file.oldFileNo)) return progress.passOver(pageFiles);
        scatteredReported.add(file.oldFileNo);
        throw new AppError('HISTORY_ROWS_INCONSISTENT', { reason: 'ROWS_NOT_TOGETHER', line: file.rows[0]?.line });
      }
      if (file.oldFileNo !== '') {
        const earlier = await findHistoryImport(ctx.db.kysely, historySourceKey(actor.unitId, file.oldFileNo));
        if (earlier) throw new AlreadyImported(earlier.case_id, earlier.case_no);
      }
      const checked = validateFile(file, ctx.catalogs, ctx.now());
      const ingested = await ingestFile(ctx, dir, checked, (pages) => {
        ingestedPageFiles++;
        progress.pageFileIngested(pages);
      });
      const imported = await commit(async () => {
        if (options.limit !== undefined && committed >= options.limit) report.stopped ??= 'limit';
        if (stopping()) return null;
        committing = true;
        const done = await recordHistoricalCase(ctx, actor, checked, ingested);
        committed++;
        if (options.limit !== undefined && committed >= options.limit) report.stopped ??= 'limit';
        return done;
      });
      // Stopped: left uncommitted, as a kill would leave it; its stored files are harmless, the next run takes it.
      if (!imported) return;
      report.pages += imported.pages;
      finish({ oldFileNo: file.oldFileNo, outcome: 'imported', caseNo: imported.caseNo, pages: imported.pages, reason: null }, 0);
    } catch (error) {
      if (error instanceof AlreadyImported) {
        finish(
          { oldFileNo: file.oldFileNo, outcome: 'skipped', caseNo: error.caseNo, pages: null, reason: 'already imported' },
          pageFiles - ingestedPageFiles,
        );
      } else if (isAppError(error) && error.status < 500) {
        const refusal = new AppError(error.code, { ...error.details, oldFileNo: file.oldFileNo });
        // The act runner has recorded a refusal inside its transaction already.
        if (!committing) await recordRefusal(ctx, actor, TARGET, refusal);
        finish(
          { oldFileNo: file.oldFileNo, outcome: 'refused', caseNo: null, pages: null, reason: describeRefusal(refusal) },
          pageFiles - ingestedPageFiles,
        );
      } else {
        report.stopped = 'failed';
        report.failure ??= error;
      }
    }
  }

  const running = new Set<Promise<void>>();
  try {
    for await (const file of manifestFiles(manifestRecords(manifest))) {
      while (running.size >= jobs) await Promise.race(running);
      if (stopping()) break;
      const task: Promise<void> = importFile(file).finally(() => running.delete(task));
      running.add(task);
    }
  } catch (error) {
    // The manifest changed or became unreadable since it was counted.
    report.stopped = 'failed';
    report.failure ??= error;
  } finally {
    await Promise.allSettled(running);
    progress.finish();
    await summary.close();
  }
  report.unfinished = report.files - report.imported - report.skipped - report.refused;
  return report;
}
