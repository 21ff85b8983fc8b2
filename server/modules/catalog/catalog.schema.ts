import { z } from 'zod';
import { PAPER_SIZE_NAMES } from '../documents/paper.ts';

export const APPROVAL_LEVELS = ['station', 'branch', 'city'] as const; // 派出所, 分局, 市局
export const ApprovalLevelSchema = z.enum(APPROVAL_LEVELS);

export const FIELD_TYPES = ['text', 'date', 'idNumber', 'divisionCode', 'enum', 'integer'] as const;

export const CatalogFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/), // camelCase
  label: z.string().min(1),
  labelEn: z.string().min(1),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  maxLength: z.number().int().positive().optional(), // for text
  options: z.array(z.object({ value: z.string(), label: z.string(), labelEn: z.string() })).optional(), // for enum (required then)
});

/**
 * A material's own limits for the capture quality checks, where they differ from the defaults in
 * documents/quality.ts (e.g. 300 dpi for the small print of an identity card). Unknown keys are
 * refused, so a misspelt limit cannot pass unnoticed.
 */
export const QualityOverridesSchema = z.strictObject({
  minDpi: z.number().int().min(50).max(1200).optional(),
  minSharpness: z.number().positive().optional(),
  minPaperLuminance: z.number().min(0).max(255).optional(),
  maxInkLuminance: z.number().min(0).max(255).optional(),
  minInkFraction: z.number().min(0).max(1).optional(),
  maxSkewDegrees: z.number().min(0).max(15).optional(),
});

export const CatalogMaterialSchema = z.object({
  code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), // kebab-case, unique within a sub-type
  name: z.string().min(1),
  nameEn: z.string().min(1),
  required: z.boolean(),
  minPages: z.number().int().min(1),
  verifyOriginal: z.boolean(), // the station must verify (核准) the paper original
  basis: z.string().min(1).optional(), // source or assumption, when it differs from the sub-type's
  paper: z.enum(PAPER_SIZE_NAMES).optional(), // the sheet it is on, for the resolution check (documents/paper.ts); A4 when absent
  quality: QualityOverridesSchema.optional(),
});

export const CatalogSubtypeSchema = z.object({
  code: z.string().regex(/^\d{4}$/), // category code + 2 digits, e.g. '0101'
  name: z.string().min(1),
  nameEn: z.string().min(1),
  // Levels after the station submits; the last one approves (审批), earlier ones review (审核).
  approvalChain: z.array(ApprovalLevelSchema).min(1),
  captureLimitHours: z.number().int().positive(), // materials captured within this many hours of acceptance
  approvalLimitHours: z.number().int().positive(), // the whole chain decides within this many hours of submission
  basis: z.string().min(1), // the source of the rules or the assumption behind them
  fields: z.array(CatalogFieldSchema),
  materials: z.array(CatalogMaterialSchema).min(1),
  // On approval the applicant is also told by SMS, at the phone the case holds (docs/SMS.md); absent: false.
  notifyApplicantBySms: z.boolean().optional(),
});

export const CatalogCategorySchema = z.object({
  code: z.string().regex(/^\d{2}$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  subtypes: z.array(CatalogSubtypeSchema).min(1),
});

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

/** The items whose key an earlier item already has, with their indexes. */
function duplicates<T>(items: readonly T[], key: (item: T) => string): [number, T][] {
  const seen = new Set<string>();
  const dupes: [number, T][] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) dupes.push([i, item]);
    seen.add(k);
  });
  return dupes;
}

function strictlyIncreasing(values: readonly number[]): boolean {
  let previous = -Infinity;
  for (const value of values) {
    if (value <= previous) return false;
    previous = value;
  }
  return true;
}

function refuse(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

function checkSubtype(ctx: Ctx, categoryCode: string, subtype: z.infer<typeof CatalogSubtypeSchema>, path: Path): void {
  if (subtype.code.slice(0, 2) !== categoryCode) {
    refuse(ctx, [...path, 'code'], `sub-type ${subtype.code} does not start with its category code ${categoryCode}`);
  }
  for (const [i, material] of duplicates(subtype.materials, (m) => m.code)) {
    refuse(ctx, [...path, 'materials', i, 'code'], `duplicate material code ${material.code} in ${subtype.code}`);
  }
  for (const [i, field] of duplicates(subtype.fields, (f) => f.key)) {
    refuse(ctx, [...path, 'fields', i, 'key'], `duplicate field key ${field.key} in ${subtype.code}`);
  }
  subtype.fields.forEach((field, i) => {
    if (field.type === 'enum' && !field.options?.length) {
      refuse(ctx, [...path, 'fields', i, 'options'], `enum field ${field.key} in ${subtype.code} has no options`);
    }
  });
  // Strictly increasing rank forbids both repeats and a chain that goes back down.
  const ranks = subtype.approvalChain.map((level) => APPROVAL_LEVELS.indexOf(level));
  if (!strictlyIncreasing(ranks)) {
    refuse(ctx, [...path, 'approvalChain'], `approval chain of ${subtype.code} must rise station < branch < city without repeats`);
  }
}

export const CatalogSchema = z
  .object({
    version: z.string().regex(/^[a-z0-9.-]+$/), // e.g. 'ezhou-2026.1'
    title: z.string(),
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    source: z.string(),
    categories: z.array(CatalogCategorySchema).min(1),
  })
  .superRefine((catalog, ctx) => {
    for (const [i, category] of duplicates(catalog.categories, (c) => c.code)) {
      refuse(ctx, ['categories', i, 'code'], `duplicate category code ${category.code}`);
    }
    // Sub-type codes are unique across the whole catalog: cases refer to a sub-type by code alone.
    const subtypeCodes = new Set<string>();
    catalog.categories.forEach((category, ci) => {
      category.subtypes.forEach((subtype, si) => {
        const path: Path = ['categories', ci, 'subtypes', si];
        if (subtypeCodes.has(subtype.code)) refuse(ctx, [...path, 'code'], `duplicate sub-type code ${subtype.code}`);
        subtypeCodes.add(subtype.code);
        checkSubtype(ctx, category.code, subtype, path);
      });
    });
  });

export type ApprovalLevel = z.infer<typeof ApprovalLevelSchema>;
export type CatalogField = z.infer<typeof CatalogFieldSchema>;
export type CatalogMaterial = z.infer<typeof CatalogMaterialSchema>;
export type QualityOverrides = z.infer<typeof QualityOverridesSchema>;
export type CatalogSubtype = z.infer<typeof CatalogSubtypeSchema>;
export type CatalogCategory = z.infer<typeof CatalogCategorySchema>;
export type Catalog = z.infer<typeof CatalogSchema>;
