import { App, Alert, Button, Card, Flex, Form, Popconfirm, Skeleton, Steps, Tooltip, Typography, theme } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../auth/session.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { Page } from '../shared/Page.tsx';
import { useAcceptanceDraft } from './acceptance-draft.ts';
import { applicantProblems } from './applicant-check.ts';
import { ApplicantStep } from './ApplicantStep.tsx';
import { ApprovalChain } from './ApprovalChain.tsx';
import { findSubtype, useCurrentCatalog } from './catalog.ts';
import { fieldProblems } from './field-values.ts';
import { FieldsStep } from './FieldsStep.tsx';
import { MaterialsStep } from './MaterialsStep.tsx';
import { acceptanceMessages } from './messages.ts';
import { SubtypePicker } from './SubtypePicker.tsx';
import { type AcceptRefusal, useAcceptCase } from './useAcceptCase.ts';

const LAST_STEP = 3;
const NO_REFUSAL: AcceptRefusal = { step: 0, fieldProblems: {} };

/**
 * 受理 at the window, on one page: 业务类型 → 申请人 → 业务信息 → 材料清单/确认受理. Every step can be
 * left and resumed; what was typed survives a reload (acceptance-draft.ts) and is checked by the
 * server's own rules as it is typed. Accepting leads straight to the capture of the new case.
 */
