import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/**
 * Glyph advances of Noto Sans SC, the face the PDF notice is set in, read through pdfkit's font
 * loader so the OFD places each character exactly where the PDF does. The OFD names the same
 * design by its installed family (Noto Sans CJK SC: the same glyphs and advances) and gives every
 * character's position, so a reader that substitutes another face still keeps the layout.
 */
export type Weight = 'regular' | 'bold';

let measurer: PDFKit.PDFDocument | undefined;
const cache = new Map<string, number>();

function document(): PDFKit.PDFDocument {
  if (!measurer) {
    measurer = new PDFDocument({ autoFirstPage: false });
    measurer.registerFont('regular', readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')));
    measurer.registerFont('bold', readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')));
  }
  return measurer;
}

/** Advance of one character in em (1 em = the font size). */
export function advanceEm(character: string, weight: Weight): number {
  const key = `${weight}:${character}`;
  let em = cache.get(key);
  if (em === undefined) {
    em = document().font(weight).fontSize(1000).widthOfString(character) / 1000;
    cache.set(key, em);
  }
  return em;
}

/** Noto Sans SC's vertical metrics in em: the baseline sits `ASCENT` below the top of a line, as pdfkit sets it. */
export const ASCENT_EM = 1.16;
export const LINE_HEIGHT_EM = 1.448;

/** Width of a single line in the same units as `size`, with pdfkit's character spacing between characters. */
export function widthOf(text: string, weight: Weight, size: number, characterSpacing = 0): number {
  const characters = Array.from(text);
  const glyphs = characters.reduce((sum, character) => sum + advanceEm(character, weight) * size, 0);
  return glyphs + characterSpacing * Math.max(0, characters.length - 1);
}
