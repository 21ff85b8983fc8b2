import divisionFile from './data/gb2260-divisions.json' with { type: 'json' };

// Imported, not read from disk, so the browser checks codes with this same table (web/src/acceptance).
// Built on first use: only the callers that validate or display codes need it.
let table: Map<string, string> | undefined;
function divisions(): Map<string, string> {
  table ??= new Map(Object.entries(divisionFile.divisions));
  return table;
}

/** Every code with its own name, for pickers that build the province › prefecture › county tree. */
export function allDivisions(): ReadonlyMap<string, string> {
  return divisions();
}

const SIX_DIGITS = /^\d{6}$/;

/** A current GB/T 2260 code at province, prefecture or county level. */
export function isDivisionCode(code: string): boolean {
  return SIX_DIGITS.test(code) && divisions().has(code);
}

/** The two-digit province part of a division code, e.g. '42' for 湖北省. */
export function isProvinceCode(two: string): boolean {
  return /^\d{2}$/.test(two) && divisions().has(`${two}0000`);
}

/**
 * Full name from the province down, e.g. '湖北省鄂州市鄂城区'. Levels missing from the table
 * (placeholders such as 市辖区 or 省直辖县级行政区划) are skipped, so 429004 is '湖北省仙桃市'.
 */
export function divisionName(code: string): string | undefined {
  const all = divisions();
  const own = SIX_DIGITS.test(code) ? all.get(code) : undefined;
  if (own === undefined) return undefined;
  const parts: string[] = [];
  for (const level of [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code]) {
    const name = all.get(level);
    // A county may repeat its prefecture's name (620201 嘉峪关市); show it once.
    if (name !== undefined && parts[parts.length - 1] !== name) parts.push(name);
    if (level === code) break;
  }
  return parts.join('');
}
