import path from 'node:path';
import { z } from 'zod';
import { AppError, isAppError } from '../../errors.ts';
import { calendarDay, text } from '../../http/text.ts';
import { beijingDay, beijingDayStart } from '../../time/beijing-day.ts';
import type { CatalogMaterial } from '../catalog/catalog.schema.ts';
import type { CatalogRegistry, SubtypeRef } from '../catalog/catalog-registry.ts';
import { MaterialCode } from '../cases/cases.schema.ts';
import { checkCitizenId, normalizeCitizenId } from '../population/citizen-id.ts';
import { type ManifestFile, type ManifestRow, splitPages } from './manifest.ts';
import { upgradeOldIdNumber } from './old-id-number.ts';

export interface HistoricalMaterial {
  material: CatalogMaterial;
  /** Page files relative to the manifest's folder, `/`-separated, in the order the row lists them. */
  pages: string[];
}

/** One old paper file as the manifest describes it, checked: what becomes one historical case. */
export interface HistoricalFile {
  oldFileNo: string;
  personName: string;
  idNumber: string;
  /** The day of the business (YYYY-MM-DD): the catalog in force then decides sub-type and materials. */
  date: string;
  ref: SubtypeRef;
  fields: Record<string, string>;
  /** One entry per row, in manifest order. */
  materials: HistoricalMaterial[];
}

const Row = z.object({
  old_file_no: text({ min: 1, max: 64 }),
  person_name: text({ min: 1, max: 50 }),
  id_number: text({ min: 1, max: 32 }),
  subtype: z.string().regex(/^\d{4}$/),
  date: calendarDay,
  material: MaterialCode,
  pages: text({ min: 1, max: 4000 }),
});
const FieldValue = text({ max: 500 });
const PagePath = text({ min: 1, max: 500 });

function refuse(
  code: 'VALIDATION_FAILED' | 'CITIZEN_ID_INVALID' | 'HISTORY_ROWS_INCONSISTENT' | 'HISTORY_MANIFEST_MALFORMED',
  row: ManifestRow,
  details: object,
): never {
  throw new AppError(code, { line: row.line, ...details });
}

/**
 * A page's name as the manifest gives it, made a path inside the manifest's folder: relative, `\`
 * read as `/` (manifests written on Windows), never leaving the folder.
 */
export function pagePath(name: string): string | null {
  const slashed = name.replaceAll('\\', '/');
  if (!PagePath.safeParse(slashed).success || slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) return null;
  const normal = path.posix.normalize(slashed);
  return normal === '..' || normal.startsWith('../') || normal === '.' ? null : normal;
}

function checkRow(row: ManifestRow, today: string) {
  if (row.malformed) refuse('HISTORY_MANIFEST_MALFORMED', row, { reason: 'ROW_MALFORMED' });
  const parsed = Row.safeParse(row.values);
  if (!parsed.success) refuse('VALIDATION_FAILED', row, { field: String(parsed.error.issues[0]?.path[0] ?? '') });
  const values = parsed.data;
  if (values.date > today) refuse('VALIDATION_FAILED', row, { field: 'date', reason: 'FUTURE_DATE' });
  const pages = splitPages(values.pages).map((name) => {
    const relative = pagePath(name);
    if (relative === null) refuse('VALIDATION_FAILED', row, { field: 'pages', reason: 'PAGE_PATH_OUTSIDE_FOLDER' });
    return relative;
  });
  if (pages.length === 0) refuse('VALIDATION_FAILED', row, { field: 'pages' });
  const fields: Record<string, string> = {};
  for (const [key, raw] of Object.entries(row.fields)) {
    const value = FieldValue.safeParse(raw);
    if (!value.success) refuse('VALIDATION_FAILED', row, { field: key });
    if (value.data !== '') fields[key] = value.data;
  }
  return { ...values, idNumber: normalizeCitizenId(upgradeOldIdNumber(values.id_number)), pages, fields };
}

/**
 * Checks one file's rows and reads them against the catalog in force on the file's day (the oldest
 * loaded catalog for a day before every catalog). The sub-type and every material must exist there;
 * the sub-type's fields are taken as given, required or not: an old file has what it has. Throws the
 * first problem as an AppError with the row's line.
 */
export function validateFile(file: ManifestFile, catalogs: CatalogRegistry, now: Date): HistoricalFile {
  const today = beijingDay(now);
  const first = file.rows[0];
  if (!first) throw new AppError('HISTORY_MANIFEST_MALFORMED', { reason: 'NO_ROWS' });
  const rows = file.rows.map((row) => ({ row, checked: checkRow(row, today) }));
  const head = rows[0]!.checked;
  const idCheck = checkCitizenId(head.idNumber, now);
  if (!idCheck.ok) refuse('CITIZEN_ID_INVALID', first, { problem: idCheck.problem, field: 'id_number' });
  const fields: Record<string, string> = {};
  for (const { row, checked } of rows) {
    for (const column of ['person_name', 'subtype', 'date'] as const) {
      if (checked[column] !== head[column]) refuse('HISTORY_ROWS_INCONSISTENT', row, { column });
    }
    if (checked.idNumber !== head.idNumber) refuse('HISTORY_ROWS_INCONSISTENT', row, { column: 'id_number' });
    for (const [key, value] of Object.entries(checked.fields)) {
      if (fields[key] !== undefined && fields[key] !== value) refuse('HISTORY_ROWS_INCONSISTENT', row, { column: key });
      fields[key] = value;
    }
  }
  const catalog = catalogs.current(beijingDayStart(head.date));
  let ref: SubtypeRef;
  try {
    ref = catalogs.subtype(catalog.version, head.subtype);
  } catch (error) {
    if (isAppError(error)) throw new AppError(error.code, { ...error.details, line: first.line });
    throw error;
  }
  const known = new Set(ref.subtype.fields.map((f) => f.key));
  const unknown = Object.keys(fields).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new AppError('CASE_FIELDS_INVALID', { fields: Object.fromEntries(unknown.map((key) => [key, 'unknown'])), line: first.line });
  }
  const materials = rows.map(({ row, checked }) => {
    const material = ref.subtype.materials.find((m) => m.code === checked.material);
    if (!material) throw new AppError('MATERIAL_UNKNOWN', { materialCode: checked.material, catalogVersion: catalog.version, line: row.line });
    return { material, pages: checked.pages };
  });
  return { oldFileNo: head.old_file_no, personName: head.person_name, idNumber: head.idNumber, date: head.date, ref, fields, materials };
}
