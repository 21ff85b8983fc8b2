import type { BulletinRow } from './bulletin-report.ts';

/** A column of the printed and the spreadsheet bulletin: its heading and the value a row shows. */
export interface BulletinColumn {
  title: string;
  kind: 'count' | 'rate' | 'score';
  value: (row: BulletinRow) => number | null;
}

/** The figures as the bulletin prints them, in the order a reader reads a month: business, capture, approval, checks, score. */
export const BULLETIN_COLUMNS: readonly BulletinColumn[] = [
  { title: '受理', kind: 'count', value: (r) => r.figures.accepted },
  { title: '办结', kind: 'count', value: (r) => r.figures.completed },
  { title: '应采集', kind: 'count', value: (r) => r.figures.captureDue },
  { title: '按时采集', kind: 'count', value: (r) => r.figures.capturedInTime },
  { title: '按时率', kind: 'rate', value: (r) => r.inTimeRate },
  { title: '不合规', kind: 'count', value: (r) => r.figures.nonCompliant },
  { title: '补录', kind: 'count', value: (r) => r.figures.supplementCases },
  { title: '超期上传', kind: 'count', value: (r) => r.figures.lateCases },
  { title: '审批超期', kind: 'count', value: (r) => r.figures.overdueApprovals },
  { title: '被抽查', kind: 'count', value: (r) => r.figures.spotChecked },
  { title: '抽查问题', kind: 'count', value: (r) => r.figures.spotFindings },
  { title: '开展抽查', kind: 'count', value: (r) => r.figures.spotChecksDone },
  { title: '考核得分', kind: 'score', value: (r) => r.score },
];

export const UNIT_KIND_NAMES = { city: '市局', branch: '分局', station: '派出所' } as const;

/** 96.5% with one decimal, or a dash when nothing was due. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export function cellText(column: BulletinColumn, row: BulletinRow): string {
  const value = column.value(row);
  if (column.kind === 'rate') return percent(value);
  if (column.kind === 'score') return value === null ? '—' : value.toFixed(1);
  return String(value ?? 0);
}

/** How the score is made, in one sentence for the foot of the page and the sheet. */
export const SCORE_NOTE =
  '考核得分 = 100 − 30×未按时采集率 − 25×不合规率 − 15×审批超期率 − 10×超期上传率 − 10×补录率 − 10×抽查问题率' +
  '（各率以受理件数为分母，按时采集率以应采集件数、抽查问题率以被抽查件数为分母，各率不超过1；得分保留一位小数，范围0～100）。' +
  '分局、市局为所辖单位合计后按同一公式计算；本月无业务、无预警、无抽查的单位不计分（—）。';
