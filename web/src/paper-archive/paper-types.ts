import type { paths } from '../api/schema';

type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : never;

export type PaperFileList = Ok<'/api/paper-archive/files', 'get'>;
export type PaperFile = PaperFileList['items'][number];
export type CasePaperFile = Ok<'/api/paper-archive/cases/{caseId}', 'get'>;
export type OverdueReport = Ok<'/api/paper-archive/overdue', 'get'>;
export type PaperState = 'pending' | 'bound' | 'overdue';

export const PAPER_KEY = ['paper-archive'] as const;

/** Roles with the 纸质档案 page (server/modules/paper-archive/paper-archive.policy.ts). */
export const PAPER_READERS = ['window_officer', 'station_leader', 'branch_reviewer', 'city_approver', 'supervisor'] as const;
/** Roles with the overdue report. */
export const OVERDUE_READERS = ['station_leader', 'branch_reviewer', 'city_approver', 'supervisor'] as const;
