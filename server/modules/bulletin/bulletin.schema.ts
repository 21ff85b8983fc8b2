import { z } from 'zod';
import { SCORE_WEIGHTS } from './assessment-score.ts';
import { FIGURE_KEYS } from './bulletin-figures.ts';
import { MONTH_PATTERN } from './bulletin-month.ts';

export const BulletinMonthParams = z.object({
  month: z.string().regex(MONTH_PATTERN, 'a month YYYY-MM').describe('the calendar month in Beijing time, YYYY-MM'),
});

const count = z.number().int().min(0);
const FiguresSchema = z.object(Object.fromEntries(FIGURE_KEYS.map((key) => [key, count])) as Record<(typeof FIGURE_KEYS)[number], typeof count>);
const DeductionsSchema = z.object(
  Object.fromEntries(Object.keys(SCORE_WEIGHTS).map((key) => [key, z.number()])) as Record<keyof typeof SCORE_WEIGHTS, z.ZodNumber>,
);

export const BulletinSchema = z.object({
  month: z.string().describe('YYYY-MM'),
  from: z.string().describe('the month’s first instant (00:00 Beijing time), ISO'),
  to: z.string().describe('the next month’s first instant, exclusive'),
  complete: z.boolean().describe('false while the month is still running: its figures are so far'),
  currentMonth: z
    .string()
    .describe('YYYY-MM: the Beijing month it is now by the server’s clock, the latest that may be read (pickers offer none after it)'),
  generatedAt: z.string(),
  scope: z.object({ id: z.string(), name: z.string() }).describe('the reader’s unit: the bulletin covers it and the units under it'),
  weights: z.object(
    Object.fromEntries(Object.keys(SCORE_WEIGHTS).map((key) => [key, z.number()])) as Record<keyof typeof SCORE_WEIGHTS, z.ZodNumber>,
  ),
  units: z.array(
    z.object({
      unit: z.object({
        id: z.string(),
        name: z.string(),
        nameEn: z.string(),
        kind: z.enum(['city', 'branch', 'station']),
        parentId: z.string().nullable(),
      }),
      figures: FiguresSchema.describe('a station’s own; a branch or the city summed over the units under it'),
      inTimeRate: z.number().nullable().describe('capturedInTime / captureDue; null when nothing was due'),
      score: z
        .number()
        .nullable()
        .describe('考核得分 0..100, one decimal (docs/BULLETIN.md); null for a unit with no business, warnings or checks this month'),
      deductions: DeductionsSchema.describe('what each shortcoming took off the 100'),
    }),
  ),
});

const binary = z.string().meta({ format: 'binary' });
export const BulletinPdfResponse = {
  description: 'the bulletin as an A4 PDF',
  content: { 'application/pdf': { schema: binary } },
};
export const BulletinXlsxResponse = {
  description: 'the bulletin as an Excel workbook, one sheet',
  content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: binary } },
};
