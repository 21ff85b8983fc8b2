import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderSms } from './sms-templates.ts';

const facts = {
  caseNo: '201-2026-000001',
  subtypeName: '当年出生',
  applicantName: '张三丰',
  applicantIdNumber: '420704198803090011',
  unitName: '古楼派出所',
};

describe('SMS templates', () => {
  it('mask the name and the ID number in every text', () => {
    for (const [topic, recipient] of [
      ['case.approved', 'station'],
      ['case.approved', 'applicant'],
      ['case.returned', 'station'],
    ] as const) {
      const text = renderSms(topic, recipient, { ...facts, reason: '缺少材料' });
      assert.doesNotMatch(text, /张三丰|420704198803090011/);
      assert.match(text, /张\*丰/);
    }
    assert.match(renderSms('case.approved', 'station', facts), /420704\*{8}0011/);
  });
  it('cuts a long return reason short', () => {
    const text = renderSms('case.returned', 'station', { ...facts, reason: '很'.repeat(80) });
    assert.match(text, /很{30}…/);
    assert.doesNotMatch(text, /很{31}/);
  });
});
