import { Cascader } from 'antd';
import { useMemo } from 'react';
import { useT } from '../i18n/messages.ts';
import { divisionTree, path, type DivisionOption } from './division-tree.ts';
import { acceptanceMessages } from './messages.ts';

interface Props {
  id: string;
  value: string | undefined;
  status?: 'error';
  onChange: (code: string | undefined) => void;
  onBlur?: () => void;
  autoFocus?: boolean;
}

/** Typed text finds a division by any part of its name or by its code: 鄂城, 420704. */
function matches(input: string, options: DivisionOption[]): boolean {
  const query = input.trim();
  return options.some((option) => option.label.includes(query) || option.value.startsWith(query));
}

/** A GB/T 2260 division picked from the tree (province › prefecture › county) or found by searching it. */
export function DivisionPicker({ id, value, status, onChange, onBlur, autoFocus }: Props) {
  const t = useT(acceptanceMessages);
  const options = useMemo(() => divisionTree(), []);
  return (
    <Cascader<DivisionOption>
      id={id}
      options={options}
      value={value ? path(value) : undefined}
      onChange={(codes) => onChange(codes?.at(-1))}
      onBlur={onBlur}
      autoFocus={autoFocus}
      status={status}
      placeholder={t('divisionPlaceholder')}
      showSearch={{ filter: matches, limit: 50 }}
      displayRender={(labels) => labels.join(' / ')}
      expandTrigger="hover"
      style={{ width: '100%' }}
      allowClear
    />
  );
}
