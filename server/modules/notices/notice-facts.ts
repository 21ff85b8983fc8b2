import { decodeSesSeal } from '../../crypto/index.ts';
import type { CaseActionsTable, SealsTable, UnitsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import { beijingDay } from '../../time/beijing-day.ts';
import type { CaseWithUnit } from '../cases/cases.repo.ts';
import type { SubtypeRef } from '../catalog/catalog-registry.ts';
import type { Actor } from '../org/actor.ts';
import { findUnitById } from '../org/org.repo.ts';
import { maskCitizenId } from '../population/citizen-id.ts';
import { SIGNED_ACTS } from '../seals/sign-case-decision.ts';
import { APPROVAL_DECISION, DECISION_LABELS, maskPersonName } from './notice-text.ts';
import { listDecisions } from './notices.repo.ts';

export interface NoticeDecision {
  label: string;
  unit: string;
  officer: string;
  at: string;
}

/** Everything the notice shows, gathered in the approval's transaction; rendering is pure. */
export interface NoticeFacts {
  caseNo: string;
  categoryName: string;
  subtypeName: string;
  applicantName: string;
  idNumberMasked: string;
  acceptingUnit: string;
  acceptedAt: string;
  decision: string;
  approvingUnit: string;
  approvedAt: string;
  decisions: NoticeDecision[];
  verificationCode: string;
  verificationUrl: string;
  /** The PNG inside the deciding unit's SES_Seal: the picture the seal is printed with. */
  sealImage: Uint8Array;
}

/** What anyone holding the code may see of the notice: nothing that names the person beyond the masks. */
export interface NoticePublicInfo {
  caseNo: string;
  subtype: { code: string; name: string };
  applicant: { nameMasked: string; idNumberMasked: string };
  decision: string;
  approvingUnit: string;
  approvedOn: string;
}

/** The unit's name as the bureau writes it on paper: the city bureau's name before a branch's or a station's. */
function fullUnitName(unit: UnitsTable, city: UnitsTable | undefined): string {
  return city && unit.id !== city.id && !unit.name.startsWith(city.name) ? `${city.name}${unit.name}` : unit.name;
}

export async function cityOf(tx: Tx, unit: UnitsTable): Promise<UnitsTable> {
  const cityId = unit.path.split('/').filter(Boolean)[0];
  const city = cityId && cityId !== unit.id ? await findUnitById(tx, cityId) : unit;
  if (!city) throw new Error(`the city bureau of unit ${unit.id} does not exist`);
  return city;
}

async function unitOrFail(tx: Tx, id: string): Promise<UnitsTable> {
  const unit = await findUnitById(tx, id);
  if (!unit) throw new Error(`unit ${id} does not exist`);
  return unit;
}

/**
 * The notice's facts at approval: the approval's own action row is not written yet when the act's
 * effect runs, so the approval is added to the decisions read from the log.
 */
export async function gatherNoticeFacts(
  tx: Tx,
  kase: CaseWithUnit,
  ref: SubtypeRef,
  approval: { actor: Actor; at: string; seal: SealsTable },
  verification: { code: string; url: string },
): Promise<{ facts: NoticeFacts; publicInfo: NoticePublicInfo; city: UnitsTable }> {
  const caseUnit = await unitOrFail(tx, kase.unit_id);
  const city = await cityOf(tx, caseUnit);
  const approvingUnit = await unitOrFail(tx, approval.actor.unitId);
  // SIGNED_ACTS names acts of the action log; its type is the looser string of a set lookup.
  const earlier = await listDecisions(tx, kase.id, [...SIGNED_ACTS] as CaseActionsTable['action'][]);
  const decisions: NoticeDecision[] = [
    ...earlier.map((row) => ({ label: DECISION_LABELS[row.action] ?? row.action, unit: row.unit_name, officer: row.officer_name, at: row.at })),
    { label: DECISION_LABELS.approve!, unit: approvingUnit.name, officer: approval.actor.displayName, at: approval.at },
  ];
  const idNumberMasked = maskCitizenId(kase.applicant_id_number);
  const facts: NoticeFacts = {
    caseNo: kase.case_no,
    categoryName: ref.categoryName,
    subtypeName: ref.subtype.name,
    applicantName: kase.applicant_name,
    idNumberMasked,
    acceptingUnit: fullUnitName(caseUnit, city),
    acceptedAt: kase.accepted_at,
    decision: APPROVAL_DECISION,
    approvingUnit: fullUnitName(approvingUnit, city),
    approvedAt: approval.at,
    decisions,
    verificationCode: verification.code,
    verificationUrl: verification.url,
    sealImage: decodeSesSeal(new Uint8Array(Buffer.from(approval.seal.der, 'base64'))).sealInfo.picture.data,
  };
  const publicInfo: NoticePublicInfo = {
    caseNo: kase.case_no,
    subtype: { code: ref.subtype.code, name: ref.subtype.name },
    applicant: { nameMasked: maskPersonName(kase.applicant_name), idNumberMasked },
    decision: APPROVAL_DECISION,
    approvingUnit: facts.approvingUnit,
    approvedOn: beijingDay(new Date(approval.at)),
  };
  return { facts, publicInfo, city };
}
