import { Alert, Form, Input, Modal, Typography, theme } from 'antd';
import { useEffect, useId, useState } from 'react';
import { ApiError } from '../api/errors.ts';
import { useMe } from '../auth/session.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import { ACT_SPECS, CONFLICT_CODES, DRIFT_CODE, MAX_TEXT, postAct } from './acts.ts';
import type { CaseView, DecisionAct } from './case-data.ts';
import { useLevelLabel } from './level-label.ts';
import { caseMessages } from './messages.ts';
import { useIntentKey } from '../shared/intent-key.ts';

/** The level a case goes to after this act, for saying so before it is done. */
function nextLevel(kase: CaseView, act: DecisionAct): string | null {
  if (act === 'submit') return kase.approvalChain[0] ?? null;
  if (act === 'review') return kase.approvalChain[kase.approvalChain.indexOf(kase.pendingLevel ?? 'station') + 1] ?? null;
  return null;
}

/**
 * Confirms one act with what it will do and who signs it; asks for the reason a return or withdrawal
 * needs, or the optional opinion of a decision. One idempotency key per intent: a retry of the same
 * words after a lost answer reuses it, so the act is never done twice.
 */
export function ActConfirmModal({
  kase,
  act,
  unitName,
  onClose,
  onDone,
  onConflict,
  onStale,
}: {
  kase: CaseView;
  act: DecisionAct | null;
  unitName: string;
  onClose: () => void;
  onDone: (act: DecisionAct, view: CaseView) => void;
  onConflict: (error: ApiError) => void;
  /** Any other 409: the page's copy of the case is behind; reload it while the message shows. */
  onStale: () => void;
}) {
  const t = useT(caseMessages);
  const bilingual = useBilingual();
  const levelLabel = useLevelLabel();
  const describe = useErrorMessage();
  const me = useMe();
  const { token } = theme.useToken();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const intent = useIntentKey();
  const fieldId = useId();

  useEffect(() => {
    if (!act) return;
    setText('');
    setTouched(false);
    setError(null);
    intent.done();
  }, [act, intent]);

  if (!act) return null;
  const spec = ACT_SPECS[act];
  const needsReason = spec.input === 'reason';
  const missingReason = needsReason && text.trim() === '';
  const level = levelLabel(nextLevel(kase, act));

  const confirm = async () => {
    setTouched(true);
    if (missingReason || text.length > MAX_TEXT || busy) return;
    const key = intent.keyFor(text);
    setBusy(true);
    setError(null);
    try {
      const view = await postAct(act, kase.id, text, key);
      intent.done();
      onDone(act, view);
    } catch (cause) {
      if (cause instanceof ApiError && (CONFLICT_CODES.has(cause.code) || cause.code === DRIFT_CODE)) {
        onConflict(cause);
      } else {
        setError(describe(cause));
        if (cause instanceof ApiError && cause.status === 409) onStale();
      }
    } finally {
      setBusy(false);
    }
  };

  const label = spec.input === 'reason' ? t('reason') : spec.input === 'opinion' ? t('opinion') : t('comment');
  const placeholder =
    act === 'return'
      ? t('returnReasonPlaceholder')
      : act === 'withdraw'
        ? t('withdrawReasonPlaceholder')
        : spec.input === 'opinion'
          ? t('opinionPlaceholder')
          : undefined;

  return (
    <Modal
      open
      title={t('confirmTitle', { act: t(`act_${act}`), caseNo: kase.caseNo })}
      okText={t(`act_${act}`)}
      okButtonProps={{ danger: spec.danger, loading: busy, autoFocus: spec.input === 'none', title: t('submitHint') }}
      onOk={() => void confirm()}
      onCancel={busy ? undefined : onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="act-explanation">{t(`confirm_${act}`, { level, unit: unitName })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('signedBy', { name: me.displayName, role: bilingual(me.roleLabel) })}</Typography.Paragraph>
      {spec.input !== 'none' && (
        <Form layout="vertical" requiredMark={needsReason}>
          <Form.Item
            label={label}
            htmlFor={fieldId}
            required={needsReason}
            validateStatus={touched && (missingReason || text.length > MAX_TEXT) ? 'error' : undefined}
            help={touched && missingReason ? t('reasonRequired') : text.length > MAX_TEXT ? t('textTooLong', { n: MAX_TEXT }) : undefined}
            style={{ marginBottom: token.marginLG }}
          >
            <Input.TextArea
              id={fieldId}
              autoFocus
              value={text}
              placeholder={placeholder}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  void confirm();
                }
              }}
              autoSize={{ minRows: 3, maxRows: 8 }}
              showCount
              maxLength={MAX_TEXT}
            />
          </Form.Item>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
