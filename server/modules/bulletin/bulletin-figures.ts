/** What the bulletin counts of one unit in one month (docs/BULLETIN.md, "Figures"). */
export interface BulletinFigures {
  /** 受理: cases accepted in the month (historical imports left out). */
  accepted: number;
  /** 办结: cases completed in the month. */
  completed: number;
  /** Cases accepted in the month whose capture limit has passed (less those withdrawn within it). */
  captureDue: number;
  /** Of those, cases with a page captured by the limit (按时采集). */
  capturedInTime: number;
  /** 不合规: 未上传 and 不齐全 warnings whose fact happened in the month. */
  nonCompliant: number;
  /** 补录: cases with pages added as supplementary capture in the month. */
  supplementCases: number;
  /** 超期上传: cases with pages captured after their limit in the month. */
  lateCases: number;
  /** 审批超期: approvals overdue at this unit's level (warnings) whose deadline passed in the month. */
  overdueApprovals: number;
  /** 被抽查: the unit's cases spot-checked in the month, and those with findings. */
  spotChecked: number;
  spotFindings: number;
  /** 开展抽查: spot checks this unit did as checker in the month. */
  spotChecksDone: number;
}

export const FIGURE_KEYS = [
  'accepted',
  'completed',
  'captureDue',
  'capturedInTime',
  'nonCompliant',
  'supplementCases',
  'lateCases',
  'overdueApprovals',
  'spotChecked',
  'spotFindings',
  'spotChecksDone',
] as const satisfies readonly (keyof BulletinFigures)[];

export function emptyFigures(): BulletinFigures {
  return Object.fromEntries(FIGURE_KEYS.map((key) => [key, 0])) as unknown as BulletinFigures;
}

export function addFigures(a: BulletinFigures, b: Partial<BulletinFigures>): BulletinFigures {
  return Object.fromEntries(FIGURE_KEYS.map((key) => [key, a[key] + (b[key] ?? 0)])) as unknown as BulletinFigures;
}
