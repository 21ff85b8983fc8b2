import type { Role } from './roles.ts';

/**
 * The demo unit tree: 鄂州市公安局 with its three district branches and the four pilot stations the
 * report names (古楼, 官柳, 泽林, 蒲团) plus one more per branch. Unit codes follow the 12-digit
 * public-security organisation code shape (division code + 6 digits). 古楼 and 泽林 are in 鄂城区 and
 * 蒲团 in 华容区; placing 官柳 under 鄂城分局 is our assumption.
 */
export interface DemoUnit {
  code: string;
  name: string;
  nameEn: string;
  kind: 'city' | 'branch' | 'station';
  parent: string | null;
  casePrefix: string;
}

export const DEMO_UNITS: DemoUnit[] = [
  { code: '420700000000', name: '鄂州市公安局', nameEn: 'Ezhou Municipal Public Security Bureau', kind: 'city', parent: null, casePrefix: '100' },
  { code: '420704000000', name: '鄂城分局', nameEn: 'Echeng Branch Bureau', kind: 'branch', parent: '420700000000', casePrefix: '200' },
  { code: '420703000000', name: '华容分局', nameEn: 'Huarong Branch Bureau', kind: 'branch', parent: '420700000000', casePrefix: '300' },
  { code: '420702000000', name: '梁子湖分局', nameEn: 'Liangzihu Branch Bureau', kind: 'branch', parent: '420700000000', casePrefix: '400' },
  { code: '420704510000', name: '古楼派出所', nameEn: 'Gulou Police Station', kind: 'station', parent: '420704000000', casePrefix: '201' },
  { code: '420704520000', name: '官柳派出所', nameEn: 'Guanliu Police Station', kind: 'station', parent: '420704000000', casePrefix: '202' },
  { code: '420704530000', name: '泽林派出所', nameEn: 'Zelin Police Station', kind: 'station', parent: '420704000000', casePrefix: '203' },
  { code: '420703510000', name: '蒲团派出所', nameEn: 'Putuan Police Station', kind: 'station', parent: '420703000000', casePrefix: '301' },
  { code: '420703520000', name: '华容派出所', nameEn: 'Huarong Police Station', kind: 'station', parent: '420703000000', casePrefix: '302' },
  { code: '420702510000', name: '太和派出所', nameEn: 'Taihe Police Station', kind: 'station', parent: '420702000000', casePrefix: '401' },
];

export interface DemoUser {
  username: string;
  displayName: string;
  unit: string;
  role: Role;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'gulou.officer', displayName: '张伟（古楼窗口）', unit: '420704510000', role: 'window_officer' },
  { username: 'gulou.officer2', displayName: '刘洋（古楼窗口）', unit: '420704510000', role: 'window_officer' },
  { username: 'gulou.aux', displayName: '王芳（古楼协警）', unit: '420704510000', role: 'auxiliary' },
  { username: 'gulou.leader', displayName: '李强（古楼所长）', unit: '420704510000', role: 'station_leader' },
  { username: 'guanliu.officer', displayName: '陈静（官柳窗口）', unit: '420704520000', role: 'window_officer' },
  { username: 'zelin.officer', displayName: '杨帆（泽林窗口）', unit: '420704530000', role: 'window_officer' },
  { username: 'putuan.officer', displayName: '赵敏（蒲团窗口）', unit: '420703510000', role: 'window_officer' },
  { username: 'putuan.leader', displayName: '周军（蒲团所长）', unit: '420703510000', role: 'station_leader' },
  { username: 'echeng.reviewer', displayName: '吴磊（鄂城分局）', unit: '420704000000', role: 'branch_reviewer' },
  { username: 'huarong.reviewer', displayName: '郑丽（华容分局）', unit: '420703000000', role: 'branch_reviewer' },
  { username: 'echeng.supervisor', displayName: '孙涛（鄂城分局督查）', unit: '420704000000', role: 'supervisor' },
  { username: 'city.approver', displayName: '黄勇（市局治安支队）', unit: '420700000000', role: 'city_approver' },
  { username: 'city.supervisor', displayName: '林慧（市局督查）', unit: '420700000000', role: 'supervisor' },
  { username: 'sysadmin', displayName: '系统管理员', unit: '420700000000', role: 'sys_admin' },
  { username: 'secadmin', displayName: '安全管理员', unit: '420700000000', role: 'sec_admin' },
  { username: 'auditadmin', displayName: '审计管理员', unit: '420700000000', role: 'audit_admin' },
];

/** Printed on the console and in the README; demo installations only. */
export const DEMO_PASSWORD = 'Hukou@2026';
