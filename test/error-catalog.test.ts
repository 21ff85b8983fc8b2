import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { ERROR_CATALOG } from '../server/errors.ts';

describe('error catalog', () => {
  it('docs/ERRORS.md lists exactly the codes, statuses and messages of server/errors.ts', () => {
    const rows = fs
      .readFileSync('docs/ERRORS.md', 'utf8')
      .split('\n')
      .filter((line) => /^\| [A-Z_]+ \|/.test(line))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    const documented = Object.fromEntries(rows.map(([code, status, zh, en]) => [code, { status: Number(status), zh, en }]));
    assert.deepEqual(documented, ERROR_CATALOG);
  });

  it('every code used in the server is in the catalog, and every catalog code is used', () => {
    const files = fs
      .readdirSync('server', { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && f.name.endsWith('.ts') && !f.name.endsWith('.test.ts'))
      .map((f) => fs.readFileSync(`${f.parentPath}/${f.name}`, 'utf8'))
      .join('\n');
    const used = new Set([...files.matchAll(/AppError\('([A-Z_]+)'/g)].map((m) => m[1]));
    for (const code of used) assert.ok(code !== undefined && code in ERROR_CATALOG, `${code} is used but not catalogued`);
    const unused = Object.keys(ERROR_CATALOG).filter((code) => !used.has(code) && !files.includes(`'${code}'`));
    assert.deepEqual(unused, []);
  });

  it('has a Chinese and an English message for every code', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOG)) {
      assert.match(entry.zh, /[\u4e00-\u9fff]/, code);
      assert.match(entry.en, /^[A-Z]/, code);
      assert.ok(entry.status >= 400 && entry.status < 600, code);
    }
  });
});
