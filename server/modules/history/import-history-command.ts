import type { AppContext } from '../../context.ts';
import { ERROR_CATALOG, isAppError } from '../../errors.ts';
import { importHistory, type ImportHistoryReport } from './import-history.ts';

export const IMPORT_HISTORY_USAGE = `  import-history DIR --officer USERNAME [--jobs N] [--limit N]
              历史档案采集: import old paper files from DIR/manifest.csv as completed cases of the
              officer's station (docs/CAPTURE.md); resumable, files already imported are skipped;
              writes DIR/import-summary-<time>.csv; exit 0 all taken, 3 some refused,
              4 stopped early (--limit, Ctrl-C), 1 failed`;

export interface ImportHistoryArgs {
  dir: string;
  officer: string;
  jobs?: number;
  limit?: number;
}

/** `import-history DIR --officer USERNAME [--jobs N] [--limit N]`, or a message saying what is wrong. */
export function parseImportHistoryArgs(argv: readonly string[]): ImportHistoryArgs | string {
  const args: Partial<ImportHistoryArgs> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    if (arg === '--officer' || arg === '--jobs' || arg === '--limit') {
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      i++;
      if (arg === '--officer') args.officer = value;
      else {
        const n = Number(value);
        if (!Number.isInteger(n) || n <= 0) return `${arg} needs a positive whole number`;
        args[arg === '--jobs' ? 'jobs' : 'limit'] = n;
      }
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (args.dir === undefined) args.dir = arg;
    else return `unexpected argument ${arg}`;
  }
  if (!args.dir) return 'the folder (DIR) is missing';
  if (!args.officer) return '--officer USERNAME is missing';
  return args as ImportHistoryArgs;
}

export function exitCodeOf(report: ImportHistoryReport): number {
  if (report.stopped === 'failed') return 1;
  if (report.stopped !== null) return 4;
  return report.refused > 0 ? 3 : 0;
}

function printReport(report: ImportHistoryReport, log: (line: string) => void): void {
  log(
    `Files: ${report.files} in the manifest; ${report.imported} imported (${report.pages} pages), ${report.skipped} skipped as already imported, ${report.refused} refused, ${report.unfinished} not done.`,
  );
  for (const row of report.refusals) log(`  REFUSED ${row.oldFileNo || '(no old_file_no)'}: ${row.reason}`);
  if (report.refused > report.refusals.length) log(`  … and ${report.refused - report.refusals.length} more refusals.`);
  if (report.stopped === 'limit') log('Stopped at the --limit; run again to import the rest.');
  if (report.stopped === 'aborted') log('Interrupted; run again to import the rest (nothing is imported twice).');
  if (report.stopped === 'failed') {
    const failure = report.failure;
    const message = isAppError(failure)
      ? `${failure.code}: ${ERROR_CATALOG[failure.code].en}`
      : failure instanceof Error
        ? failure.message
        : String(failure);
    log(`FAILED: ${message}. Nothing of the file being committed was kept; run again once the cause is fixed.`);
  }
  log(`Summary: ${report.summaryPath}`);
}

/**
 * The CLI's import-history: Ctrl-C stops taking files and leaves those not yet committed for the
 * next run; a second Ctrl-C quits at once (equally safe: every file is one transaction).
 */
export async function runImportHistoryCommand(ctx: AppContext, argv: readonly string[]): Promise<number> {
  const args = parseImportHistoryArgs(argv);
  if (typeof args === 'string') {
    console.error(`import-history: ${args}\nUsage:\n${IMPORT_HISTORY_USAGE}`);
    return 2;
  }
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    console.error('\nStopping: files not yet committed are left for the next run (Ctrl-C again to quit now).');
  };
  process.on('SIGINT', onInterrupt);
  try {
    const report = await importHistory(ctx, { ...args, signal: controller.signal });
    printReport(report, (line) => console.log(line));
    return exitCodeOf(report);
  } catch (error) {
    // Nothing was imported: the officer may not import, or the manifest cannot be read.
    if (!isAppError(error)) throw error;
    console.error(`import-history: ${error.code} ${ERROR_CATALOG[error.code].zh} / ${error.message} ${JSON.stringify(error.details ?? {})}`);
    return 1;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
