import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Segmented, Tabs, Typography, theme } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { hasRole } from '../app/roles.ts';
import { useMe } from '../auth/session.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { useIntentKey } from '../shared/intent-key.ts';
import { Page } from '../shared/Page.tsx';
import { BindModal, type BindValues } from './BindModal.tsx';
import { paperMessages } from './messages.ts';
import { MoveModal, type MoveValues } from './MoveModal.tsx';
import { OverdueReport } from './OverdueReport.tsx';
import { usePlaceText } from './PaperStateTag.tsx';
import { PaperFilesTable } from './PaperFilesTable.tsx';
import { OVERDUE_READERS, PAPER_KEY, type PaperFile, type PaperState } from './paper-types.ts';

const STATES: readonly (PaperState | 'all')[] = ['pending', 'overdue', 'bound', 'all'];

/** The list's filters live in the address, so a link (the case page's 去装订) opens the right view. */
function useFilter() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => {
    const state = params.get('state');
    return {
      tab: params.get('tab') === 'overdue' ? ('overdue' as const) : ('files' as const),
      state: (STATES as readonly string[]).includes(state ?? '') ? (state as PaperState | 'all') : 'pending',
      boxNo: params.get('boxNo') ?? '',
      volumeNo: params.get('volumeNo') ?? '',
      caseNo: params.get('caseNo') ?? '',
      page: Number(params.get('page') ?? 1) || 1,
      pageSize: Number(params.get('pageSize') ?? 50) || 50,
    };
  }, [params]);
  const set = (next: Partial<typeof filter>) => {
    const merged = { ...filter, ...next };
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(merged)) {
      if (value !== '' && !(key === 'tab' && value === 'files') && !(key === 'page' && value === 1) && !(key === 'pageSize' && value === 50)) {
        out.set(key, String(value));
      }
    }
    setParams(out);
  };
  return [filter, set] as const;
}

/**
 * 纸质档案: the station's decided cases awaiting binding (late ones in red), bound into a volume a
 * batch at a time; the bound files searched by box and volume and moved with a reason; and, for
 * those who answer for binding, the report of what is late.
 */
