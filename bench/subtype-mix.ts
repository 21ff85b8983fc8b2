/**
 * Estimated cases per year for a city of about one million people, per sub-type of the Ezhou catalog.
 * Orders of magnitude, not statistics: about 8,000 births and 7,000 deaths a year (7‰ crude rates),
 * identity cards (10- and 20-year validity, plus losses) are the largest block, move-ins by marriage,
 * house purchase and work come next, and restorations or corrections are a handful a year.
 * The generator only uses the ratios; it scales them to the requested number of cases.
 */
export const ANNUAL_CASES_BY_SUBTYPE: Readonly<Record<string, number>> = {
  // 出生申报 births
  '0101': 7200,
  '0102': 500,
  '0103': 30,
  '0104': 30,
  '0105': 40,
  // 死亡注销 deaths
  '0201': 5600,
  '0202': 400,
  '0203': 15,
  // 投靠迁入 joining family
  '0301': 2600,
  '0302': 800,
  '0303': 1500,
  '0304': 100,
  // 政策性迁入 policy move-ins
  '0401': 3600,
  '0402': 2200,
  '0403': 400,
  '0404': 600,
  // 院校学生 students
  '0501': 1500,
  '0502': 1200,
  '0503': 600,
  // 特殊人员 special cases
  '0601': 300,
  '0602': 20,
  '0603': 60,
  '0604': 80,
  '0605': 5,
  // 户口迁出 move-outs
  '0701': 4000,
  '0702': 2500,
  '0703': 1500,
  // 变更更正 changes and corrections (rare)
  '0801': 300,
  '0802': 150,
  '0803': 40,
  '0804': 20,
  '0805': 5,
  '0806': 30,
  '0807': 400,
  // 分户合户 households
  '0901': 2500,
  '0902': 600,
  // 恢复户口 restorations (rare)
  '1001': 3,
  '1002': 10,
  '1003': 30,
  // 户口注销 deregistrations
  '1101': 100,
  '1102': 400,
  '1103': 50,
  '1104': 40,
  '1105': 10,
  // 居民身份证 identity cards (the largest block)
  '1201': 6000,
  '1202': 31000,
  '1203': 1500,
  '1204': 2000,
  '1205': 10000,
  '1206': 3000,
  // 户口簿 household booklets
  '1301': 2500,
  '1302': 800,
  '1303': 1500,
  // 户籍证明 certificates
  '1401': 1500,
  '1402': 2500,
  '1403': 1000,
};

/** A sub-type a later catalog adds gets a small share rather than none, so the generator never fails on it. */
export const UNKNOWN_SUBTYPE_ANNUAL_CASES = 20;

export function annualCases(subtypeCode: string): number {
  return ANNUAL_CASES_BY_SUBTYPE[subtypeCode] ?? UNKNOWN_SUBTYPE_ANNUAL_CASES;
}
