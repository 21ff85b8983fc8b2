import { Col, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/messages.ts';
import type { AcceptanceDraft } from './acceptance-draft.ts';
import { applicantProblems, type ApplicantKey } from './applicant-check.ts';
import { CitizenIdField } from './CitizenIdField.tsx';
import { acceptanceMessages } from './messages.ts';

interface Props {
  applicant: AcceptanceDraft['applicant'];
  /** Every problem shown, not only those of fields already left: the officer tried to go on. */
  reveal: boolean;
  serverIdProblem?: string;
  onChange: (patch: Partial<AcceptanceDraft['applicant']>) => void;
}

/** The applicant: name, citizen ID number (checked as typed, birth date and sex read from it) and phone. */
export function ApplicantStep({ applicant, reveal, serverIdProblem, onChange }: Props) {
  const t = useT(acceptanceMessages);
  const [left, setLeft] = useState<Partial<Record<ApplicantKey, boolean>>>({});
  const problems = applicantProblems(applicant);
  const shown = (key: ApplicantKey) => (reveal || left[key] ? problems[key] : undefined);
  const leave = (key: ApplicantKey) => () => setLeft((current) => ({ ...current, [key]: true }));
  const name = shown('name');
  const phone = shown('phone');

  return (
    <Row gutter={24} style={{ maxWidth: 880 }}>
      <Col xs={24} md={10}>
        <Form.Item label={t('applicantName')} htmlFor="applicant-name" required validateStatus={name ? 'error' : undefined} help={name && t(name)}>
          <Input
            id="applicant-name"
            value={applicant.name}
            maxLength={50}
            autoFocus
            autoComplete="off"
            onChange={(e) => onChange({ name: e.target.value })}
            onBlur={leave('name')}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={14}>
        <CitizenIdField
          id="applicant-id-number"
          label={t('applicantIdNumber')}
          value={applicant.idNumber}
          required
          reveal={reveal || Boolean(left.idNumber)}
          serverProblem={serverIdProblem}
          onChange={(idNumber) => onChange({ idNumber })}
          onBlur={leave('idNumber')}
        />
      </Col>
      <Col xs={24} md={10}>
        <Form.Item label={t('applicantPhone')} htmlFor="applicant-phone" validateStatus={phone ? 'error' : undefined} help={phone && t(phone)}>
          <Input
            id="applicant-phone"
            value={applicant.phone}
            maxLength={20}
            inputMode="tel"
            autoComplete="off"
            onChange={(e) => onChange({ phone: e.target.value })}
            onBlur={leave('phone')}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
