import { demoCitizenId, MAX_DEMO_SERIAL } from '../server/modules/population/demo-people.ts';
import { type Rng, WeightedPicker } from './prng.ts';

// The commonest Chinese surnames with rough relative frequencies, so names repeat as they do in life
// (a search by name returns several people, as it does at a real window).
const SURNAMES = new WeightedPicker(
  [
    '王',
    '李',
    '张',
    '刘',
    '陈',
    '杨',
    '黄',
    '赵',
    '吴',
    '周',
    '徐',
    '孙',
    '马',
    '朱',
    '胡',
    '郭',
    '何',
    '高',
    '林',
    '罗',
    '郑',
    '梁',
    '谢',
    '宋',
    '唐',
    '许',
    '韩',
    '冯',
    '邓',
    '曹',
    '彭',
    '曾',
    '肖',
    '田',
    '董',
    '袁',
    '潘',
    '于',
    '蒋',
    '蔡',
    '余',
    '杜',
    '叶',
    '程',
    '苏',
    '魏',
    '吕',
    '丁',
    '任',
    '沈',
  ],
  [
    74, 72, 70, 55, 46, 31, 24, 20, 19, 18, 17, 16, 12, 11, 11, 10, 9, 9, 9, 9, 8, 8, 7, 7, 7, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 3, 3, 3,
  ],
);
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉鹏飞宇浩然子涵梓轩欣怡思雨佳琪博文俊熙雅婷志强海燕春梅晓东丹丹'.split(
  '',
);

/** The three districts of Ezhou: 梁子湖区, 华容区, 鄂城区. */
export const EZHOU_DISTRICTS = ['420702', '420703', '420704'] as const;
/** Elsewhere in Hubei (武汉, 黄冈, 黄石) and in other provinces, for move-ins and move-outs. */
export const HUBEI_ELSEWHERE = ['420102', '420106', '420111', '421102', '420202', '420281', '421121', '421002', '420984'] as const;
export const OTHER_PROVINCES = ['360102', '430102', '410105', '440106', '500103'] as const;

export function personName(rng: Rng): string {
  const given = rng.chance(0.3) ? rng.pick(GIVEN) : rng.pick(GIVEN) + rng.pick(GIVEN);
  return SURNAMES.pick(rng) + given;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A birth date `minAge`..`maxAge` whole years before the reference day. */
export function birthDate(rng: Rng, reference: Date, minAge: number, maxAge: number): string {
  const days = rng.int(Math.round(minAge * 365.25) + 1, Math.round(maxAge * 365.25));
  return isoDay(new Date(reference.getTime() - days * 86_400_000));
}

/** A valid citizen ID (GB 11643 check digit) for a person born on `born` in `division`. */
export function citizenId(rng: Rng, division: string, born: string, sex: 'male' | 'female' = rng.chance(0.5) ? 'male' : 'female'): string {
  return demoCitizenId(division, born, rng.int(1, MAX_DEMO_SERIAL), sex);
}

export function mobilePhone(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
}

export interface SyntheticApplicant {
  name: string;
  idNumber: string;
  phone?: string;
}

export function applicant(rng: Rng, division: string, reference: Date, minAge: number, maxAge: number): SyntheticApplicant {
  const born = birthDate(rng, reference, minAge, maxAge);
  return { name: personName(rng), idNumber: citizenId(rng, division, born), phone: rng.chance(0.9) ? mobilePhone(rng) : undefined };
}
