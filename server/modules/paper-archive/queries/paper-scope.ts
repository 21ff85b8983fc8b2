import type { Kysely } from 'kysely';
import type { Database, UnitsTable } from '../../../db/schema.ts';
import type { Actor } from '../../org/actor.ts';
import { listUnitsInScope } from '../../org/org.repo.ts';

/**
 * The units a reading of the archive covers: the reader's subtree, or the chosen unit's within it.
 * `unitIds` null means every unit (the city, nothing chosen); `outOfScope` a unit chosen outside it.
 */
export async function paperScope(db: Kysely<Database>, actor: Actor, unitId: string | undefined) {
  const scoped: UnitsTable[] = await listUnitsInScope(db, actor.unitPath);
  const chosen = unitId ? scoped.find((unit) => unit.id === unitId) : undefined;
  if (unitId && !chosen) return { units: [] as UnitsTable[], unitIds: [] as string[], outOfScope: true };
  const units = chosen ? scoped.filter((unit) => unit.path.startsWith(chosen.path)) : scoped;
  const unitIds = !chosen && actor.unitKind === 'city' ? null : units.map((unit) => unit.id);
  return { units, unitIds, outOfScope: false };
}
