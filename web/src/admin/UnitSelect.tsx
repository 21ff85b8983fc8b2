import { TreeSelect } from 'antd';
import { useBilingual } from '../i18n/messages.ts';
import { type PublicUnit, type UnitNode, unitTree, useUnitChoices } from './admin-data.ts';

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

/** A unit picked from the tree, searchable by name; the tree opens fully (three levels, a few dozen units). */
export function UnitSelect({
  id,
  value,
  onChange,
  placeholder,
  allowClear = false,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined, unit: PublicUnit | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
}) {
  const bilingual = useBilingual();
  const units = useUnitChoices();
  const all = units.data?.units ?? [];
  const options = (nodes: UnitNode<PublicUnit>[]): TreeOption[] =>
    nodes.map((node) => ({
      value: node.unit.id,
      title: bilingual({ zh: node.unit.name, en: node.unit.nameEn }),
      ...(node.children ? { children: options(node.children) } : {}),
    }));
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(next: string | undefined) =>
        onChange?.(
          next,
          all.find((unit) => unit.id === next),
        )
      }
      treeData={options(unitTree(all))}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={units.isPending}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
