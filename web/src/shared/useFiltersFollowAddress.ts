import type { FormInstance } from 'antd';
import { useEffect, useRef } from 'react';

/**
 * A filter form whose search lives in the address: back and forward show the search in the address
 * in the form. A search the form started itself is already in it, and what was typed since must not
 * be wiped, so it is not written back. Answers the search function the form calls.
 */
export function useFiltersFollowAddress<Filter, Values>(
  form: FormInstance<Values>,
  filter: Filter,
  toForm: (filter: Filter) => Partial<Values>,
  onSearch: (filter: Filter) => void,
): (next: Filter) => void {
  const shown = JSON.stringify(filter);
  // The address the form's own search left behind, until the address has moved on from it. Other
  // renders may come first (the data router navigates asynchronously), so only the address decides.
  const leaving = useRef<string | null>(null);
  const convert = useRef(toForm);
  convert.current = toForm;
  useEffect(() => {
    const own = leaving.current !== null && leaving.current !== shown;
    leaving.current = null;
    if (own) return;
    form.resetFields();
    form.setFieldsValue(convert.current(JSON.parse(shown) as Filter));
  }, [form, shown]);
  return (next: Filter) => {
    if (JSON.stringify(next) !== shown) leaving.current = shown;
    onSearch(next);
  };
}
