import { CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Skeleton, Tooltip, Typography, theme } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { FormModal } from '../shared/FormModal.tsx';
import { formatDateTime } from '../shared/format.ts';
import { useIntentKey } from '../shared/intent-key.ts';
import { Page } from '../shared/Page.tsx';
import { FindingModal, type FindingValues } from './FindingModal.tsx';
import { spotMessages } from './messages.ts';
import { RoundStateTag } from './RoundStateTag.tsx';
import { SampleTable } from './SampleTable.tsx';
import { type RoundItem, SPOT_KEY } from './spot-types.ts';
import { VerificationsTable } from './VerificationsTable.tsx';

/**
 * 抽查详情: the round, its sampled cases (each opening the case page) with their findings; the checking
 * unit records a finding per case and completes the round once every case has one. Others read it.
 */
export default function RoundPage() {
  const { id = '' } = useParams();
  const t = useT(spotMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const [recording, setRecording] = useState<RoundItem | null>(null);
  const [completing, setCompleting] = useState(false);

  const round = useQuery({
    queryKey: [...SPOT_KEY, 'round', id],
    queryFn: () => unwrap(api.GET('/api/spot-checks/rounds/{id}', { params: { path: { id } } })),
  });
  const record = useMutation({
    mutationFn: async ({ item, values }: { item: RoundItem; values: FindingValues }) => {
      const headers = { 'Idempotency-Key': intent.keyFor(`finding:${item.case.id}:${JSON.stringify(values)}`) };
      const path = { id, caseId: item.case.id };
      const done = await unwrap(api.POST('/api/spot-checks/rounds/{id}/cases/{caseId}/finding', { params: { path }, body: values, headers }));
      intent.done();
      return done;
    },
    onSuccess: (done) => {
      void message.success(t('findingSaved', { caseNo: done.case.caseNo }));
      void queryClient.invalidateQueries({ queryKey: SPOT_KEY });
    },
  });
  const complete = useMutation({
    mutationFn: async (summary: string) => {
      const body = summary ? { summary } : {};
      const headers = { 'Idempotency-Key': intent.keyFor(`complete:${id}:${summary}`) };
      const done = await unwrap(api.POST('/api/spot-checks/rounds/{id}/complete', { params: { path: { id } }, body, headers }));
      intent.done();
      return done;
    },
    onSuccess: () => {
      void message.success(t('completed'));
      void queryClient.invalidateQueries({ queryKey: SPOT_KEY });
    },
  });

  const crumbs = [{ title: t('pageTitle'), path: '/spot-checks' }, { title: t('roundTitle') }];
  if (round.isPending) {
    return (
      <Page title={t('roundTitle')} crumbs={crumbs}>
        <Skeleton active />
      </Page>
    );
  }
  if (round.isError) {
    return (
      <Page title={t('roundTitle')} crumbs={crumbs}>
        <ErrorAlert error={round.error} onRetry={() => void round.refetch()} />
      </Page>
    );
  }
  const data = round.data;
  const unit = bilingual({ zh: data.checkerUnit.name, en: data.checkerUnit.nameEn });
  const checked = data.items.filter((i) => i.result !== null).length;
  const problems = data.items.filter((i) => i.result === 'problem').length;
  const allChecked = checked === data.items.length;

  const completeButton = (
    <Button type="primary" icon={<CheckCircleOutlined />} disabled={!allChecked} onClick={() => setCompleting(true)}>
      {t('complete')}
    </Button>
  );

  return (
    <Page
      title={t('roundTitle')}
      crumbs={crumbs}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void round.refetch()} loading={round.isFetching}>
            {t('refresh')}
          </Button>
          {data.canWork && (allChecked ? completeButton : <Tooltip title={t('completeHint')}>{completeButton}</Tooltip>)}
        </>
      }
    >
      {data.state === 'open' && !data.canWork && <Alert type="info" showIcon title={t('readOnly', { unit })} />}
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          data-testid="spot-round-facts"
          items={[
            { key: 'unit', label: t('colUnit'), children: unit },
            { key: 'period', label: t('colPeriod'), children: t('periodText', { from: data.period.from, to: data.period.to }) },
            { key: 'state', label: t('colState'), children: <RoundStateTag state={data.state} /> },
            { key: 'created', label: t('roundCreated'), children: `${data.createdBy}，${formatDateTime(data.createdAt)}` },
            {
              key: 'progress',
              label: t('roundProgress'),
              children: (
                <Typography.Text type={allChecked ? 'success' : undefined} data-testid="spot-round-progress">
                  {t('progress', { checked, total: data.items.length })}
                </Typography.Text>
              ),
            },
            ...(data.completedAt ? [{ key: 'completed', label: t('roundCompleted'), children: formatDateTime(data.completedAt) }] : []),
            ...(data.summary ? [{ key: 'summary', label: t('roundSummary'), span: 'filled' as const, children: data.summary }] : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('sampleTitle', { n: data.items.length })}>
        <SampleTable items={data.items} onRecord={data.canWork ? setRecording : undefined} />
      </Card>
      {data.paperVerifications.length > 0 && (
        <Card size="small" title={t('roundVerifications')}>
          <VerificationsTable items={data.paperVerifications} loading={false} emptyText="" showStation />
        </Card>
      )}
      <FindingModal
        item={recording}
        onSend={(item, values) => record.mutateAsync({ item, values }).then(() => undefined)}
        onClose={() => setRecording(null)}
      />
      <FormModal<{ summary?: string }>
        name="spotComplete"
        open={completing}
        title={t('completeTitle')}
        okText={t('complete')}
        holdWhileBusy
        onSubmit={async (values) => {
          await complete.mutateAsync((values.summary ?? '').trim());
          setCompleting(false);
        }}
        onCancel={() => setCompleting(false)}
      >
        <Flex vertical gap={token.marginXS}>
          <Typography.Paragraph>{t('completeBody', { total: data.items.length, problems })}</Typography.Paragraph>
          <Form.Item name="summary" label={t('summary')}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('summaryPlaceholder')} />
          </Form.Item>
        </Flex>
      </FormModal>
    </Page>
  );
}
