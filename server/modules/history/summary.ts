import fs from 'node:fs/promises';
import path from 'node:path';
import type { WriteStream } from 'node:fs';
import { type AppError, ERROR_CATALOG } from '../../errors.ts';
import { csvLine } from './csv.ts';

export type FileOutcome = 'imported' | 'skipped' | 'refused';

export interface SummaryRow {
  oldFileNo: string;
  outcome: FileOutcome;
  caseNo: string | null;
  pages: number | null;
  reason: string | null;
}

export const SUMMARY_COLUMNS = ['old_file_no', 'outcome', 'case_no', 'pages', 'reason'] as const;

/** A refusal as the person fixing the manifest reads it: code, message in both languages, then the particulars (line, page file, field). */
export function describeRefusal(error: AppError): string {
  const { zh, en } = ERROR_CATALOG[error.code];
  const particulars = Object.entries(error.details ?? {})
    .filter(([key, value]) => key !== 'oldFileNo' && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value)}`);
  return `${error.code} ${zh} / ${en}${particulars.length > 0 ? ` (${particulars.join('; ')})` : ''}`;
}

/** The instant as a file name part: 20261129T010000Z. */
export function fileStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll('-', '')
    .replaceAll(':', '');
}

/**
 * `DIR/import-summary-<timestamp>.csv`, one row per file as its outcome is known, written as the
 * import goes (an interrupted run leaves the summary of what it did). UTF-8 with a byte-order mark,
 * so a spreadsheet opens the Chinese text correctly. Never overwrites: a second run in the same
 * second gets a suffix.
 */
export class SummaryWriter {
  private constructor(
    readonly path: string,
    private readonly stream: WriteStream,
  ) {}

  static async create(dir: string, at: Date): Promise<SummaryWriter> {
    for (let n = 1; ; n++) {
      const file = path.join(dir, `import-summary-${fileStamp(at)}${n > 1 ? `-${n}` : ''}.csv`);
      try {
        const handle = await fs.open(file, 'wx');
        const writer = new SummaryWriter(file, handle.createWriteStream({ encoding: 'utf8' }));
        writer.stream.write(`\ufeff${csvLine(SUMMARY_COLUMNS)}`);
        return writer;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  write(row: SummaryRow): void {
    this.stream.write(csvLine([row.oldFileNo, row.outcome, row.caseNo, row.pages, row.reason]));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}
