import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toHex, utf8 } from '../bytes.ts';
import { sm3 } from '../sm3.ts';

test('SM3 matches GB/T 32905 Annex A example 1 ("abc")', () => {
  assert.equal(toHex(sm3(utf8('abc'))), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
});

test('SM3 matches GB/T 32905 Annex A example 2 ("abcd" x 16)', () => {
  assert.equal(toHex(sm3(utf8('abcd'.repeat(16)))), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
});

test('SM3 over several parts equals SM3 over their concatenation', () => {
  assert.deepEqual(sm3(utf8('ab'), utf8('c')), sm3(utf8('abc')));
});
