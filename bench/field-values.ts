import type { CatalogField, CatalogSubtype } from '../server/modules/catalog/catalog.schema.ts';
import type { Rng } from './prng.ts';
import {
  birthDate,
  citizenId,
  EZHOU_DISTRICTS,
  HUBEI_ELSEWHERE,
  isoDay,
  mobilePhone,
  OTHER_PROVINCES,
  personName,
  type SyntheticApplicant,
} from './synthetic-people.ts';

export interface FieldContext {
  acceptedAt: Date;
  /** The district of the station, where the household lives. */
  district: string;
  applicant: SyntheticApplicant;
}

// Fields naming the person the case is about: they repeat the applicant, as on a real form.
const SUBJECT_NAME = /^(person|migrant|student|soldier|officer|dependant|released|returnee|applicant)Name$/;
const SUBJECT_ID = /^(person|migrant|student|soldier|officer|dependant|released|returnee|applicant|kept)IdNumber$/;
const ROADS = ['滨湖路', '寒溪路', '南浦路', '江碧路', '凤凰路', '吴都大道', '古楼街', '文星路', '武昌大道', '樊口大道'];
const COUNTRIES = ['美国', '加拿大', '澳大利亚', '日本', '新加坡', '德国', '英国', '新西兰'];
const EMPLOYERS = ['鄂州市中心医院', '湖北华中光电有限公司', '鄂州市第一中学', '鄂州钢铁有限公司', '葛店经济技术开发区管委会', '顺丰鄂州花湖机场'];
const SCHOOLS = ['鄂州职业大学', '湖北工业大学', '华中科技大学', '武汉大学', '湖北经济学院'];
const REASONS = ['申请人因工作原因未能及时办理', '家庭成员变动，需调整户口登记', '经调查核实，原登记有误', '申请人提出书面申请，材料齐全'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function daysBefore(reference: Date, rng: Rng, min: number, max: number): string {
  return isoDay(new Date(reference.getTime() - rng.int(min, max) * 86_400_000));
}

function division(rng: Rng, key: string, context: FieldContext): string {
  if (key === 'birthPlaceDivision') return rng.chance(0.85) ? context.district : rng.pick(EZHOU_DISTRICTS);
  if (key === 'fromDivision') return rng.chance(0.7) ? rng.pick(HUBEI_ELSEWHERE) : rng.pick(OTHER_PROVINCES);
  if (key === 'toDivision')
    return rng.chance(0.5) ? rng.pick(EZHOU_DISTRICTS) : rng.chance(0.6) ? rng.pick(HUBEI_ELSEWHERE) : rng.pick(OTHER_PROVINCES);
  return rng.pick([...EZHOU_DISTRICTS, ...HUBEI_ELSEWHERE]);
}

function text(rng: Rng, field: CatalogField, context: FieldContext): string {
  const key = field.key;
  if (SUBJECT_NAME.test(key)) return context.applicant.name;
  if (/Name$/.test(key) && !/^(school|employer|collectiveHousehold)Name$/.test(key)) {
    return key === 'newName' ? context.applicant.name.slice(0, 1) + personName(rng).slice(1) : personName(rng);
  }
  if (key === 'schoolName') return rng.pick(SCHOOLS);
  if (key === 'employerName' || key === 'placementEmployer') return rng.pick(EMPLOYERS);
  if (key === 'collectiveHouseholdName') return `${rng.pick(ROADS)}社区公共集体户`;
  if (/Ethnicity$/.test(key)) return rng.chance(0.97) ? '汉族' : rng.pick(['回族', '土家族', '苗族']);
  if (/Address$|Place$/.test(key)) return `湖北省鄂州市${rng.pick(ROADS)}${rng.int(1, 399)}号${rng.int(1, 30)}栋${rng.int(101, 2802)}室`;
  if (/Country$|Nationality$/.test(key)) return rng.pick(COUNTRIES);
  if (key === 'currentIdNumber' || key === 'cancelledIdNumber') return citizenId(rng, context.district, birthDate(rng, context.acceptedAt, 18, 70));
  if (key === 'applicantPhone') return context.applicant.phone ?? mobilePhone(rng);
  if (key === 'judgmentNumber') return `（${context.acceptedAt.getUTCFullYear()}）鄂07民特${rng.int(1, 999)}号`;
  if (/Number$/.test(key)) return `${rng.pick(['P', 'E', 'N', 'S'])}${pad(rng.int(0, 99_999_999), 8)}`;
  if (key === 'releasingAuthority') return '湖北省沙洋监狱';
  if (/Reason$|^reason$|^purpose$/.test(key)) return rng.pick(REASONS);
  return `${field.label}${rng.int(1, 9)}`;
}

function date(rng: Rng, key: string, context: FieldContext): string {
  const at = context.acceptedAt;
  if (key === 'childBirthDate') return daysBefore(at, rng, 1, 60);
  if (key === 'personBirthDate' || key === 'currentBirthDate' || key === 'correctedBirthDate') return birthDate(rng, at, 1, 60);
  // A card is renewed from two months before its expiry; every other date is in the past.
  if (key === 'oldCardExpiry') return daysBefore(at, rng, -60, 30);
  return daysBefore(at, rng, 1, 700);
}

function integer(rng: Rng, key: string, context: FieldContext): number {
  if (/Year$/.test(key)) return context.acceptedAt.getUTCFullYear();
  if (key === 'memberCount') return rng.int(1, 4);
  if (key === 'copies') return rng.int(1, 3);
  return rng.int(1, 9);
}

/** Values for every field of the sub-type that pass the server's validation (case-fields.ts); optional ones are filled most of the time. */
export function fieldValues(subtype: CatalogSubtype, rng: Rng, context: FieldContext): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const field of subtype.fields) {
    if (!field.required && rng.chance(0.2)) continue;
    switch (field.type) {
      case 'text':
        values[field.key] = text(rng, field, context).slice(0, field.maxLength ?? 200);
        break;
      case 'date':
        values[field.key] = date(rng, field.key, context);
        break;
      case 'idNumber':
        values[field.key] = SUBJECT_ID.test(field.key)
          ? context.applicant.idNumber
          : field.key === 'childIdNumber'
            ? citizenId(rng, context.district, birthDate(rng, context.acceptedAt, 0, 10))
            : citizenId(rng, context.district, birthDate(rng, context.acceptedAt, 18, 80));
        break;
      case 'divisionCode':
        values[field.key] = division(rng, field.key, context);
        break;
      case 'enum':
        values[field.key] = rng.pick(field.options!).value;
        break;
      case 'integer':
        values[field.key] = integer(rng, field.key, context);
        break;
    }
  }
  return values;
}
