export interface ProgressCounts {
  filesTotal: number;
  /** Files finished, whatever their outcome. */
  filesDone: number;
  pageFilesTotal: number;
  /** Page files finished: ingested, or passed over with a skipped or refused file. */
  pageFilesDone: number;
  /** Page files ingested, and the pages in them (a PDF or TIFF holds several). */
  pageFilesIngested: number;
  pages: number;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * One progress line: files done of all, pages, pages per second and the time left. The time left
 * comes from the rate of page files ingested (skipped files cost nothing and would flatter it).
 */
export function progressLine(counts: ProgressCounts, elapsedMs: number, bar: boolean): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? counts.pages / seconds : 0;
  const fileRate = seconds > 0 ? counts.pageFilesIngested / seconds : 0;
  const left = counts.pageFilesTotal - counts.pageFilesDone;
  const eta = left <= 0 ? '0s' : fileRate > 0 ? duration(left / fileRate) : '?';
  const share = counts.filesTotal > 0 ? counts.filesDone / counts.filesTotal : 1;
  const width = 24;
  const filled = Math.min(width, Math.round(share * width));
  const prefix = bar ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(share * 100)}% ` : '';
  return `${prefix}files ${counts.filesDone}/${counts.filesTotal}  pages ${counts.pages}  ${rate.toFixed(1)} pages/s  ETA ${eta}`;
}

/**
 * Shows progress on a stream: on a terminal one line redrawn in place (at most every `ttyMs`), else a
 * plain line every `plainMs`, so a log file gets a readable record rather than a flood.
 */
export class ProgressReporter {
  readonly counts: ProgressCounts;
  private readonly started: number;
  private last = -Infinity;

  constructor(
    private readonly stream: ProgressStream,
    totals: { files: number; pageFiles: number },
    private readonly clock: () => number,
    private readonly every = { ttyMs: 200, plainMs: 10_000 },
  ) {
    this.counts = { filesTotal: totals.files, filesDone: 0, pageFilesTotal: totals.pageFiles, pageFilesDone: 0, pageFilesIngested: 0, pages: 0 };
    this.started = clock();
  }

  pageFileIngested(pages: number): void {
    this.counts.pageFilesIngested++;
    this.counts.pageFilesDone++;
    this.counts.pages += pages;
    this.show(false);
  }

  /** A file is finished; `pageFilesLeft`: its page files not ingested (skipped or refused). */
  fileDone(pageFilesLeft: number): void {
    this.counts.filesDone++;
    this.counts.pageFilesDone += pageFilesLeft;
    this.show(false);
  }

  /** Page files passed over without a file of their own (the later rows of a file whose rows are apart). */
  passOver(pageFiles: number): void {
    this.counts.pageFilesDone += pageFiles;
  }

  finish(): void {
    this.show(true);
    if (this.stream.isTTY) this.stream.write('\n');
  }

  private show(force: boolean): void {
    const now = this.clock();
    const tty = this.stream.isTTY === true;
    if (!force && now - this.last < (tty ? this.every.ttyMs : this.every.plainMs)) return;
    this.last = now;
    const line = progressLine(this.counts, now - this.started, tty);
    this.stream.write(tty ? `\r\x1b[2K${line.slice(0, Math.max(20, (this.stream.columns ?? 120) - 1))}` : `${line}\n`);
  }
}
