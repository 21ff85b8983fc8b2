import { AuditOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Tooltip, Typography, theme } from 'antd';
import { useRef, useState } from 'react';
import { api, newIdempotencyKey } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';
import { useMe } from '../auth/session.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import { caseKey, type CaseView, type MissingMaterial, missingOf } from './case-view.ts';
import { captureMessages } from './messages.ts';

type StationAct = 'verify' | 'submit';
const STATION_STATUSES: readonly string[] = ['accepted', 'verified', 'returned'];
const LEVELS = { station: 'stationLevel', branch: 'branchLevel', city: 'cityLevel' } as const;

function postAct(act: StationAct, id: string, key: string) {
  const request = { params: { path: { id } }, body: {}, headers: { 'Idempotency-Key': key } };
  return unwrap(act === 'verify' ? api.POST('/api/cases/{id}/verify', request) : api.POST('/api/cases/{id}/submit', request));
}

function missingIn(error: unknown): MissingMaterial[] {
  const missing = error instanceof ApiError ? error.details.missing : undefined;
  return Array.isArray(missing) ? (missing as MissingMaterial[]) : [];
}

/**
 * 核对原件 and 呈报 from beside the checklist, for the officers of the station (an auxiliary captures
 * only and sees neither). The server decides: a refusal says why, with the materials still missing.
 */
export function CaseActs({ kase }: { kase: CaseView }) {
  const t = useT(captureMessages);
  const bilingual = useBilingual();
  const describe = useErrorMessage();
  const { token } = theme.useToken();
  const { modal, message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const keys = useRef<Partial<Record<StationAct, string>>>({});
  const [busy, setBusy] = useState<StationAct | null>(null);
  // A refusal is about the case as it was: once the case changes (a page arrives), it no longer shows.
  const [refusal, setRefusal] = useState<{ message: string; missing: MissingMaterial[]; version: number } | null>(null);

  if (me.role === 'auxiliary' || !STATION_STATUSES.includes(kase.status)) return null;

  const run = async (act: StationAct) => {
    // One key per intent: a retry after a lost answer is the same act, answered once.
    const key = (keys.current[act] ??= newIdempotencyKey());
    setBusy(act);
    setRefusal(null);
    try {
      const view = await postAct(act, kase.id, key);
      keys.current[act] = undefined;
      queryClient.setQueryData(caseKey(kase.id), view);
      void queryClient.invalidateQueries({ queryKey: ['workbench'] });
      void message.success(act === 'verify' ? t('verified') : t('submitted'));
    } catch (error) {
      const missing = missingIn(error);
      setRefusal({ message: describe(error), missing, version: kase.version });
      if (error instanceof ApiError && error.status === 409) {
        keys.current[act] = undefined;
        await queryClient.invalidateQueries({ queryKey: caseKey(kase.id) });
        if (missing.length === 0) void message.warning(t('caseChanged'));
      }
    } finally {
      setBusy(null);
    }
  };

  const verifiable = kase.materials.filter((material) => material.verifyOriginal);
  const confirmVerify = () => {
    modal.confirm({
      title: t('verifyConfirmTitle'),
      content: (
        <>
          <Typography.Paragraph>
            {verifiable.length > 0 ? t('verifyConfirmBody', { officer: me.displayName }) : t('verifyNoOriginals', { officer: me.displayName })}
          </Typography.Paragraph>
          <ul>
            {verifiable.map((material) => (
              <li key={material.code}>{bilingual({ zh: material.name, en: material.nameEn })}</li>
            ))}
          </ul>
        </>
      ),
      okText: t('verify'),
      onOk: () => run('verify'),
    });
  };
  const chain = kase.approvalChain.map((level) => t(LEVELS[level])).join(' › ');
  const confirmSubmit = () => {
    modal.confirm({
      title: t('submitConfirmTitle'),
      content: t('submitConfirmBody', { chain, officer: me.displayName }),
      okText: t('submit'),
      onOk: () => run('submit'),
    });
  };

  const canVerify = kase.status === 'accepted' || kase.status === 'returned';
  // Before verification, 呈报 is still offered while materials are missing, so the refusal can name them.
  const complete = missingOf(kase).length === 0;
  const submitBlocked = kase.status !== 'verified' && complete;

  return (
    <Flex vertical gap={token.marginSM}>
      <Flex gap={token.marginSM} wrap>
        {canVerify && (
          <Button
            type={complete ? 'primary' : 'default'}
            icon={<AuditOutlined />}
            onClick={confirmVerify}
            loading={busy === 'verify'}
            disabled={busy !== null}
          >
            {t('verify')}
          </Button>
        )}
        <Tooltip title={submitBlocked ? t('submitNeedsVerify') : undefined}>
          <Button
            type={kase.status === 'verified' ? 'primary' : 'default'}
            icon={<SendOutlined />}
            onClick={confirmSubmit}
            loading={busy === 'submit'}
            disabled={busy !== null || submitBlocked}
          >
            {t('submit')}
          </Button>
        </Tooltip>
      </Flex>
      {refusal && refusal.version === kase.version && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="act-refusal"
          title={refusal.message}
          closable
          onClose={() => setRefusal(null)}
          description={
            refusal.missing.length > 0 && (
              <>
                {t('refusedMissing')}
                <ul style={{ margin: 0, paddingInlineStart: token.paddingLG }}>
                  {refusal.missing.map((material) => (
                    <li key={material.code}>
                      {t('missingLine', {
                        name: bilingual({ zh: material.name, en: material.nameEn }),
                        captured: material.pagesCaptured,
                        min: material.minPages,
                      })}
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        />
      )}
    </Flex>
  );
}
