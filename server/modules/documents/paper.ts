/**
 * The paper a material is printed on, by name, with its size in millimetres (width × height as the
 * document is read). The catalog names a size; the resolution check turns pixels into dots per inch
 * with it. Where a size is not set by a standard the figure is the commonly cited one, and for a
 * family of documents of differing sizes the smaller plausible one: assuming too large a sheet would
 * refuse sharp pages as low-resolution, assuming a smaller one only makes the check more lenient.
 */
export const PAPER_SIZES = {
  a4: { widthMm: 210, heightMm: 297 }, // GB/T 148-1997 (ISO 216): forms, statements, proofs, 出生医学证明 since the 5th edition
  a5: { widthMm: 148, heightMm: 210 }, // GB/T 148-1997: slips, receipts, notices
  b5: { widthMm: 176, heightMm: 250 }, // GB/T 148-1997 (ISO B5)
  certificate: { widthMm: 189, heightMm: 130 }, // bound certificates (结婚证, 收养登记证, 户口迁移证...); the 2004 出生医学证明 main page is 189 × 130
  'hukou-page': { widthMm: 105, heightMm: 143 }, // 居民户口簿 inner page, 143 × 105 as commonly cited
  'passport-page': { widthMm: 125, heightMm: 88 }, // ICAO Doc 9303 TD3 passport page
  'id-card': { widthMm: 85.6, heightMm: 54 }, // 居民身份证: ISO/IEC 7810 ID-1
} as const satisfies Record<string, { widthMm: number; heightMm: number }>;

export type PaperSize = keyof typeof PAPER_SIZES;
export const PAPER_SIZE_NAMES = Object.keys(PAPER_SIZES) as [PaperSize, ...PaperSize[]];

/** A material with no paper named is judged as A4, the size of most of what a window receives. */
export const DEFAULT_PAPER: PaperSize = 'a4';

const MM_PER_INCH = 25.4;

/**
 * The resolution at which the page would be captured if the sheet filled the frame: the sheet fits
 * the frame long side to long side, so the frame's orientation does not matter, and it can fill the
 * frame in one direction only when their proportions differ, hence the smaller of the two ratios.
 * A photograph with a margin around the sheet has fewer pixels on the sheet than this: it is the
 * best case, and a page below the minimum even so is certainly below it.
 */
export function effectiveDpi(pixelWidth: number, pixelHeight: number, paper: PaperSize): number {
  const { widthMm, heightMm } = PAPER_SIZES[paper];
  const [longPx, shortPx] = pixelWidth >= pixelHeight ? [pixelWidth, pixelHeight] : [pixelHeight, pixelWidth];
  const [longMm, shortMm] = widthMm >= heightMm ? [widthMm, heightMm] : [heightMm, widthMm];
  return Math.min((longPx * MM_PER_INCH) / longMm, (shortPx * MM_PER_INCH) / shortMm);
}

/** The pixel size of a sheet scanned at a resolution, the long side along the given orientation. */
export function pixelsAt(paper: PaperSize, dpi: number): { width: number; height: number } {
  const { widthMm, heightMm } = PAPER_SIZES[paper];
  return { width: Math.round((widthMm * dpi) / MM_PER_INCH), height: Math.round((heightMm * dpi) / MM_PER_INCH) };
}
