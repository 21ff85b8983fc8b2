import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Tabs, theme } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { useIntentKey } from '../shared/intent-key.ts';
import { Page } from '../shared/Page.tsx';
import { spotMessages } from './messages.ts';
import { ProposeModal, type ProposeValues } from './ProposeModal.tsx';
import { QuotaPanel } from './QuotaPanel.tsx';
import { RoundsTable } from './RoundsTable.tsx';
import { SPOT_KEY, type VerificationFilter } from './spot-types.ts';
import { VerificationsPanel } from './VerificationsPanel.tsx';

const TABS = ['rounds', 'quota', 'verifications'] as const;
type Tab = (typeof TABS)[number];
const FILTERS: readonly VerificationFilter[] = ['open', 'overdue', 'answered', 'all'];

/** The tab, page and filter live in the address, so going back from a round returns to the same view. */
function useView() {
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'rounds';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const vstate = (FILTERS as readonly string[]).includes(params.get('vstate') ?? '') ? (params.get('vstate') as VerificationFilter) : 'open';
  const set = (next: { tab?: Tab; page?: number; vstate?: VerificationFilter }) => {
    const merged = { tab, page, vstate, ...next };
    const out = new URLSearchParams();
    if (merged.tab !== 'rounds') out.set('tab', merged.tab);
    if (merged.page !== 1) out.set('page', String(merged.page));
    if (merged.vstate !== 'open') out.set('vstate', merged.vstate);
    setParams(out);
  };
  return { tab, page, vstate, set };
}

/**
 * 抽查, for the branch and city checkers: their rounds (and, for the city, the branches'), a new
 * risk-weighted sample, who is behind on the quota, and the paper verifications asked of the stations.
 */
export default function SpotChecksPage() {
  const t = useT(spotMessages);
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const view = useView();
  const [proposing, setProposing] = useState(false);

  const rounds = useQuery({
    queryKey: [...SPOT_KEY, 'rounds', view.page],
    queryFn: () => unwrap(api.GET('/api/spot-checks/rounds', { params: { query: { page: view.page, pageSize: 20 } } })),
    enabled: view.tab === 'rounds',
    placeholderData: keepPreviousData,
  });
  const propose = useMutation({
    mutationFn: async (body: ProposeValues) => {
      const headers = { 'Idempotency-Key': intent.keyFor(`propose:${JSON.stringify(body)}`) };
      const done = await unwrap(api.POST('/api/spot-checks/rounds', { body, headers }));
      intent.done();
      return done;
    },
    onSuccess: (round) => {
      void message.success(t('proposed', { n: round.sampleSize }));
      void queryClient.invalidateQueries({ queryKey: SPOT_KEY });
      void navigate(`/spot-checks/rounds/${round.id}`);
    },
  });

  const roundsTab = (
    <Card size="small">
      <Flex vertical gap={token.marginSM}>
        {rounds.isError && <ErrorAlert error={rounds.error} onRetry={() => void rounds.refetch()} />}
        <RoundsTable page={rounds.data} loading={rounds.isFetching} onPage={(page) => view.set({ page })} />
      </Flex>
    </Card>
  );

  return (
    <Page
      title={t('pageTitle')}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void queryClient.invalidateQueries({ queryKey: SPOT_KEY })}>
            {t('refresh')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>
            {t('propose')}
          </Button>
        </>
      }
    >
      <Tabs
        activeKey={view.tab}
        onChange={(tab) => view.set({ tab: tab as Tab })}
        items={[
          { key: 'rounds', label: t('tabRounds'), children: roundsTab },
          { key: 'quota', label: t('tabQuota'), children: <QuotaPanel /> },
          {
            key: 'verifications',
            label: t('tabVerifications'),
            children: <VerificationsPanel filter={view.vstate} onFilter={(vstate) => view.set({ vstate })} answering={false} />,
          },
        ]}
      />
      <ProposeModal open={proposing} onSend={(values) => propose.mutateAsync(values).then(() => undefined)} onClose={() => setProposing(false)} />
    </Page>
  );
}
