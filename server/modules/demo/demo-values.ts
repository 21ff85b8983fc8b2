import type { CatalogField, CatalogSubtype } from '../catalog/catalog.schema.ts';
import { demoCitizenId } from '../population/demo-people.ts';

const NAMES = ['王秀英', '李建国', '张丽华', '刘洋', '陈静', '杨帆', '黄志强', '赵敏', '周婷', '吴昊', '徐磊', '孙晓梅'];

/** A demo person's name, the same for the same serial. */
export function demoName(serial: number): string {
  return NAMES[serial % NAMES.length]!;
}

function textValue(field: CatalogField, serial: number): string {
  const key = field.key;
  if (/Name$/.test(key) && !/school|employer|collective|householdName/i.test(key)) return demoName(serial + key.length);
  if (/Ethnicity$/.test(key)) return '汉族';
  if (/Address$/.test(key)) return `湖北省鄂州市鄂城区古楼街道滨湖南路${10 + (serial % 80)}号`;
  if (/schoolName/.test(key)) return '武汉大学';
  if (/employer|placement/i.test(key)) return '鄂州市城市建设投资有限公司';
  if (/collectiveHouseholdName/.test(key)) return '鄂州职业大学集体户';
  if (/Authority$/.test(key)) return '湖北省鄂州监狱';
  if (/Country/.test(key)) return '加拿大';
  if (/Place$/.test(key)) return '鄂州市中心医院';
  if (/Number$/.test(key)) return `E42070${String(2026_0000 + serial).slice(-8)}`;
  if (/reason|Reason/.test(key)) return '工作调动';
  if (/Phone$/.test(key)) return `1380710${String(1000 + serial).slice(-4)}`;
  return `${field.label}`.slice(0, field.maxLength ?? 20);
}

/**
 * Values for every field of a sub-type that pass its own rules (case-fields.ts): what an officer
 * might type, for the demo cases of a new installation and for tests.
 */
export function demoFieldValues(subtype: Pick<CatalogSubtype, 'fields'>, serial = 1): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const field of subtype.fields) {
    switch (field.type) {
      case 'text':
        values[field.key] = textValue(field, serial);
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
        const option = field.options?.[0];
        if (!option) throw new Error(`enum field ${field.key} has no options`);
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
