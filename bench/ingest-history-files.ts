import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Catalog } from '../server/modules/catalog/catalog.schema.ts';
import { Rng } from './prng.ts';
import type { StationStaff } from './staff-roster.ts';
import { applicant } from './synthetic-people.ts';

/**
 * A directory of historical files for `hukou import-history DIR`: `manifest.csv` (one row per
 * material of a file: old_file_no, person_name, id_number, subtype, date, material, pages) and the
 * page files it names. Written once per bench run and imported on each database.
 *
 * The pages are small (640 × 880 grey JPEGs of about 5 KB, a page's layout of text lines drawn
 * from the seed): 100,000 camera pages would be 370 GB and hours of generating, and what the import
 * is measured for is memory over many pages, which small pages show as well. Each page is a
 * different picture (its own perceptual hash: no reuse findings between files) and a different file.
 */
export interface HistoryArchive {
  dir: string;
  files: number;
  pages: number;
  bytes: number;
  generatedSeconds: number;
  dispose(): void;
}

export const PAGES_PER_FILE = 10;
const WIDTH = 640;
const HEIGHT = 880;
/** The layout is drawn at an eighth of the size and enlarged: blocks of 8 × 8 pixels. */
const CELL = 8;

/**
 * A page of text lines at an eighth of its size (one byte per 8 × 8 block): paper, margins, lines
 * of word-like dark runs, and a title or seal-sized block; sharp enlarges it to the page.
 */
function pageLayout(rng: Rng): Buffer {
  const cols = WIDTH / CELL;
  const rows = HEIGHT / CELL;
  const paper = rng.int(215, 240);
  const layout = Buffer.alloc(cols * rows, paper);
  const margin = rng.int(4, 9);
  for (let r = rng.int(6, 12); r < rows - margin; r += rng.int(2, 5)) {
    let c = margin + (rng.chance(0.2) ? rng.int(2, 8) : 0);
    const end = cols - margin - (rng.chance(0.3) ? rng.int(5, 40) : 0);
    while (c < end) {
      const word = rng.int(2, 9);
      layout.fill(40, r * cols + c, r * cols + Math.min(end, c + word));
      c += word + 1;
    }
  }
  // Pages of one kind differ in more than their text.
  const bw = rng.int(8, 20);
  const bh = rng.int(4, 12);
  const bx = rng.int(margin, cols - margin - bw);
  const by = rng.int(1, rows - bh - 1);
  for (let y = by; y < by + bh; y++) layout.fill(120, y * cols + bx, y * cols + bx + bw);
  return layout;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function pageFile(index: number): string {
  return path.posix.join('pages', String(Math.floor(index / 1000)).padStart(3, '0'), `${String(index).padStart(6, '0')}.jpg`);
}

/**
 * Writes `pages` pages in files of PAGES_PER_FILE pages into a new temporary directory, for the
 * importing officer's station. Sub-types and materials come from `catalog` (the version the import
 * takes for old dates); the dates lie in 2006 to 2015.
 */
export async function writeHistoryArchive(input: {
  pages: number;
  catalog: Catalog;
  station: StationStaff;
  seed: number;
  inFlight: number;
}): Promise<HistoryArchive> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hukou-bench-history-'));
  const rng = new Rng(input.seed);
  const subtypes = input.catalog.categories.flatMap((c) => c.subtypes).filter((s) => s.materials.length > 0);
  const lines = ['old_file_no,person_name,id_number,subtype,date,material,pages'];
  let index = 0;
  let files = 0;
  let bytes = 0;
  const pending = new Set<Promise<void>>();
  const write = async (file: string, layout: Buffer) => {
    const jpeg = await sharp(layout, { raw: { width: WIDTH / CELL, height: HEIGHT / CELL, channels: 1 } })
      .resize(WIDTH, HEIGHT, { kernel: 'nearest' })
      .toColourspace('b-w')
      .jpeg({ quality: 75 })
      .toBuffer();
    bytes += jpeg.length;
    await fs.promises.writeFile(path.join(dir, file), jpeg);
  };
  try {
    while (index < input.pages) {
      const fileNo = `LS${String(files + 1).padStart(7, '0')}`;
      const subtype = rng.pick(subtypes);
      const date = new Date(Date.UTC(rng.int(2006, 2015), rng.int(0, 11), rng.int(1, 28)));
      const person = applicant(rng, input.station.district, date, 18, 70);
      const count = Math.min(PAGES_PER_FILE, input.pages - index);
      const byMaterial = new Map<string, string[]>();
      for (let p = 0; p < count; p++) {
        const material = subtype.materials[p % subtype.materials.length]!.code;
        const file = pageFile(index);
        if (index++ % 1000 === 0) fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
        byMaterial.set(material, [...(byMaterial.get(material) ?? []), file]);
        const job = write(file, pageLayout(rng)).finally(() => pending.delete(job));
        pending.add(job);
        if (pending.size >= input.inFlight) await Promise.race(pending);
      }
      for (const [material, pages] of byMaterial) {
        lines.push(
          [fileNo, person.name, person.idNumber, subtype.code, date.toISOString().slice(0, 10), material, pages.join(';')].map(csvField).join(','),
        );
      }
      files++;
    }
    await Promise.all(pending);
    fs.writeFileSync(path.join(dir, 'manifest.csv'), `${lines.join('\n')}\n`);
  } catch (error) {
    await Promise.allSettled(pending);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    files,
    pages: input.pages,
    bytes,
    generatedSeconds: (performance.now() - started) / 1000,
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
