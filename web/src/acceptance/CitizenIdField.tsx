import { Form, Input } from 'antd';
import { checkCitizenId } from '../../../server/modules/population/citizen-id.ts';
import { divisionName } from '../../../server/modules/population/divisions.ts';
import { useT } from '../i18n/messages.ts';
import { citizenIdProblemText, fieldProblemText } from './field-problems.ts';
import { acceptanceMessages } from './messages.ts';

interface Props {
  id: string;
  label: string;
  value: string;
  required: boolean;
  /** Show a problem even before the officer has typed 18 characters (after leaving the field or trying to go on). */
  reveal: boolean;
  /** What the server said about the value, when it refused it. */
  serverProblem?: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  autoFocus?: boolean;
}

/**
 * A citizen ID number checked as it is typed by the very function the server uses (GB 11643), with
 * the birth date and sex read from it, or the reason it is wrong.
 */
export function CitizenIdField({ id, label, value, required, reveal, serverProblem, onChange, onBlur, autoFocus }: Props) {
  const t = useT(acceptanceMessages);
  const typed = value.trim();
  const check = typed ? checkCitizenId(typed) : null;
  const complete = typed.length >= 18 || /[^0-9xX]/.test(typed);

  let status: '' | 'error' | 'success' = '';
  let help: string | undefined;
  if (serverProblem) {
    status = 'error';
    help = fieldProblemText(t, serverProblem);
  } else if (!check) {
    if (required && reveal) {
      status = 'error';
      help = t('problemRequired');
    }
  } else if (check.ok) {
    status = 'success';
    const sex = t(check.sex);
    const place = divisionName(check.divisionCode);
    help = place ? t('idValidPlace', { birthDate: check.birthDate, sex, place }) : t('idValid', { birthDate: check.birthDate, sex });
    if (!check.divisionKnown) help += t('idRetiredDivision');
  } else if (complete) {
    status = 'error';
    help = citizenIdProblemText(t, check.problem);
  } else {
    // Still being typed: how far along, in red only once the officer tried to go on with it.
    status = reveal ? 'error' : '';
    help = t('idTyping', { n: typed.length });
  }

  return (
    <Form.Item label={label} htmlFor={id} required={required} validateStatus={status} help={help} hasFeedback={status !== ''}>
      <Input
        id={id}
        value={value}
        maxLength={24}
        autoComplete="off"
        spellCheck={false}
        inputMode="text"
        style={{ fontFamily: 'monospace', letterSpacing: 1 }}
        // Pasted numbers often carry spaces ("420704 19880309 0133"); the number itself has none.
        onChange={(event) => onChange(event.target.value.replace(/\s+/g, '').toUpperCase())}
        onBlur={onBlur}
        autoFocus={autoFocus}
        aria-invalid={status === 'error'}
        data-testid={`id-${id}`}
      />
    </Form.Item>
  );
}
