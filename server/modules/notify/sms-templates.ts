import { maskCitizenId } from '../population/citizen-id.ts';
import { maskPersonName } from '../notices/notice-text.ts';
import type { OutboxTopic } from './outbox.ts';
import type { SmsRecipient } from './sms-state.ts';

/** What a text may say about its case: the applicant's name and ID number arrive here in full and leave masked. */
export interface SmsFacts {
  caseNo: string;
  subtypeName: string;
  applicantName: string;
  applicantIdNumber: string;
  unitName: string;
  reason?: string | null;
}

const SIGNATURE = '【鄂州公安户政】';

/**
 * The texts, in Chinese, one per topic and recipient. Never full personal data in an SMS: the name
 * keeps its first (and last) character, the ID number its first 6 and last 4; a return's reason is
 * cut short, since an officer's free text may hold anything.
 */
export function renderSms(topic: OutboxTopic, recipient: SmsRecipient, facts: SmsFacts): string {
  const name = maskPersonName(facts.applicantName);
  const id = maskCitizenId(facts.applicantIdNumber);
  if (topic === 'case.approved' && recipient === 'station') {
    return `${SIGNATURE}${facts.unitName}：业务${facts.caseNo}（${facts.subtypeName}，申请人${name}，身份证${id}）已审批通过，请通知申请人办理后续手续。`;
  }
  if (topic === 'case.approved') {
    return `${SIGNATURE}${name}您好，您在${facts.unitName}申请的${facts.subtypeName}（业务${facts.caseNo}）已审批通过，请按通知到派出所办理。`;
  }
  const reason = (facts.reason ?? '').replace(/\s+/g, ' ').trim();
  const shortReason = Array.from(reason).length > 30 ? `${Array.from(reason).slice(0, 30).join('')}…` : reason;
  return `${SIGNATURE}${facts.unitName}：业务${facts.caseNo}（${facts.subtypeName}，申请人${name}，身份证${id}）被退回${shortReason ? `，原因：${shortReason}` : ''}，请登录系统查看并补正。`;
}
