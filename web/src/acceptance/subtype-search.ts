import { pinyin } from 'pinyin-pro';

/** What a search needs of the catalog (the API's catalog type fits; so does the server's, for tests). */
interface SearchableSubtype {
  code: string;
  name: string;
  nameEn: string;
}
interface SearchableCatalog<S extends SearchableSubtype> {
  categories: { code: string; name: string; nameEn: string; subtypes: S[] }[];
}

/** A sub-type with what a search matches against: its name, code, English name and pinyin. */
export interface SubtypeEntry<S extends SearchableSubtype = SearchableSubtype> {
  subtype: S;
  categoryCode: string;
  categoryName: string;
  categoryNameEn: string;
  initials: string;
  spelled: string;
  name: string;
  nameEn: string;
}

const HAN = /[\u3400-\u9fff]/;

/** Pinyin initials and the full spelling without tones, Latin letters kept ("国（境）外" → "gjw"). */
function pinyinOf(name: string): { initials: string; spelled: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'removed' });
  const chars = [...name].filter((char) => HAN.test(char));
  const initials = syllables.map((syllable, i) => (HAN.test(chars[i] ?? '') ? syllable.charAt(0) : '')).join('');
  return { initials: initials.toLowerCase(), spelled: syllables.join('').toLowerCase() };
}

export function subtypeEntries<S extends SearchableSubtype>(catalog: SearchableCatalog<S>): SubtypeEntry<S>[] {
  return catalog.categories.flatMap((category) =>
    category.subtypes.map((subtype) => ({
      subtype,
      categoryCode: category.code,
      categoryName: category.name,
      categoryNameEn: category.nameEn,
      name: subtype.name,
      nameEn: subtype.nameEn.toLowerCase(),
      ...pinyinOf(subtype.name),
    })),
  );
}

/**
 * How well an entry answers a query, higher is better, 0 for no match. A code or initials that
 * start the entry rank first, so `01` lists 出生 before anything with 01 inside, and `dncs` puts
 * 当年出生 on top for Enter to take.
 */
function score(entry: SubtypeEntry, query: string): number {
  if (entry.subtype.code === query) return 100;
  if (entry.subtype.code.startsWith(query)) return 90;
  if (entry.initials === query) return 85;
  if (entry.initials.startsWith(query)) return 80;
  if (entry.name.startsWith(query)) return 75;
  if (entry.name.includes(query)) return 70;
  if (entry.spelled.startsWith(query)) return 65;
  if (entry.initials.includes(query)) return 60;
  if (entry.spelled.includes(query)) return 50;
  if (entry.categoryName.includes(query)) return 40;
  if (entry.nameEn.includes(query)) return 30;
  return 0;
}

/** The entries matching the query, best first, catalog order among equals; all of them for an empty query. */
export function searchSubtypes<E extends SubtypeEntry>(entries: readonly E[], rawQuery: string): E[] {
  const query = rawQuery.trim().toLowerCase().replace(/\s+/g, '');
  if (!query) return [...entries];
  return entries
    .map((entry, index) => ({ entry, index, score: score(entry, query) }))
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((hit) => hit.entry);
}

/** Entries grouped by category, keeping the order given (so a search keeps its best category first). */
export function groupByCategory<E extends SubtypeEntry>(entries: readonly E[]): { code: string; name: string; nameEn: string; entries: E[] }[] {
  const groups = new Map<string, { code: string; name: string; nameEn: string; entries: E[] }>();
  for (const entry of entries) {
    const group = groups.get(entry.categoryCode) ?? { code: entry.categoryCode, name: entry.categoryName, nameEn: entry.categoryNameEn, entries: [] };
    group.entries.push(entry);
    groups.set(entry.categoryCode, group);
  }
  return [...groups.values()];
}
