import { Form, InputNumber } from 'antd';
import type { z } from 'zod';
import { useT } from '../i18n/messages.ts';
import { sharedMessages } from './messages.ts';

/** Bounds come from the server's own schema, so the form and the server never disagree. */
export function boundsOf(schema: z.ZodNumber): { min: number; max: number } {
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

export interface BoundedNumberFieldProps {
  name: (string | number)[];
  label: string;
  /** The server's schema of the number: an integer with a minimum and a maximum. */
  schema: z.ZodNumber;
  /** What the number changes, in a sentence; the allowed range follows it. */
  hint?: string;
  /** Shown in the box after the number (小时) and in the range. */
  unit?: string;
  /** Shown as it is, legible (a disabled box greys the number out), for those who may only read. */
  readOnly?: boolean;
}

/**
 * A whole number within the server's bounds: the range is shown under the box, and a number outside
 * it (or none) is said to be wrong under the field, as typed, before anything is sent.
 */
export function BoundedNumberField({ name, label, schema, hint, unit, readOnly }: BoundedNumberFieldProps) {
  const t = useT(sharedMessages);
  const { min, max } = boundsOf(schema);
  const range = t(unit ? 'rangeWithUnit' : 'range', { min, max, unit: unit ?? '' });
  return (
    <Form.Item
      name={name}
      label={label}
      extra={hint ? t('hintWithRange', { hint, range }) : range}
      rules={[{ required: true, type: 'integer', min, max, message: t('outOfRange', { range }) }]}
    >
      {/* No min and max on the box: it would quietly pull a number typed out of range back to the bound. */}
      <InputNumber precision={0} suffix={unit} readOnly={readOnly} style={{ width: 160 }} />
    </Form.Item>
  );
}
