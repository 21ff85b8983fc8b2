import { DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useBilingual, useT } from '../i18n/messages.ts';
import type { FieldValue } from './acceptance-draft.ts';
import type { CatalogField } from './catalog.ts';
import { CitizenIdField } from './CitizenIdField.tsx';
import { DivisionPicker } from './DivisionPicker.tsx';
import { fieldProblemText } from './field-problems.ts';
import { acceptanceMessages } from './messages.ts';

interface Props {
  field: CatalogField;
  value: FieldValue | undefined;
  /** The browser's own check of the value (checkCaseFields), shown once the field was left or the officer tried to go on. */
  problem?: string;
  reveal: boolean;
  serverProblem?: string;
  onChange: (value: FieldValue | undefined) => void;
  onBlur: () => void;
  autoFocus?: boolean;
}

const DATE = 'YYYY-MM-DD';
/** Enumerations this short read faster as buttons than as a drop-down. */
const MAX_RADIO_OPTIONS = 3;

/** One business field of the sub-type, drawn by its catalog type. */
export function CaseFieldInput({ field, value, problem, reveal, serverProblem, onChange, onBlur, autoFocus }: Props) {
  const t = useT(acceptanceMessages);
  const bilingual = useBilingual();
  const id = `field-${field.key}`;
  const label = bilingual({ zh: field.label, en: field.labelEn });
  const text = value === undefined ? '' : String(value);

  if (field.type === 'idNumber') {
    return (
      <CitizenIdField
        id={id}
        label={label}
        value={text}
        required={field.required}
        reveal={reveal}
        serverProblem={serverProblem}
        onChange={(next) => onChange(next || undefined)}
        onBlur={onBlur}
        autoFocus={autoFocus}
      />
    );
  }

  const shown = serverProblem ?? (reveal ? problem : undefined);
  const status = shown ? ('error' as const) : undefined;
  const input = (() => {
    switch (field.type) {
      case 'date': {
        const day = text ? dayjs(text) : null;
        return (
          <DatePicker
            id={id}
            value={day?.isValid() && day.format(DATE) === text ? day : null}
            format={DATE}
            autoFocus={autoFocus}
            placeholder={t('datePlaceholder')}
            status={status}
            style={{ width: '100%' }}
            onChange={(date) => onChange(date ? date.format(DATE) : undefined)}
            onBlur={onBlur}
          />
        );
      }
      case 'divisionCode':
        return <DivisionPicker id={id} value={text || undefined} status={status} onChange={onChange} onBlur={onBlur} autoFocus={autoFocus} />;
      case 'enum': {
        const options = (field.options ?? []).map((option) => ({ value: option.value, label: bilingual({ zh: option.label, en: option.labelEn }) }));
        return options.length <= MAX_RADIO_OPTIONS ? (
          <Radio.Group
            id={id}
            aria-label={label}
            value={text || undefined}
            options={options}
            optionType="button"
            onChange={(event) => onChange(String(event.target.value))}
          />
        ) : (
          <Select
            id={id}
            value={text || undefined}
            options={options}
            status={status}
            placeholder={t('selectPlaceholder')}
            autoFocus={autoFocus}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(next: string | undefined) => onChange(next)}
            onBlur={onBlur}
            allowClear
          />
        );
      }
      case 'integer':
        return (
          <InputNumber
            id={id}
            value={typeof value === 'number' ? value : text ? Number(text) : null}
            precision={0}
            autoFocus={autoFocus}
            status={status}
            style={{ width: '100%' }}
            onChange={(next) => onChange(next === null ? undefined : next)}
            onBlur={onBlur}
          />
        );
      case 'text':
      default:
        return (
          <Input
            id={id}
            value={text}
            maxLength={field.maxLength ?? 200}
            autoFocus={autoFocus}
            status={status}
            onChange={(event) => onChange(event.target.value || undefined)}
            onBlur={onBlur}
          />
        );
    }
  })();

  return (
    <Form.Item
      label={label}
      htmlFor={id}
      required={field.required}
      validateStatus={status}
      help={shown && fieldProblemText(t, shown, field.maxLength)}
    >
      {input}
    </Form.Item>
  );
}
