import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { AppError, isAppError } from '../../errors.ts';
import { ingestOriginal } from '../capture/ingest-original.ts';
import type { IngestedMaterial } from './record-historical-case.ts';
import type { HistoricalFile } from './validate-file.ts';

/** Reading a page file failed for a reason of the file itself, not of the machine. */
const UNREADABLE = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES', 'EPERM', 'ELOOP', 'ENAMETOOLONG']);

async function readPage(ctx: AppContext, dir: string, page: string): Promise<Buffer> {
  const file = path.join(dir, page);
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new AppError('HISTORY_PAGE_MISSING', { page, reason: 'NOT_A_FILE' });
    // Refused before it is read, so a stray huge file cannot fill the memory.
    if (stat.size > ctx.config.maxUploadBytes) throw new AppError('UPLOAD_TOO_LARGE', { page, maxBytes: ctx.config.maxUploadBytes });
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && UNREADABLE.has(code)) throw new AppError('HISTORY_PAGE_MISSING', { page, reason: code });
    throw error;
  }
}

/**
 * Ingests every page file of an old file, one after the other (files run side by side, not their
 * pages): checked by content, every page decoded and measured, previews derived, the original made
 * durable. Only what the transaction records is kept; the bytes are dropped page file by page file.
 * A refusal names the page file; what was stored before it stays unreferenced, which is harmless.
 */
export async function ingestFile(
  ctx: AppContext,
  dir: string,
  file: HistoricalFile,
  onPageFile: (pages: number) => void = () => {},
): Promise<IngestedMaterial[]> {
  const out: IngestedMaterial[] = [];
  for (const { material, pages } of file.materials) {
    const originals = [];
    for (const page of pages) {
      const bytes = await readPage(ctx, dir, page);
      try {
        const ingested = await ingestOriginal(ctx, bytes, material);
        originals.push(ingested);
        onPageFile(ingested.pages.length);
      } catch (error) {
        if (isAppError(error) && error.status < 500) throw new AppError(error.code, { ...error.details, page });
        throw error;
      }
    }
    out.push({ materialCode: material.code, originals });
  }
  return out;
}
