import sharp from 'sharp';
import type { CatalogSubtype } from '../../server/modules/catalog/catalog.schema.ts';
import { demoFieldValues } from '../../server/modules/demo/demo-values.ts';
import { demoCitizenId } from '../../server/modules/population/demo-people.ts';

/** Valid values for every field of a sub-type, made from the catalog's own field list. */
export function sampleFields(subtype: CatalogSubtype, serial = 1): Record<string, string | number> {
  return demoFieldValues(subtype, serial);
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
