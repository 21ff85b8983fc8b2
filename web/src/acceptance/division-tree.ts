import { allDivisions } from '../../../server/modules/population/divisions.ts';

export interface DivisionOption {
  value: string;
  label: string;
  children?: DivisionOption[];
}

const provinceOf = (code: string) => `${code.slice(0, 2)}0000`;
const prefectureOf = (code: string) => `${code.slice(0, 4)}00`;
const isProvince = (code: string) => code.endsWith('0000');
const isPrefecture = (code: string) => !isProvince(code) && code.endsWith('00');

/**
 * The codes from province down, as a GB/T 2260 code says: province xx0000 › prefecture xxxx00 ›
 * county. The table leaves out placeholders (市辖区 110100, 省直辖县级行政区划 429000), so a county
 * whose prefecture is missing hangs from its province, as 429004 仙桃市 does from 湖北省.
 */
export function path(code: string, all: ReadonlyMap<string, string> = allDivisions()): string[] | undefined {
  if (!all.has(code)) return undefined;
  if (isProvince(code)) return [code];
  const levels = isPrefecture(code) ? [provinceOf(code), code] : [provinceOf(code), prefectureOf(code), code];
  return levels.filter((level) => all.has(level));
}

let tree: DivisionOption[] | undefined;

/** Built once, on first use: some 3,200 codes. */
export function divisionTree(): DivisionOption[] {
  if (tree) return tree;
  const all = allDivisions();
  const nodes = new Map<string, DivisionOption>();
  const roots: DivisionOption[] = [];
  for (const code of [...all.keys()].sort()) {
    const node: DivisionOption = { value: code, label: all.get(code) ?? code };
    nodes.set(code, node);
    const parentCode = path(code, all)?.at(-2);
    const parent = parentCode ? nodes.get(parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  tree = roots;
  return tree;
}
