import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, theme } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { useIntentKey } from '../shared/intent-key.ts';
import { Page } from '../shared/Page.tsx';
import { supervisionMessages } from './messages.ts';
import { filterFromParams, filterToParams, type WarningFilter, warningQuery } from './warning-filter.ts';
import { WARNING_POLICY_KEY } from './warning-policy.ts';
import { WarningActModal, type WarningActRequest } from './WarningActModal.tsx';
import { WarningFilters } from './WarningFilters.tsx';
import { WarningsTable } from './WarningsTable.tsx';

export const WARNINGS_KEY = ['warnings'] as const;

/**
 * 预警: the warnings in the reader's area, not yet resolved first by default, filtered on the server
 * with the filters in the address; whoever answers for a warning acknowledges it (确认) and resolves it
 * with a note (处理完毕). Optimistic nothing: a row changes when the server has said so.
 */
export default function WarningsPage() {
  const t = useT(supervisionMessages);
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const [acting, setActing] = useState<WarningActRequest | null>(null);

  const list = useQuery({
    queryKey: [...WARNINGS_KEY, filter],
    queryFn: () => unwrap(api.GET('/api/warnings', { params: { query: warningQuery(filter) } })),
    placeholderData: keepPreviousData,
  });
  const rules = useQuery({
    queryKey: WARNING_POLICY_KEY,
    queryFn: () => unwrap(api.GET('/api/supervision/policy')),
    staleTime: 10 * 60_000,
  });
  const ruleNames = useMemo(() => new Map((rules.data?.rules ?? []).map((rule) => [rule.code as string, rule.name])), [rules.data]);

  const act = useMutation({
    mutationFn: async ({ request, note }: { request: WarningActRequest; note: string | null }) => {
      const { warning } = request;
      const headers = { 'Idempotency-Key': intent.keyFor(`${request.act}:${warning.id}:${note ?? ''}`) };
      const path = { id: warning.id };
      const done =
        request.act === 'acknowledge'
          ? await unwrap(api.POST('/api/warnings/{id}/acknowledge', { params: { path }, headers }))
          : await unwrap(api.POST('/api/warnings/{id}/resolve', { params: { path }, body: { note: note ?? '' }, headers }));
      intent.done();
      return done;
    },
    onSuccess: (_, { request }) => {
      void message.success(t(`done_${request.act}`));
      void queryClient.invalidateQueries({ queryKey: WARNINGS_KEY });
      // The case page shows its open warnings.
      if (request.warning.case) void queryClient.invalidateQueries({ queryKey: ['case', request.warning.case.id] });
    },
    // A refusal (it was closed meanwhile) shows in the dialog; the list is read again behind it.
    onError: () => void queryClient.invalidateQueries({ queryKey: WARNINGS_KEY }),
  });

  const search = (next: WarningFilter) => {
    setParams(filterToParams(next));
    if (JSON.stringify(next) === JSON.stringify(filter)) void list.refetch();
  };
  const caseNo = list.data?.items.find((w) => w.case?.id === filter.caseId)?.case?.caseNo ?? '';

  return (
    <Page
      title={t('pageTitle')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending}>
          {t('refresh')}
        </Button>
      }
    >
      <Card size="small">
        <WarningFilters filter={filter} ruleNames={ruleNames} onSearch={search} />
      </Card>
      {filter.caseId && (
        <Alert
          type="info"
          showIcon
          title={t('caseFilter', { caseNo })}
          action={
            <Button size="small" onClick={() => search({ ...filter, caseId: undefined, page: 1 })}>
              {t('caseFilterClear')}
            </Button>
          }
        />
      )}
      <Card size="small">
        <Flex vertical gap={token.marginSM}>
          {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
          <WarningsTable
            page={list.data}
            loading={list.isFetching}
            emptyText={filter.state === 'open' && !filter.rule && !filter.unitId && !filter.caseId ? t('emptyOpen') : t('empty')}
            busy={act.isPending}
            onPage={(page) => search({ ...filter, page })}
            onAct={(warning, name) => setActing({ warning, act: name })}
          />
        </Flex>
      </Card>
      <WarningActModal
        request={acting}
        onSend={(request, note) => act.mutateAsync({ request, note }).then(() => undefined)}
        onClose={() => setActing(null)}
      />
    </Page>
  );
}
