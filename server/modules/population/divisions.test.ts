import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { divisionName, isDivisionCode, isProvinceCode } from './divisions.ts';

describe('GB/T 2260 divisions', () => {
  it('knows Ezhou and its three districts', () => {
    for (const code of ['420000', '420700', '420702', '420703', '420704']) assert.equal(isDivisionCode(code), true, code);
    assert.equal(divisionName('420000'), '湖北省');
    assert.equal(divisionName('420700'), '湖北省鄂州市');
    assert.equal(divisionName('420702'), '湖北省鄂州市梁子湖区');
    assert.equal(divisionName('420703'), '湖北省鄂州市华容区');
    assert.equal(divisionName('420704'), '湖北省鄂州市鄂城区');
  });

  it('leaves placeholder levels out of full names', () => {
    assert.equal(divisionName('110105'), '北京市朝阳区');
    assert.equal(divisionName('429004'), '湖北省仙桃市');
    assert.equal(divisionName('500229'), '重庆市城口县');
  });

  it('refuses unknown, placeholder, statistical-only and malformed codes', () => {
    for (const code of ['420799', '999999', '420701', '429000', '421071', '42070', '4207040', 'abcdef', '']) {
      assert.equal(isDivisionCode(code), false, code);
      assert.equal(divisionName(code), undefined, code);
    }
  });

  it('retired county codes are not current', () => {
    assert.equal(isDivisionCode('440524'), false); // 潮阳县, now 汕头市潮阳区 440513
    assert.equal(isDivisionCode('440513'), true);
  });

  it('knows the 34 province-level codes', () => {
    for (const two of ['11', '42', '65', '71', '81', '82']) assert.equal(isProvinceCode(two), true, two);
    for (const two of ['99', '10', '83', '4', '420', 'ab']) assert.equal(isProvinceCode(two), false, two);
    const table = JSON.parse(readFileSync(new URL('./data/gb2260-divisions.json', import.meta.url), 'utf8')) as { divisions: Record<string, string> };
    const codes = Object.keys(table.divisions);
    assert.equal(codes.filter((c) => c.endsWith('0000')).length, 34);
    assert.ok(codes.length > 3000 && codes.length < 3400, `${codes.length} codes`);
  });
});
