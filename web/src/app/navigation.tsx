import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  BarChartOutlined,
  DashboardOutlined,
  FileAddOutlined,
  FileSearchOutlined,
  KeyOutlined,
  MessageOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  SettingOutlined,
  TeamOutlined,
  VerifiedOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { appMessages } from './messages.ts';
import { ACCEPTING_ROLES, BUSINESS_ROLES, type Role } from './roles.ts';

type Label = keyof (typeof appMessages)['zh-CN'];

/**
 * The left menu, by task. Each entry is shown only to the roles that use it; the server checks every
 * act again, so this is about a tidy menu, not about security. Later capabilities add their entries here.
 */
export interface NavEntry {
  path: string;
  label: Label;
  icon: ReactNode;
  roles: readonly Role[];
}

export const NAVIGATION: readonly NavEntry[] = [
  { path: '/', label: 'navWorkbench', icon: <DashboardOutlined />, roles: BUSINESS_ROLES },
  { path: '/accept', label: 'navAccept', icon: <FileAddOutlined />, roles: ACCEPTING_ROLES },
  { path: '/search', label: 'navSearch', icon: <SearchOutlined />, roles: BUSINESS_ROLES },
  // 预警: those who lead or decide, and the supervisors (server/modules/supervision/warnings.policy.ts).
  { path: '/warnings', label: 'navWarnings', icon: <AlertOutlined />, roles: ['station_leader', 'branch_reviewer', 'city_approver', 'supervisor'] },
  // 预警设置: the same readers; a city supervisor changes them, the others read (supervision/warnings.policy.ts).
  {
    path: '/warnings/policy',
    label: 'navWarningPolicy',
    icon: <SettingOutlined />,
    roles: ['station_leader', 'branch_reviewer', 'city_approver', 'supervisor'],
  },
  // 月度通报: the same readers (server/modules/bulletin/bulletin.policy.ts).
  {
    path: '/bulletins',
    label: 'navBulletin',
    icon: <BarChartOutlined />,
    roles: ['station_leader', 'branch_reviewer', 'city_approver', 'supervisor'],
  },
  // 纸质档案: the station's officers file; those above read, leaders and supervisors see the overdue report.
  {
    path: '/paper-archive',
    label: 'navPaperArchive',
    icon: <BookOutlined />,
    roles: ['window_officer', 'station_leader', 'branch_reviewer', 'city_approver', 'supervisor'],
  },
  // 抽查: the branch and city checkers; the stations' officers and leaders answer paper verifications
  // (server/modules/spot-checks/spot-checks.policy.ts).
  { path: '/spot-checks', label: 'navSpotChecks', icon: <FileSearchOutlined />, roles: ['branch_reviewer', 'city_approver', 'supervisor'] },
  { path: '/paper-verifications', label: 'navPaperVerifications', icon: <ReconciliationOutlined />, roles: ['window_officer', 'station_leader'] },
  { path: '/admin/units', label: 'navUnits', icon: <ApartmentOutlined />, roles: ['sys_admin'] },
  { path: '/admin/users', label: 'navUsers', icon: <TeamOutlined />, roles: ['sys_admin', 'sec_admin'] },
  { path: '/admin/policy', label: 'navPolicy', icon: <SafetyCertificateOutlined />, roles: ['sec_admin'] },
  { path: '/admin/seals', label: 'navSeals', icon: <VerifiedOutlined />, roles: ['sec_admin'] },
  // 短信发送记录: supervisors for their units, the system administrator for all (server/modules/notify/sms.policy.ts);
  // after the unit tree, which stays the system administrator's home (homeFor).
  { path: '/sms', label: 'navSms', icon: <MessageOutlined />, roles: ['supervisor', 'sys_admin'] },
  { path: '/audit', label: 'navAudit', icon: <AuditOutlined />, roles: ['audit_admin'] },
  { path: '/account/password', label: 'navAccount', icon: <KeyOutlined />, roles: [...BUSINESS_ROLES, 'sys_admin', 'sec_admin', 'audit_admin'] },
];

export function navigationFor(role: string): NavEntry[] {
  return NAVIGATION.filter((entry) => (entry.roles as readonly string[]).includes(role));
}

/** Where a role lands after signing in: its workbench, or an administrator's first tool. */
export function homeFor(role: string): string {
  return navigationFor(role)[0]?.path ?? '/account/password';
}
