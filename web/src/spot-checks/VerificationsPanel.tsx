import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Flex, Segmented, theme } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { useIntentKey } from '../shared/intent-key.ts';
import { AnswerModal, type AnswerValues } from './AnswerModal.tsx';
import { spotMessages } from './messages.ts';
import { SPOT_KEY, type Verification, type VerificationFilter } from './spot-types.ts';
import { VerificationsTable } from './VerificationsTable.tsx';

const FILTERS: readonly VerificationFilter[] = ['open', 'overdue', 'answered', 'all'];

/**
 * 纸质材料核实: the station sees what it is asked to check and answers; checkers see what they asked
 * and what their stations answered. Waiting ones first by default.
 */
export function VerificationsPanel({
  filter,
  onFilter,
  answering,
}: {
  filter: VerificationFilter;
  onFilter: (filter: VerificationFilter) => void;
  /** The station's own people: they answer, and every row is their station's. */
  answering: boolean;
}) {
  const t = useT(spotMessages);
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const [current, setCurrent] = useState<Verification | null>(null);

  const list = useQuery({
    queryKey: [...SPOT_KEY, 'verifications', filter],
    queryFn: () => unwrap(api.GET('/api/paper-verifications', { params: { query: { state: filter === 'all' ? undefined : filter } } })),
    placeholderData: keepPreviousData,
  });
  const answer = useMutation({
    mutationFn: async ({ v, values }: { v: Verification; values: AnswerValues }) => {
      const headers = { 'Idempotency-Key': intent.keyFor(`answer:${v.id}:${JSON.stringify(values)}`) };
      const done = await unwrap(api.POST('/api/paper-verifications/{id}/answer', { params: { path: { id: v.id } }, body: values, headers }));
      intent.done();
      return done;
    },
    onSuccess: () => {
      void message.success(t('answered'));
      void queryClient.invalidateQueries({ queryKey: SPOT_KEY });
    },
    // Answered meanwhile by a colleague: the refusal shows in the dialog, the list is read again.
    onError: () => void queryClient.invalidateQueries({ queryKey: SPOT_KEY }),
  });

  return (
    <Flex vertical gap={token.marginSM}>
      {answering && <Alert type="info" showIcon title={t('verifyRule')} />}
      <Card size="small">
        <Flex vertical gap={token.marginSM}>
          <Segmented<VerificationFilter>
            value={filter}
            onChange={onFilter}
            options={FILTERS.map((value) => ({ value, label: t(`vstate_${value}`) }))}
            style={{ alignSelf: 'flex-start' }}
          />
          {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
          <VerificationsTable
            items={list.data?.items}
            loading={list.isFetching}
            emptyText={filter === 'open' ? t('verificationsEmptyOpen') : t('verificationsEmpty')}
            showStation={!answering}
            onAnswer={answering ? setCurrent : undefined}
          />
        </Flex>
      </Card>
      <AnswerModal
        verification={current}
        onSend={(v, values) => answer.mutateAsync({ v, values }).then(() => undefined)}
        onClose={() => setCurrent(null)}
      />
    </Flex>
  );
}
