import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressLine, ProgressReporter } from './progress.ts';

describe('import progress', () => {
  it('says files done of all, pages, pages per second and the time left from the page-file rate', () => {
    const counts = { filesTotal: 100, filesDone: 25, pageFilesTotal: 400, pageFilesDone: 100, pageFilesIngested: 80, pages: 120 };
    // 80 page files in 40 s = 2/s; 300 left = 150 s.
    assert.equal(progressLine(counts, 40_000, false), 'files 25/100  pages 120  3.0 pages/s  ETA 2m30s');
    assert.match(progressLine(counts, 40_000, true), /^\[#{6}-{18}\] 25% files 25\/100/);
    assert.match(progressLine({ ...counts, pageFilesIngested: 0, pages: 0 }, 0, false), /0\.0 pages\/s {2}ETA \?$/);
    assert.match(progressLine({ ...counts, pageFilesDone: 400 }, 1000, false), /ETA 0s$/);
  });

  it('writes a plain line at most every interval when not on a terminal, and redraws one line on a terminal', () => {
    let now = 0;
    const plain: string[] = [];
    const reporter = new ProgressReporter({ write: (t) => plain.push(t) }, { files: 3, pageFiles: 3 }, () => now, { ttyMs: 100, plainMs: 10_000 });
    reporter.pageFileIngested(1); // the first line at once
    now = 5_000;
    reporter.fileDone(0);
    now = 10_000;
    reporter.pageFileIngested(2);
    reporter.finish();
    assert.deepEqual(plain, [
      'files 0/3  pages 1  0.0 pages/s  ETA ?\n',
      // 5 s in: too soon for another line. 10 s in: 2 page files ingested, 1 left at 0.2 per second.
      'files 1/3  pages 3  0.3 pages/s  ETA 5s\n',
      'files 1/3  pages 3  0.3 pages/s  ETA 5s\n',
    ]);
    assert.equal(plain.length, 3);
    assert.ok(plain.every((line) => line.endsWith('\n') && !line.includes('\r')));

    const tty: string[] = [];
    now = 0;
    const bar = new ProgressReporter({ write: (t) => tty.push(t), isTTY: true, columns: 200 }, { files: 1, pageFiles: 1 }, () => now, {
      ttyMs: 100,
      plainMs: 10_000,
    });
    bar.pageFileIngested(1);
    now = 50;
    bar.fileDone(0); // within 100 ms: not drawn
    bar.finish();
    assert.equal(tty.length, 3);
    assert.ok(tty[0]!.startsWith('\r\x1b[2K['));
    assert.match(tty[1]!, /100% files 1\/1/);
    assert.equal(tty[2], '\n');
  });
});
