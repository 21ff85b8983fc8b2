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
  const started = useRef(false);
  const convert = useRef(toForm);
  convert.current = toForm;
  useEffect(() => {
    if (started.current) {
      started.current = false;
      return;
    }
    form.resetFields();
    form.setFieldsValue(convert.current(JSON.parse(shown) as Filter));
  }, [form, shown]);
  // A search that left the address as it was has nothing to skip.
  useEffect(() => {
    started.current = false;
  });
  return (next: Filter) => {
    started.current = true;
    onSearch(next);
  };
}