export default function AcceptancePage() {
  const t = useT(acceptanceMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const catalog = useCurrentCatalog();
  const { draft, restored, edit, setStep, setAcceptKey, clear } = useAcceptanceDraft(me.userId);
  const { accept, busy } = useAcceptCase(setAcceptKey);
  // Steps the officer tried to leave forwards: their problems show everywhere, not only in fields already left.
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(() => new Set());
  const [refusal, setRefusal] = useState<AcceptRefusal>(NO_REFUSAL);
  const [showRestored, setShowRestored] = useState(restored);

  const subtype = findSubtype(catalog.data, draft.subtypeCode);
  const invalid = [
    !subtype,
    Object.keys(applicantProblems(draft.applicant)).length > 0,
    !subtype || Object.keys(fieldProblems(subtype, draft.fields)).length > 0,
    false,
  ];
  const step = subtype ? draft.step : 0;

  const reveal = (...steps: number[]) => setRevealed((current) => new Set([...current, ...steps]));
  const goTo = (next: number) => setStep(Math.max(0, Math.min(LAST_STEP, next)));
  const goNext = () => {
    if (invalid[step]) reveal(step);
    else goTo(step + 1);
  };

  const doAccept = async () => {
    if (!subtype) return;
    const result = await accept(subtype, draft);
    if (result.ok) {
      clear();
      void message.success(t('accepted', { caseNo: result.accepted.caseNo }));
      void navigate(`/cases/${result.accepted.id}/capture`);
    } else {
      setRefusal(result.refusal);
      goTo(result.refusal.step);
    }
  };

  // One confirmation at a time, however often Ctrl+Enter is pressed.
  const confirming = useRef(false);
  const confirmAccept = () => {
    const firstInvalid = invalid.findIndex(Boolean);
    if (!subtype || firstInvalid >= 0) {
      reveal(0, 1, 2);
      goTo(Math.max(0, firstInvalid));
      void message.warning(t('fixBeforeAccept'));
      return;
    }
    if (confirming.current) return;
    confirming.current = true;
    modal.confirm({
      afterClose: () => (confirming.current = false),
      title: t('acceptConfirmTitle'),
      content: t('acceptConfirmBody', {
        officer: me.displayName,
        subtype: `${subtype.code} ${bilingual({ zh: subtype.name, en: subtype.nameEn })}`,
        applicant: draft.applicant.name.trim(),
        hours: subtype.captureLimitHours,
      }),
      okText: t('acceptConfirmOk'),
      onOk: doAccept,
    });
  };

  // Ctrl+Enter accepts from the last step, as the button's tooltip says.
  const shortcut = useRef<() => void>(() => undefined);
  useEffect(() => {
    shortcut.current = () => {
      if (step === LAST_STEP && !busy) confirmAccept();
    };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        shortcut.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const startOver = () => {
    clear();
    setRevealed(new Set());
    setRefusal(NO_REFUSAL);
    setShowRestored(false);
  };

  const editApplicant = (patch: Partial<typeof draft.applicant>) => {
    if ('idNumber' in patch) setRefusal((current) => ({ ...current, applicantIdProblem: undefined }));
    edit((current) => ({ ...current, applicant: { ...current.applicant, ...patch } }));
  };
  const editField = (key: string, value: string | number | undefined) => {
    setRefusal((current) => {
      const { [key]: _fixed, ...rest } = current.fieldProblems;
      return { ...current, fieldProblems: rest };
    });
    edit((current) => {
      const { [key]: _old, ...fields } = current.fields;
      return { ...current, fields: value === undefined ? fields : { ...fields, [key]: value } };
    });
  };
  const pickSubtype = (code: string, confirm: boolean) => {
    if (code !== draft.subtypeCode) {
      setRefusal(NO_REFUSAL);
      edit((current) => ({ ...current, subtypeCode: code }));
    }
    if (confirm) goTo(1);
  };

  const hasRefusal = (index: number) =>
    (index === 1 && Boolean(refusal.applicantIdProblem)) || (index === 2 && Object.keys(refusal.fieldProblems).length > 0);
  const stepStatus = (index: number) => {
    if (hasRefusal(index) || (revealed.has(index) && invalid[index])) return 'error' as const;
    if (index === step) return 'process' as const;
    return invalid[index] || index === LAST_STEP ? ('wait' as const) : ('finish' as const);
  };
  const stepTitles = [t('stepSubtype'), t('stepApplicant'), t('stepFields'), t('stepMaterials')];

  if (catalog.isPending)
    return (
      <Page title={t('title')}>
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </Page>
    );
  if (catalog.isError)
    return (
      <Page title={t('title')}>
        <ErrorAlert error={catalog.error} onRetry={() => void catalog.refetch()} />
      </Page>
    );

  return (
    <Page
      title={t('title')}
      extra={
        <Popconfirm title={t('clearDraftConfirm')} onConfirm={startOver}>
          <Button>{t('clearDraft')}</Button>
        </Popconfirm>
      }
    >
      {showRestored && <Alert type="info" showIcon closable title={t('draftRestored')} onClose={() => setShowRestored(false)} />}
      <Card>
        <Steps
          current={step}
          onChange={(index) => (subtype || index === 0 ? goTo(index) : undefined)}
          items={stepTitles.map((title, index) => ({
            title,
            status: stepStatus(index),
            disabled: !subtype && index > 0,
            content: index === LAST_STEP ? t('stepMaterialsHint') : undefined,
          }))}
          style={{ marginBottom: token.marginLG }}
        />
        {subtype && step > 0 && (
          <Flex gap={token.marginSM} align="center" wrap style={{ marginBottom: token.marginLG }} data-testid="chosen-subtype">
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
              {subtype.code}
            </Typography.Text>
            <Typography.Text strong>{bilingual({ zh: subtype.name, en: subtype.nameEn })}</Typography.Text>
            <Typography.Text type="secondary">·</Typography.Text>
            <ApprovalChain chain={subtype.approvalChain} />
          </Flex>
        )}
        <Form layout="vertical" requiredMark onFinish={goNext} component="form" aria-label={stepTitles[step]}>
          {step === 0 && catalog.data && <SubtypePicker catalog={catalog.data} value={draft.subtypeCode} onPick={pickSubtype} />}
          {step === 1 && (
            <ApplicantStep
              applicant={draft.applicant}
              reveal={revealed.has(1)}
              serverIdProblem={refusal.applicantIdProblem}
              onChange={editApplicant}
            />
          )}
          {step === 2 && subtype && (
            <FieldsStep
              subtype={subtype}
              values={draft.fields}
              reveal={revealed.has(2)}
              serverProblems={refusal.fieldProblems}
              onChange={editField}
            />
          )}
          {step === LAST_STEP && subtype && <MaterialsStep subtype={subtype} draft={draft} />}
          {step === LAST_STEP && refusal.error !== undefined && (
            <div style={{ marginTop: token.margin }}>
              <ErrorAlert error={refusal.error} />
            </div>
          )}
          <Flex justify="space-between" style={{ marginTop: token.marginLG }}>
            <Button onClick={() => goTo(step - 1)} disabled={step === 0}>
              {t('previous')}
            </Button>
            {step < LAST_STEP ? (
              <Tooltip title={t('nextShortcut')}>
                <Button type="primary" htmlType="submit">
                  {t('next')}
                </Button>
              </Tooltip>
            ) : (
              <Tooltip title={t('acceptShortcut')}>
                <Button type="primary" size="large" loading={busy} onClick={confirmAccept}>
                  {t('accept')}
                </Button>
              </Tooltip>
            )}
          </Flex>
        </Form>
      </Card>
    </Page>
  );
}
