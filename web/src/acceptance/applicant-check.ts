import { checkCitizenId } from '../../../server/modules/population/citizen-id.ts';

export interface Applicant {
  name: string;
  idNumber: string;
  phone: string;
}
export type ApplicantKey = keyof Applicant;
/** Keys of the page's messages (messages.ts), kept as plain names so the rule runs without the page. */
export type ApplicantProblem =
  | 'nameRequired'
  | 'nameTooLong'
  | 'problemRequired'
  | 'problemCitizenIdFormat'
  | 'problemCitizenIdChecksum'
  | 'problemCitizenIdBirthDate'
  | 'problemCitizenIdDivision'
  | 'phoneInvalid';
export type ApplicantProblems = Partial<Record<ApplicantKey, ApplicantProblem>>;

const ID_PROBLEMS = {
  format: 'problemCitizenIdFormat',
  checksum: 'problemCitizenIdChecksum',
  birthDate: 'problemCitizenIdBirthDate',
  division: 'problemCitizenIdDivision',
} as const;

/**
 * The applicant as AcceptCaseBody (server/modules/cases/cases.schema.ts) takes it: a name of 1 to 50
 * characters, an ID number that passes GB 11643 (checked by the server's own function), an optional
 * phone of digits, +, - and spaces.
 */
export function applicantProblems(applicant: Applicant, today = new Date()): ApplicantProblems {
  const problems: ApplicantProblems = {};
  const name = applicant.name.trim();
  if (!name) problems.name = 'nameRequired';
  else if (name.length > 50) problems.name = 'nameTooLong';
  const idNumber = applicant.idNumber.trim();
  if (!idNumber) problems.idNumber = 'problemRequired';
  else {
    const check = checkCitizenId(idNumber, today);
    if (!check.ok) problems.idNumber = ID_PROBLEMS[check.problem];
  }
  const phone = applicant.phone.trim();
  if (phone && !/^[0-9+\- ]{5,20}$/.test(phone)) problems.phone = 'phoneInvalid';
  return problems;
}