export default function PaperArchivePage() {
  const t = useT(paperMessages);
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const placeText = usePlaceText();
  const [filter, setFilter] = useFilter();
  const [selected, setSelected] = useState<string[]>([]);
  const [binding, setBinding] = useState(false);
  const [moving, setMoving] = useState<PaperFile | null>(null);
  const [form] = Form.useForm<{ boxNo: string; volumeNo: string; caseNo: string }>();
  // The station's officers file its paper (paper-archive.policy.ts); everyone else reads.
  const isStation = (me.role === 'window_officer' || me.role === 'station_leader') && me.unitKind === 'station';

  const list = useQuery({
    queryKey: [...PAPER_KEY, 'files', filter],
    queryFn: () =>
      unwrap(
        api.GET('/api/paper-archive/files', {
          params: {
            query: {
              state: filter.state === 'all' ? undefined : filter.state,
              boxNo: filter.boxNo || undefined,
              volumeNo: filter.volumeNo || undefined,
              caseNo: filter.caseNo || undefined,
              page: filter.page,
              pageSize: filter.pageSize,
            },
          },
        }),
      ),
    enabled: filter.tab === 'files',
    placeholderData: keepPreviousData,
  });
  const byId = new Map((list.data?.items ?? []).map((file) => [file.caseId, file]));

  const bind = useMutation({
    mutationFn: async (values: BindValues) => {
      const body = {
        caseIds: selected,
        boxNo: values.boxNo,
        volumeNo: values.volumeNo,
        ...(values.firstSequence ? { firstSequence: values.firstSequence } : {}),
      };
      const headers = { 'Idempotency-Key': intent.keyFor(`bind:${JSON.stringify(body)}`) };
      const done = await unwrap(api.POST('/api/paper-archive/bind', { body, headers }));
      intent.done();
      return done;
    },
    onSuccess: (done) => {
      const first = done.items[0]?.place;
      const last = done.items[done.items.length - 1]?.place;
      if (first && last) {
        void message.success(
          t('bound', { n: done.items.length, box: first.boxNo, volume: first.volumeNo, first: first.sequence, last: last.sequence }),
        );
      }
      setSelected([]);
      void queryClient.invalidateQueries({ queryKey: PAPER_KEY });
    },
  });
  const move = useMutation({
    mutationFn: async ({ file, values }: { file: PaperFile; values: MoveValues }) => {
      const headers = { 'Idempotency-Key': intent.keyFor(`move:${file.caseId}:${JSON.stringify(values)}`) };
      const done = await unwrap(
        api.POST('/api/paper-archive/cases/{caseId}/move', { params: { path: { caseId: file.caseId } }, body: values, headers }),
      );
      intent.done();
      return done;
    },
    onSuccess: (done) => {
      if (done.place) void message.success(t('moved', { place: placeText(done.place) }));
      void queryClient.invalidateQueries({ queryKey: PAPER_KEY });
    },
  });

  const filesTab = (
    <Flex vertical gap={token.margin}>
      <Card size="small">
        <Flex wrap gap={token.margin} align="center" justify="space-between">
          <Segmented
            value={filter.state}
            onChange={(state) => {
              setSelected([]);
              setFilter({ state: state, page: 1 });
            }}
            options={STATES.map((state) => ({ value: state, label: t(`state_${state}`) }))}
          />
          <Form
            form={form}
            layout="inline"
            initialValues={{ boxNo: filter.boxNo, volumeNo: filter.volumeNo, caseNo: filter.caseNo }}
            onFinish={(values) => setFilter({ boxNo: values.boxNo.trim(), volumeNo: values.volumeNo.trim(), caseNo: values.caseNo.trim(), page: 1 })}
          >
            <Form.Item name="boxNo" label={t('boxNo')}>
              <Input allowClear style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="volumeNo" label={t('volumeNo')}>
              <Input allowClear style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="caseNo" label={t('caseNo')}>
              <Input allowClear style={{ width: 200 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('search')}
            </Button>
            <Button
              style={{ marginInlineStart: token.marginXS }}
              onClick={() => {
                form.setFieldsValue({ boxNo: '', volumeNo: '', caseNo: '' });
                setFilter({ boxNo: '', volumeNo: '', caseNo: '', page: 1 });
              }}
            >
              {t('reset')}
            </Button>
          </Form>
        </Flex>
      </Card>
      <Card size="small">
        <Flex vertical gap={token.marginSM}>
          {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
          {isStation && (
            <Flex gap={token.marginSM} align="center">
              <Button type="primary" disabled={selected.length === 0} onClick={() => setBinding(true)}>
                {t('bindSelected')}
              </Button>
              <Typography.Text type="secondary">{t('selected', { n: selected.length })}</Typography.Text>
            </Flex>
          )}
          <PaperFilesTable
            page={list.data}
            loading={list.isFetching}
            emptyText={filter.state === 'pending' ? t('emptyPending') : t('empty')}
            selected={selected}
            onSelect={isStation ? setSelected : undefined}
            onPage={(page, pageSize) => setFilter({ page, pageSize })}
            onMove={isStation ? setMoving : undefined}
            showStation={!isStation}
          />
        </Flex>
      </Card>
    </Flex>
  );

  return (
    <Page
      title={t('pageTitle')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void queryClient.invalidateQueries({ queryKey: PAPER_KEY })}>
          {t('refresh')}
        </Button>
      }
    >
      {list.data && <Alert type="info" showIcon title={t('rule', { day: list.data.bindDay })} />}
      {hasRole(me.role, OVERDUE_READERS) ? (
        <Tabs
          activeKey={filter.tab}
          onChange={(tab) => setFilter({ tab: tab as 'files' | 'overdue' })}
          items={[
            { key: 'files', label: t('tabFiles'), children: filesTab },
            { key: 'overdue', label: t('tabOverdue'), children: <OverdueReport /> },
          ]}
        />
      ) : (
        filesTab
      )}
      <BindModal
        caseNos={binding ? selected.map((id) => byId.get(id)?.caseNo ?? id) : null}
        onSend={(values) => bind.mutateAsync(values).then(() => undefined)}
        onClose={() => setBinding(false)}
      />
      <MoveModal file={moving} onSend={(file, values) => move.mutateAsync({ file, values }).then(() => undefined)} onClose={() => setMoving(null)} />
    </Page>
  );
}
