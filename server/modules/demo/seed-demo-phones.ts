import type { AppContext } from '../../context.ts';
import { setStationSmsPhone } from '../notify/commands/set-station-phone.ts';
import { DEMO_UNITS } from '../org/demo-organisation.ts';
import { demoActor } from './demo.repo.ts';

/**
 * A demo station's SMS number: 1380000 and four digits of its unit code (13800004510 for 古楼), in the
 * 1380000xxxx block the tests and demos use, so no demo text is meant for a real person.
 */
export function demoStationPhone(unitCode: string): string {
  return `1380000${unitCode.slice(5, 9)}`;
}

/**
 * Gives every demo station a number, so the demo approvals and returns tell their station instead of
 * failing for want of one. Set through the system administrator's own act (in the trail, masked), as
 * on a real installation. Answers how many stations got one.
 */
export async function seedDemoStationPhones(ctx: AppContext): Promise<number> {
  const admin = await demoActor(ctx.db.kysely, 'sysadmin');
  const stations = DEMO_UNITS.filter((unit) => unit.kind === 'station');
  for (const station of stations) {
    await setStationSmsPhone(ctx, admin, station.code, demoStationPhone(station.code), `demo-sms-phone-${station.code}`);
  }
  return stations.length;
}
