import type { Db } from '../server/db/database.ts';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS, type DemoUser } from '../server/modules/org/demo-organisation.ts';
import { insertUser } from '../server/modules/org/org.repo.ts';
import { hashPassword } from '../server/modules/org/password.ts';
import type { ApprovalLevel } from '../server/modules/catalog/catalog.schema.ts';

/**
 * The demo organisation staffs only 古楼 and 蒲团 fully: 官柳 and 泽林 have no station leader,
 * 华容 and 太和 stations have nobody, and 梁子湖分局 has no reviewer. A city's year of business
 * runs through every station, so the bench adds the missing posts to its own scratch database
 * (same password as the demo accounts). The demo accounts themselves are used wherever they exist.
 */
export const BENCH_EXTRA_USERS: DemoUser[] = [
  { username: 'bench.guanliu.leader', displayName: '官柳所长（压测）', unit: '420704520000', role: 'station_leader' },
  { username: 'bench.zelin.leader', displayName: '泽林所长（压测）', unit: '420704530000', role: 'station_leader' },
  { username: 'bench.huarong.officer', displayName: '华容窗口（压测）', unit: '420703520000', role: 'window_officer' },
  { username: 'bench.huarong.leader', displayName: '华容所长（压测）', unit: '420703520000', role: 'station_leader' },
  { username: 'bench.taihe.officer', displayName: '太和窗口（压测）', unit: '420702510000', role: 'window_officer' },
  { username: 'bench.taihe.leader', displayName: '太和所长（压测）', unit: '420702510000', role: 'station_leader' },
  { username: 'bench.liangzihu.reviewer', displayName: '梁子湖分局审核（压测）', unit: '420702000000', role: 'branch_reviewer' },
];

const ALL_USERS = [...DEMO_USERS, ...BENCH_EXTRA_USERS];

export interface StationStaff {
  unitCode: string;
  /** The district (county-level division) the station serves, e.g. 420704 鄂城区. */
  district: string;
  casePrefix: string;
  officers: string[];
  /** Who decides at each approval level for this station's cases. */
  deciders: Record<ApprovalLevel, string>;
}

function one(unit: string, role: DemoUser['role']): string {
  const user = ALL_USERS.find((u) => u.unit === unit && u.role === role);
  if (!user) throw new Error(`no ${role} at ${unit}`);
  return user.username;
}

/** Every demo station with the usernames that work its cases, demo accounts first. */
export function stationRoster(): StationStaff[] {
  const cityApprover = one(DEMO_UNITS.find((u) => u.kind === 'city')!.code, 'city_approver');
  return DEMO_UNITS.filter((u) => u.kind === 'station').map((station) => ({
    unitCode: station.code,
    district: station.code.slice(0, 6),
    casePrefix: station.casePrefix,
    officers: ALL_USERS.filter((u) => u.unit === station.code && u.role === 'window_officer').map((u) => u.username),
    deciders: { station: one(station.code, 'station_leader'), branch: one(station.parent!, 'branch_reviewer'), city: cityApprover },
  }));
}

/** Inserts the extra posts that are missing; returns username → user id for every account. */
export async function addBenchStaff(db: Db): Promise<Map<string, string>> {
  const existing = await db.kysely.selectFrom('users').select(['id', 'username']).execute();
  const known = new Set(existing.map((u) => u.username));
  const missing = BENCH_EXTRA_USERS.filter((u) => !known.has(u.username));
  if (missing.length > 0) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const at = new Date().toISOString();
    for (const user of missing) {
      await insertUser(db.kysely, { username: user.username, displayName: user.displayName, unitId: user.unit, role: user.role, passwordHash }, at);
    }
  }
  const rows = await db.kysely.selectFrom('users').select(['id', 'username']).execute();
  return new Map(rows.map((u) => [u.username, u.id]));
}
