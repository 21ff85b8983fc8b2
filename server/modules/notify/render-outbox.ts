import type { AppContext } from '../../context.ts';
import type { OutboxTable } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { openCaseIdNumber } from '../population/case-protection.ts';
import { claimOutboxMessage, insertSms, listPendingSmsOutbox, type NewSms, readCaseForSms } from './sms.repo.ts';
import { renderSms } from './sms-templates.ts';

const BATCH = 200;
const NO_STATION_PHONE = '派出所未设置短信号码（系统管理员在“短信发送记录”页设置）';

/**
 * Turns the outbox's case messages into texts: the station always, the applicant when the case's
 * sub-type says `notifyApplicantBySms` and the case has a phone. Each outbox message is claimed and
 * its texts inserted in one transaction, and a text is unique per (message, recipient): rendering
 * runs at most once per message, whatever runs beside it.
 */
export async function renderPendingOutbox(ctx: AppContext): Promise<number> {
  let queued = 0;
  for (const message of await listPendingSmsOutbox(ctx.db.kysely, BATCH)) {
    queued += await inTransaction(ctx.db, async (tx) => {
      const at = ctx.now().toISOString();
      if (!(await claimOutboxMessage(tx, message.id, at))) return 0;
      const rows = await textsOf(ctx, tx, message);
      await insertSms(tx, rows, at);
      return rows.length;
    });
  }
  return queued;
}

async function textsOf(ctx: AppContext, tx: Parameters<typeof readCaseForSms>[0], message: OutboxTable): Promise<NewSms[]> {
  if (!message.case_id) return [];
  const kase = await readCaseForSms(tx, message.case_id);
  if (!kase) return [];
  const { subtype } = ctx.catalogs.subtype(kase.catalog_version, kase.subtype_code);
  const payload = JSON.parse(message.payload) as { reason?: string };
  const facts = {
    caseNo: kase.case_no,
    subtypeName: subtype.name,
    applicantName: kase.applicant_name,
    applicantIdNumber: openCaseIdNumber(ctx.dataKeys, kase),
    unitName: kase.unit_name,
    reason: payload.reason ?? null,
  };
  const base = { outboxId: message.id, topic: message.topic, caseId: kase.id, unitId: kase.unit_id };
  const rows: NewSms[] = [
    {
      ...base,
      recipient: 'station',
      to: kase.station_phone ?? '',
      text: renderSms(message.topic, 'station', facts),
      ...(kase.station_phone ? {} : { failed: NO_STATION_PHONE }),
    },
  ];
  if (message.topic === 'case.approved' && subtype.notifyApplicantBySms && kase.applicant_phone) {
    rows.push({ ...base, recipient: 'applicant', to: kase.applicant_phone, text: renderSms(message.topic, 'applicant', facts) });
  }
  return rows;
}
