import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../errors.ts';
import { exitCodeOf, parseImportHistoryArgs } from './import-history-command.ts';
import type { ImportHistoryReport } from './import-history.ts';
import { describeRefusal, fileStamp } from './summary.ts';
import { pagePath } from './validate-file.ts';

describe('import-history command line', () => {
  it('takes DIR and --officer, with optional --jobs and --limit', () => {
    assert.deepEqual(parseImportHistoryArgs(['files', '--officer', 'gulou.officer']), { dir: 'files', officer: 'gulou.officer' });
    assert.deepEqual(parseImportHistoryArgs(['--jobs', '3', '--officer', 'o', 'd', '--limit', '10']), { dir: 'd', officer: 'o', jobs: 3, limit: 10 });
  });

  it('says what is wrong instead of guessing', () => {
    assert.match(parseImportHistoryArgs(['--officer', 'o']) as string, /DIR/);
    assert.match(parseImportHistoryArgs(['d']) as string, /--officer/);
    assert.match(parseImportHistoryArgs(['d', '--officer']) as string, /needs a value/);
    assert.match(parseImportHistoryArgs(['d', '--officer', 'o', '--jobs', '0']) as string, /positive whole number/);
    assert.match(parseImportHistoryArgs(['d', '--officer', 'o', '--limit', '2.5']) as string, /positive whole number/);
    assert.match(parseImportHistoryArgs(['d', '--officer', 'o', '--force']) as string, /unknown option/);
    assert.match(parseImportHistoryArgs(['d', 'e', '--officer', 'o']) as string, /unexpected argument e/);
  });

  it('exits 0 when every file was taken, 3 with refusals, 4 when stopped early, 1 on a failure', () => {
    const report = { refused: 0, stopped: null } as ImportHistoryReport;
    assert.equal(exitCodeOf(report), 0);
    assert.equal(exitCodeOf({ ...report, refused: 2 }), 3);
    assert.equal(exitCodeOf({ ...report, refused: 2, stopped: 'limit' }), 4);
    assert.equal(exitCodeOf({ ...report, stopped: 'aborted' }), 4);
    assert.equal(exitCodeOf({ ...report, stopped: 'failed' }), 1);
  });
});

describe('import-history pieces', () => {
  it('keeps page files inside the manifest folder, reading Windows separators', () => {
    assert.equal(pagePath('0001/p1.jpg'), '0001/p1.jpg');
    assert.equal(pagePath('0001\\p1.jpg'), '0001/p1.jpg');
    assert.equal(pagePath('./a/../b.tif'), 'b.tif');
    for (const bad of ['../x.jpg', 'a/../../x.jpg', '/etc/passwd', 'C:\\scans\\x.jpg', '..', '.', 'a\u0000b']) assert.equal(pagePath(bad), null, bad);
  });

  it('describes a refusal by code, both messages and its particulars, without the file number (a column of its own)', () => {
    const text = describeRefusal(new AppError('CITIZEN_ID_INVALID', { problem: 'checksum', field: 'id_number', line: 7, oldFileNo: 'A-1' }));
    assert.equal(text, 'CITIZEN_ID_INVALID 公民身份号码不正确 / The citizen ID number is not valid (problem=checksum; field=id_number; line=7)');
  });

  it('stamps summary files with the UTC instant to the second', () => {
    assert.equal(fileStamp(new Date('2026-11-29T01:02:03.456Z')), '20261129T010203Z');
  });
});
