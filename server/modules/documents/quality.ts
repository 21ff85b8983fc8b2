import type { CatalogMaterial, QualityOverrides } from '../catalog/catalog.schema.ts';
import { DEFAULT_PAPER, effectiveDpi } from './paper.ts';

/**
 * What analyse-page.ts measured on one page; plain numbers, stored as JSON with the page.
 * docs/CAPTURE.md says how each is measured and why each limit is where it is.
 */
export interface QualityMetrics {
  /** The page as a person sees it (orientation applied; a PDF page as rendered), in pixels. */
  width: number;
  height: number;
  /**
   * The pixels the content was captured with: the image's own size, or for a PDF page its largest
   * embedded image (a scan); 0 × 0 when a PDF page has no image, being drawn, not captured.
   */
  captureWidth: number;
  captureHeight: number;
  /** Variance of the Laplacian, contrast stretched, at the analysis scale, in the blocks holding ink. */
  sharpness: number;
  /** The paper's level, 0–255. */
  paperLuminance: number;
  /** The cores of the strokes (5th percentile of the ink), 0–255. */
  inkLuminance: number;
  /** Share of the page that is ink, 0–1. */
  inkFraction: number;
  /** Share of the page blown out to white (level 250 or more), 0–1. */
  clippedFraction: number;
  /** Angle of the text lines, degrees, positive clockwise. */
  skewDegrees: number;
}

export type QualityWarningCode = 'LOW_RESOLUTION' | 'BLURRED' | 'TOO_DARK' | 'OVEREXPOSED' | 'NEARLY_BLANK' | 'SKEWED';

export interface QualityWarning {
  code: QualityWarningCode;
  measured: number;
  limit: number;
}

export type QualityThresholds = Required<QualityOverrides>;

/**
 * The limits a material gets unless its catalog entry says otherwise.
 * - minDpi 200: DA/T 31-2017 §9.4, scans of paper records at no less than 200 dpi.
 * - minSharpness 1500: generated pages put sharp captures at 3 100 and more and pages out of focus
 *   by 0.45 mm at 840 and less (test/documents-quality.test.ts); 1 500 lies between, on a log scale.
 * - minPaperLuminance 110: paper photographed darker than 43 % grey; sharp pages in good light measure 230–250.
 * - maxInkLuminance 100, with at least OVEREXPOSED_CLIPPED of the page blown out: strokes washed out
 *   to lighter than 40 % grey on a white-clipped page (good pages: 10–50).
 * - minInkFraction 0.001: less than a thousandth of the page is ink (one short line of text is about that).
 * - maxSkewDegrees 2: DA/T 31-2017 asks for skewed images to be straightened until no skew is seen.
 */
export const DEFAULT_QUALITY: QualityThresholds = {
  minDpi: 200,
  minSharpness: 1500,
  minPaperLuminance: 110,
  maxInkLuminance: 100,
  minInkFraction: 0.001,
  maxSkewDegrees: 2,
};

/** Share of the page at white above which light strokes mean overexposure rather than faint ink. */
export const OVEREXPOSED_CLIPPED = 0.5;

export function qualityThresholds(material: Pick<CatalogMaterial, 'quality'>): QualityThresholds {
  return { ...DEFAULT_QUALITY, ...material.quality };
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * The warnings a page earns against its material's limits. A page with next to no ink gets only
 * NEARLY_BLANK (and TOO_DARK): its sharpness, stroke lightness and skew describe paper grain, not
 * the document; a blurred page is not judged for skew. Resolution is judged from the capture's pixels and the material's paper, whichever
 * way round the page lies; a drawn PDF page (no capture pixels) has none to judge.
 */
export function judgeQuality(metrics: QualityMetrics, material: Pick<CatalogMaterial, 'paper' | 'quality'>): QualityWarning[] {
  const limits = qualityThresholds(material);
  const warnings: QualityWarning[] = [];
  if (metrics.captureWidth > 0 && metrics.captureHeight > 0) {
    // To the nearest dot: a scanner set to 200 dpi writes an A4 sheet as 1653 × 2338 pixels (199.9
    // dpi by the paper's millimetres), and that scan is at the resolution it was asked for.
    const dpi = Math.round(effectiveDpi(metrics.captureWidth, metrics.captureHeight, material.paper ?? DEFAULT_PAPER));
    if (dpi < limits.minDpi) warnings.push({ code: 'LOW_RESOLUTION', measured: dpi, limit: limits.minDpi });
  }
  const blank = metrics.inkFraction < limits.minInkFraction;
  if (blank) warnings.push({ code: 'NEARLY_BLANK', measured: round(metrics.inkFraction, 5), limit: limits.minInkFraction });
  if (metrics.paperLuminance < limits.minPaperLuminance) {
    warnings.push({ code: 'TOO_DARK', measured: Math.round(metrics.paperLuminance), limit: limits.minPaperLuminance });
  }
  if (blank) return warnings;
  if (metrics.clippedFraction >= OVEREXPOSED_CLIPPED && metrics.inkLuminance > limits.maxInkLuminance) {
    warnings.push({ code: 'OVEREXPOSED', measured: Math.round(metrics.inkLuminance), limit: limits.maxInkLuminance });
  }
  if (metrics.sharpness < limits.minSharpness) {
    // The skew comes from how crisply the ink falls into lines: on a blurred page it is not to be trusted.
    warnings.push({ code: 'BLURRED', measured: Math.round(metrics.sharpness), limit: limits.minSharpness });
    return warnings;
  }
  if (Math.abs(metrics.skewDegrees) > limits.maxSkewDegrees) {
    warnings.push({ code: 'SKEWED', measured: round(Math.abs(metrics.skewDegrees), 1), limit: limits.maxSkewDegrees });
  }
  return warnings;
}
