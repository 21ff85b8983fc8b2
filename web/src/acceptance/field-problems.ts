import type { CitizenIdProblem } from '../../../server/modules/population/citizen-id.ts';
import type { Translate } from '../i18n/messages.ts';
import type { AcceptanceKey } from './messages.ts';

const CITIZEN_ID_PROBLEMS: Record<CitizenIdProblem, AcceptanceKey> = {
  format: 'problemCitizenIdFormat',
  checksum: 'problemCitizenIdChecksum',
  birthDate: 'problemCitizenIdBirthDate',
  division: 'problemCitizenIdDivision',
};

export function citizenIdProblemText(t: Translate<AcceptanceKey>, problem: CitizenIdProblem): string {
  return t(CITIZEN_ID_PROBLEMS[problem]);
}

const FIELD_PROBLEMS: Record<string, AcceptanceKey> = {
  required: 'problemRequired',
  date: 'problemDate',
  division_code: 'problemDivision',
  option: 'problemOption',
  integer: 'problemInteger',
  unknown: 'problemUnknown',
  type: 'problemType',
};

/**
 * A field's problem as checkCaseFields (server/modules/cases/case-fields.ts) names it, in words: the
 * browser's own check and the server's CASE_FIELDS_INVALID details use the same names.
 */
export function fieldProblemText(t: Translate<AcceptanceKey>, problem: string, maxLength = 200): string {
  if (problem === 'too_long') return t('problemTooLong', { max: maxLength });
  if (problem.startsWith('citizen_id_')) {
    const idProblem = problem.slice('citizen_id_'.length);
    if (idProblem in CITIZEN_ID_PROBLEMS) return citizenIdProblemText(t, idProblem as CitizenIdProblem);
  }
  const key = FIELD_PROBLEMS[problem];
  return key ? t(key) : t('problemInvalid');
}
