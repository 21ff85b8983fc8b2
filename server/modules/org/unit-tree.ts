import type { UnitKind } from '../../db/schema.ts';

/**
 * The unit tree has three levels: the city bureau (市局, the root), its branch bureaus (分局) and
 * their police stations (派出所). The approval chain and every scope rule read it that way, so a
 * new unit goes exactly one level below its parent.
 */
const CHILD_KIND: Record<UnitKind, UnitKind | null> = { city: 'branch', branch: 'station', station: null };

export function childKindOf(parentKind: UnitKind): UnitKind | null {
  return CHILD_KIND[parentKind];
}

/** A unit's path: its ancestors' codes from the city down, then its own (actor.ts `unitInScope`). */
export function childPath(parentPath: string, code: string): string {
  return `${parentPath}${code}/`;
}
