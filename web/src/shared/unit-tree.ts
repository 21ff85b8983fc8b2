import { useMemo } from 'react';
import { useBilingual } from '../i18n/messages.ts';
import { useUnits } from './units.ts';

export interface UnitNode {
  value: string;
  title: string;
  selectable: boolean;
  children: UnitNode[];
}

type Unit = NonNullable<ReturnType<typeof useUnits>['data']>['units'][number];

/**
 * The units in the reader's scope as a tree (city › branch › station) for a filter's TreeSelect.
 * Units whose parent is out of scope are roots: a branch reviewer's tree starts at the branch.
 * `selectable` says which may be chosen (the search matches the accepting station exactly; a
 * warning filter takes any unit and means its subtree).
 */
export function useUnitTree(selectable: (unit: Unit) => boolean = () => true): UnitNode[] {
  const bilingual = useBilingual();
  const units = useUnits();
  return useMemo(() => {
    const list = units.data?.units ?? [];
    const nodes = new Map(
      list.map((unit) => [
        unit.id,
        { value: unit.id, title: bilingual({ zh: unit.name, en: unit.nameEn }), selectable: selectable(unit), children: [] as UnitNode[] },
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
    // `selectable` is a rule fixed by the page, not state: the tree follows the units and the language.
  }, [units.data, bilingual]);
}
