import { useMemo } from 'react';
import { useBilingual } from '../i18n/messages.ts';
import { useUnits } from '../shared/units.ts';

export interface UnitNode {
  value: string;
  title: string;
  selectable: boolean;
  children: UnitNode[];
}

/**
 * The units in the reader's scope as a tree (city › branch › station). Units whose parent is out of
 * scope are roots: a branch reviewer's tree starts at the branch. Cases are accepted at stations and
 * the search matches the accepting unit exactly, so only stations can be chosen.
 */
export function useUnitTree(): UnitNode[] {
  const bilingual = useBilingual();
  const units = useUnits();
  return useMemo(() => {
    const list = units.data?.units ?? [];
    const nodes = new Map(
      list.map((unit) => [
        unit.id,
        { value: unit.id, title: bilingual({ zh: unit.name, en: unit.nameEn }), selectable: unit.kind === 'station', children: [] as UnitNode[] },
      ]),
    );
    const roots: UnitNode[] = [];
    for (const unit of list) {
      const node = nodes.get(unit.id);
      if (!node) continue;
      const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }, [units.data, bilingual]);
}
