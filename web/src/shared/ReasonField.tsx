import { Form, Input, theme } from 'antd';
import type { Rule } from 'antd/es/form/index.js';

/** At least `min` characters besides leading and trailing spaces, as the server counts a reason. */
function trimmedAtLeast(min: number, message: string): Rule {
  return {
    validator: (_, value: unknown) =>
      (typeof value === 'string' ? value.trim().length : 0) >= min ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

/**
 * The reason an audited act asks for, as field `reason` of a FormModal: required, at least `min`
 * characters once trimmed (the caller trims what it sends), never more than the server keeps.
 */
export function ReasonField(props: { label: string; tooShort: string; min: number; max: number; placeholder: string; multiline?: boolean }) {
  const { token } = theme.useToken();
  const input = { autoFocus: true, maxLength: props.max, placeholder: props.placeholder };
  return (
    <Form.Item
      name="reason"
      label={props.label}
      required
      rules={[trimmedAtLeast(props.min, props.tooShort)]}
      style={{ marginBottom: token.marginXS }}
    >
      {props.multiline ? <Input.TextArea {...input} autoSize={{ minRows: 2, maxRows: 5 }} /> : <Input {...input} />}
    </Form.Item>
  );
}
