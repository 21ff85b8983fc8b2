import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CsvRecord, CsvParser, csvLine, csvRecords } from './csv.ts';

function parseAll(text: string, chunkSize = text.length || 1): CsvRecord[] {
  const parser = new CsvParser();
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) out.push(...parser.push(text.slice(i, i + chunkSize)));
  out.push(...parser.end());
  return out;
}

const SAMPLE = '\ufeffa,b,c\r\n' + '1,"two, with comma","say ""hi"""\r\n' + '\r\n' + '"multi\r\nline",x,\n' + 'last,"",z';

describe('CSV reading (RFC 4180)', () => {
  it('reads quoted commas, doubled quotes, quoted line breaks, empty fields, LF and CR LF, and drops the BOM and blank lines', () => {
    const records = parseAll(SAMPLE);
    assert.deepEqual(
      records.map((r) => [r.line, r.fields, r.malformed]),
      [
        [1, ['a', 'b', 'c'], false],
        [2, ['1', 'two, with comma', 'say "hi"'], false],
        [4, ['multi\r\nline', 'x', ''], false],
        [6, ['last', '', 'z'], false],
      ],
    );
  });

  it('gives the same records whatever the chunk size, a CR LF or a doubled quote cut in two included', () => {
    const whole = parseAll(SAMPLE);
    for (const size of [1, 2, 3, 5, 7, 13]) assert.deepEqual(parseAll(SAMPLE, size), whole, `chunks of ${size}`);
  });

  it('marks broken quoting and reads on: a quote inside a bare field, text after a closing quote, a quote never closed', () => {
    const records = parseAll('ok,1\nab"c,2\n"x"y,3\nfine,4\n"open,5\nstill open');
    assert.deepEqual(
      records.map((r) => [r.line, r.malformed]),
      [
        [1, false],
        [2, true],
        [3, true],
        [4, false],
        [5, true],
      ],
    );
    assert.deepEqual(records[3]!.fields, ['fine', '4']);
  });

  it('decodes UTF-8 split across byte chunks and refuses bytes that are not UTF-8', async () => {
    const bytes = Buffer.from('名,值\n张伟,档案\n', 'utf8');
    const chunks = Array.from(bytes, (b) => Buffer.from([b]));
    const records: CsvRecord[] = [];
    for await (const r of csvRecords(
      (async function* () {
        yield* chunks;
      })(),
    ))
      records.push(r);
    assert.deepEqual(
      records.map((r) => r.fields),
      [
        ['名', '值'],
        ['张伟', '档案'],
      ],
    );
    const gbk = Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xd5, 0xc5, 0xce, 0xb0, 0x0a]); // "name\n" then 张伟 in GBK
    await assert.rejects(async () => {
      for await (const _ of csvRecords(
        (async function* () {
          yield gbk;
        })(),
      ))
        void _;
    }, /not UTF-8/);
  });

  it('writes lines that read back as the same fields', () => {
    const fields = ['plain', 'a,b', 'say "hi"', 'two\nlines', ''];
    assert.equal(csvLine([1, null, 'x']), '1,,x\r\n');
    assert.deepEqual(parseAll(csvLine(fields))[0]!.fields, fields);
  });
});
