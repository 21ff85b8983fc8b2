import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { CatalogSubtype } from '../../server/modules/catalog/catalog.schema.ts';
import { demoCitizenId } from '../../server/modules/population/demo-people.ts';

/** Valid values for every field of a sub-type, made from the catalog's own field list. */
export function sampleFields(subtype: CatalogSubtype, serial = 1): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const field of subtype.fields) {
    switch (field.type) {
      case 'text':
        values[field.key] = `测试${field.label}`.slice(0, field.maxLength ?? 20);
        break;
      case 'date':
        values[field.key] = '2026-11-01';
        break;
      case 'idNumber':
        values[field.key] = demoCitizenId('420704', '1990-05-17', (serial % 400) + 1, 'female');
        break;
      case 'divisionCode':
        values[field.key] = '420704';
        break;
      case 'enum': {
        const [option] = field.options ?? [];
        assert.ok(option, `enum field ${field.key} of ${subtype.code} has options`);
        values[field.key] = option.value;
        break;
      }
      case 'integer':
        values[field.key] = 1;
        break;
    }
  }
  return values;
}

export function sampleApplicant(serial = 1) {
  return { name: '张三', idNumber: demoCitizenId('420704', '1988-03-09', (serial % 400) + 1, 'male'), phone: '13800000000' };
}

/** A small image whose bytes differ with the seed, so each page gets its own blob. */
export function sampleImage(seed: number, format: 'jpeg' | 'png' = 'jpeg', size = 64): Promise<Buffer> {
  const image = sharp({
    create: { width: size, height: size, channels: 3, background: { r: seed % 256, g: (seed >> 8) % 256, b: (seed * 7) % 256 } },
  });
  return (format === 'jpeg' ? image.jpeg({ quality: 80 }) : image.png()).toBuffer();
}
