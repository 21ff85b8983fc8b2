import fs from 'node:fs';
import { AppError } from '../../errors.ts';
import { type CsvRecord, csvRecords, NotUtf8Error } from './csv.ts';

/** The columns every manifest has (any order); any further column is a field of the sub-type, by its key. */
export const MANIFEST_COLUMNS = ['old_file_no', 'person_name', 'id_number', 'subtype', 'date', 'material', 'pages'] as const;
export type ManifestColumn = (typeof MANIFEST_COLUMNS)[number];

export interface ManifestRow {
  line: number;
  values: Record<ManifestColumn, string>;
  /** The extra columns: field key → value as written (empty when the row leaves it out). */
  fields: Record<string, string>;
  /** Broken quoting, or not as many fields as the header has columns. */
  malformed: boolean;
}

/** The rows of one old paper file: consecutive rows with the same old_file_no. */
export interface ManifestFile {
  oldFileNo: string;
  rows: ManifestRow[];
}

interface Header {
  index: Record<ManifestColumn, number>;
  extras: { key: string; index: number }[];
  width: number;
}

function readHeader(record: CsvRecord | undefined): Header {
  if (!record || record.malformed) throw new AppError('HISTORY_MANIFEST_MALFORMED', { reason: 'HEADER_UNREADABLE', line: 1 });
  const names = record.fields.map((name) => name.trim());
  const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
  const missing = MANIFEST_COLUMNS.filter((column) => !names.includes(column));
  if (duplicates.length > 0 || missing.length > 0 || names.includes('')) {
    throw new AppError('HISTORY_MANIFEST_MALFORMED', { reason: 'HEADER_COLUMNS', missing, duplicates, line: record.line });
  }
  const index = Object.fromEntries(MANIFEST_COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<ManifestColumn, number>;
  const known = new Set<string>(MANIFEST_COLUMNS);
  const extras = names.flatMap((key, i) => (known.has(key) ? [] : [{ key, index: i }]));
  return { index, extras, width: names.length };
}

function toRow(header: Header, record: CsvRecord): ManifestRow {
  const at = (i: number) => record.fields[i] ?? '';
  const values = Object.fromEntries(MANIFEST_COLUMNS.map((column) => [column, at(header.index[column])])) as Record<ManifestColumn, string>;
  const fields = Object.fromEntries(header.extras.map(({ key, index }) => [key, at(index)]));
  return { line: record.line, values, fields, malformed: record.malformed || record.fields.length !== header.width };
}

/** The manifest's records, straight from the file, a chunk at a time. */
export async function* manifestRecords(file: string): AsyncGenerator<CsvRecord> {
  try {
    yield* csvRecords(fs.createReadStream(file, { highWaterMark: 64 * 1024 }));
  } catch (error) {
    if (error instanceof NotUtf8Error) throw new AppError('HISTORY_MANIFEST_MALFORMED', { reason: 'NOT_UTF8', line: error.line });
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('HISTORY_MANIFEST_MALFORMED', { reason: 'NOT_FOUND' });
    throw error;
  }
}

/**
 * The manifest's files in order, each as soon as its last row has been read: a file is its run of
 * consecutive rows with one old_file_no, so only one file's rows are held at a time. A row without
 * an old_file_no is a file of its own (to be refused with its line).
 */
export async function* manifestFiles(records: AsyncIterable<CsvRecord>): AsyncGenerator<ManifestFile> {
  let header: Header | undefined;
  let current: ManifestFile | undefined;
  for await (const record of records) {
    if (!header) {
      header = readHeader(record);
      continue;
    }
    const row = toRow(header, record);
    const oldFileNo = row.values.old_file_no.trim();
    if (current && oldFileNo !== '' && current.oldFileNo === oldFileNo) {
      current.rows.push(row);
      continue;
    }
    if (current) yield current;
    current = { oldFileNo, rows: [row] };
  }
  if (!header) readHeader(undefined);
  if (current) yield current;
}

/** A `pages` cell: file names separated by `;`, blanks around them ignored. */
export function splitPages(cell: string): string[] {
  return cell
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

export interface ManifestCounts {
  files: number;
  pageFiles: number;
  /** old_file_no values whose rows are not all together: such a file is refused whole. */
  scattered: Set<string>;
}

/**
 * The first of two readings: how many files and page files there are (for the progress bar) and
 * which files have their rows apart. Only the old_file_no values are held, and only until the end
 * of this reading; the second reading holds one file at a time.
 */
export async function countManifest(records: AsyncIterable<CsvRecord>): Promise<ManifestCounts> {
  const seen = new Set<string>();
  const scattered = new Set<string>();
  let unnumbered = 0;
  let pageFiles = 0;
  for await (const file of manifestFiles(records)) {
    for (const row of file.rows) pageFiles += splitPages(row.values.pages).length;
    if (file.oldFileNo === '') unnumbered++;
    else if (seen.has(file.oldFileNo)) scattered.add(file.oldFileNo);
    else seen.add(file.oldFileNo);
  }
  return { files: seen.size + unnumbered, pageFiles, scattered };
}
