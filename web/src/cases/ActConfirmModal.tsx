import { Form, Input, Typography, theme } from 'antd';
import { ApiError } from '../api/errors.ts';
import { useMe } from '../auth/session.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { FormModal } from '../shared/FormModal.tsx';
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
export function ActConfirmModal({ act, ...props }: ActConfirmProps & { act: DecisionAct | null }) {
  // A dialog of its own for each act: a fresh form and a fresh idempotency key.
  return act ? <Confirming key={act} act={act} {...props} /> : null;
}

interface ActConfirmProps {
  kase: CaseView;
  unitName: string;
  onClose: () => void;
  onDone: (act: DecisionAct, view: CaseView) => void;
  onConflict: (error: ApiError) => void;
  /** Any other 409: the page's copy of the case is behind; reload it while the message shows. */
  onStale: () => void;
}

function Confirming({ kase, act, unitName, onClose, onDone, onConflict, onStale }: ActConfirmProps & { act: DecisionAct }) {
  const t = useT(caseMessages);
  const bilingual = useBilingual();
  const levelLabel = useLevelLabel();
  const me = useMe();
  const { token } = theme.useToken();
  const intent = useIntentKey();

  const spec = ACT_SPECS[act];
  const needsReason = spec.input === 'reason';
  const level = levelLabel(nextLevel(kase, act));

  const confirm = async ({ text = '' }: { text?: string }) => {
    const view = await postAct(act, kase.id, text, intent.keyFor(text));
    intent.done();
    onDone(act, view);
  };

  const refused = (cause: unknown) => {
    if (cause instanceof ApiError && (CONFLICT_CODES.has(cause.code) || cause.code === DRIFT_CODE)) {
      onConflict(cause);
      return true;
    }
    if (cause instanceof ApiError && cause.status === 409) onStale();
    return false;
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
    <FormModal<{ text?: string }>
      name="actConfirm"
      title={t('confirmTitle', { act: t(`act_${act}`), caseNo: kase.caseNo })}
      okText={t(`act_${act}`)}
      danger={spec.danger}
      okButtonProps={{ autoFocus: spec.input === 'none', title: t('submitHint') }}
      requiredMark={needsReason}
      quietUntilSubmit
      holdWhileBusy
      onSubmit={confirm}
      onRefused={refused}
      onCancel={onClose}
    >
      <Typography.Paragraph data-testid="act-explanation">{t(`confirm_${act}`, { level, unit: unitName })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('signedBy', { name: me.displayName, role: bilingual(me.roleLabel) })}</Typography.Paragraph>
      {spec.input !== 'none' && (
        <Form.Item
          name="text"
          label={label}
          required={needsReason}
          rules={[
            ...(needsReason ? [{ required: true, whitespace: true, message: t('reasonRequired') }] : []),
            { max: MAX_TEXT, message: t('textTooLong', { n: MAX_TEXT }) },
          ]}
          style={{ marginBottom: token.marginLG }}
        >
          <Input.TextArea autoFocus placeholder={placeholder} autoSize={{ minRows: 3, maxRows: 8 }} showCount maxLength={MAX_TEXT} />
        </Form.Item>
      )}
    </FormModal>
  );
}
