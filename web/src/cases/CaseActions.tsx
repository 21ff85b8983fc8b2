import { CameraOutlined } from '@ant-design/icons';
import { Button, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n/messages.ts';
import { ACT_ORDER, ACT_SPECS } from './acts.ts';
import type { CaseView, DecisionAct } from './case-data.ts';
import { chordLabel, useShortcuts } from '../shared/keyboard.ts';
import { caseMessages } from './messages.ts';

const CAPTURE_CHORD = 'Alt+KeyU';

/** Pages can be added now: captured at the station, or as 补录 after submission (an officer's). */
export function canAddPages(kase: Pick<CaseView, 'allowedActs'>): boolean {
  return kase.allowedActs.includes('capture') || kase.allowedActs.includes('supplement');
}

/**
 * Only the acts this person may do on this case now (allowedActs, decided by the server with the
 * same checks the acts run), each behind a confirmation; Alt+<letter> opens the same confirmation.
 */
export function CaseActions({ kase, onAct, disabled }: { kase: CaseView; onAct: (act: DecisionAct) => void; disabled: boolean }) {
  const t = useT(caseMessages);
  const navigate = useNavigate();
  const allowed: readonly string[] = kase.allowedActs;
  const acts = ACT_ORDER.filter((act) => allowed.includes(act));
  const canCapture = canAddPages(kase);
  // Past submission only 补录 is left: the button says so.
  const supplementOnly = !allowed.includes('capture');
  const captureHref = `/cases/${kase.id}/capture`;

  useShortcuts(
    {
      ...Object.fromEntries(acts.map((act) => [ACT_SPECS[act].chord, () => onAct(act)])),
      ...(canCapture ? { [CAPTURE_CHORD]: () => void navigate(captureHref) } : {}),
    },
    !disabled,
  );

  if (acts.length === 0 && !canCapture) {
    return (
      <Typography.Text type="secondary" data-testid="no-acts">
        {t('noActs')}
      </Typography.Text>
    );
  }

  const firstForward = acts.find((act) => !ACT_SPECS[act].danger);
  return (
    <>
      {canCapture && (
        <Tooltip title={`${supplementOnly ? t('supplementHint') : t('captureHint')} (${chordLabel(CAPTURE_CHORD)})`}>
          <Button icon={<CameraOutlined />} onClick={() => void navigate(captureHref)} aria-keyshortcuts="Alt+U" data-testid="open-capture">
            {supplementOnly ? t('supplementCapture') : t('capture')}
          </Button>
        </Tooltip>
      )}
      {acts.map((act) => {
        const spec = ACT_SPECS[act];
        return (
          <Tooltip key={act} title={t('actShortcut', { key: chordLabel(spec.chord) })}>
            <Button
              type={act === firstForward ? 'primary' : 'default'}
              danger={spec.danger}
              disabled={disabled}
              data-act={act}
              aria-keyshortcuts={chordLabel(spec.chord)}
              onClick={() => onAct(act)}
            >
              {t(`act_${act}`)}
            </Button>
          </Tooltip>
        );
      })}
    </>
  );
}
