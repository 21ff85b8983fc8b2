import type { ApprovalLevel } from '../catalog/catalog.schema.ts';
import type { UnitPlace } from './warning-facts.repo.ts';

/**
 * The unit deciding at an approval level for a case of the station at `stationPath`: the station
 * itself, the branch bureau above it, or the city bureau (levels and unit kinds share their names).
 * Falls back to the station when the tree has no unit of that kind above it.
 */
export function unitAtLevel(units: readonly UnitPlace[], stationId: string, stationPath: string, level: ApprovalLevel): string {
  const above = units.filter((unit) => stationPath.startsWith(unit.path) && unit.kind === level);
  above.sort((a, b) => b.path.length - a.path.length);
  return above[0]?.id ?? stationId;
}
