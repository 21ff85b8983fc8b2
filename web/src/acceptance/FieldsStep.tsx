import { Alert, Col, Row, theme } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/messages.ts';
import type { FieldValue } from './acceptance-draft.ts';
import { CaseFieldInput } from './CaseFieldInput.tsx';
import type { CatalogSubtype } from './catalog.ts';
import { fieldProblems } from './field-values.ts';
import { acceptanceMessages } from './messages.ts';

interface Props {
  subtype: CatalogSubtype;
  values: Record<string, FieldValue>;
  reveal: boolean;
  /** CASE_FIELDS_INVALID details.fields from a refused accept: key → problem. */
  serverProblems: Record<string, string>;
  onChange: (key: string, value: FieldValue | undefined) => void;
}

/** The sub-type's own fields, drawn from the catalog and checked by the server's rules as they are filled in. */
export function FieldsStep({ subtype, values, reveal, serverProblems, onChange }: Props) {
  const t = useT(acceptanceMessages);
  const { token } = theme.useToken();
  const [left, setLeft] = useState<Record<string, boolean>>({});
  const problems = fieldProblems(subtype, values);
  const count = Object.keys(problems).length;
  const refused = Object.keys(serverProblems).length > 0;

  return (
    <>
      {refused && <Alert type="error" showIcon title={t('serverRefusedFields')} style={{ marginBottom: token.margin }} role="alert" />}
      {!refused && reveal && count > 0 && (
        <Alert type="warning" showIcon title={t('fieldsHaveProblems', { n: count })} style={{ marginBottom: token.margin }} role="alert" />
      )}
      <Row gutter={24}>
        {subtype.fields.map((field, index) => (
          <Col key={field.key} xs={24} md={12} xl={8}>
            <CaseFieldInput
              field={field}
              value={values[field.key]}
              problem={problems[field.key]}
              reveal={reveal || Boolean(left[field.key])}
              serverProblem={serverProblems[field.key]}
              onChange={(value) => onChange(field.key, value)}
              onBlur={() => setLeft((current) => ({ ...current, [field.key]: true }))}
              autoFocus={index === 0}
            />
          </Col>
        ))}
      </Row>
    </>
  );
}
