import { LeftOutlined, ReloadOutlined, RightOutlined, SafetyCertificateOutlined, VerticalAlignTopOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Tooltip, Typography, theme } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert, useErrorMessage } from '../shared/ErrorAlert.tsx';
import { Page } from '../shared/Page.tsx';
import { useShortcuts } from '../shared/keyboard.ts';
import { AuditEventDrawer } from './AuditEventDrawer.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import { auditMessages } from './messages.ts';
import { filterFromParams, filterToParams, hasFilter, trailQuery, type TrailEvent, type TrailFilter, type VerifyReport } from './trail-filter.ts';
import { VerifyResult } from './VerifyResult.tsx';

/** `before` in the address: the page starts at that record (a verification problem links there). */
function startOf(params: URLSearchParams): number | null {
  const before = Number(params.get('before'));
  return Number.isInteger(before) && before > 0 ? before : null;
}

/**
 * 审计日志, for the audit administrator: the whole trail newest first, filtered on the server, each
 * record openable with its detail and hashes, and the verification of the chain and every original.
 */
export default function AuditPage() {
  const t = useT(auditMessages);
  const describe = useErrorMessage();
  const { modal } = App.useApp();
  const { token } = theme.useToken();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const start = startOf(params);
  // The cursors of the pages walked so far from the start; the last is the page shown.
  const [cursors, setCursors] = useState<(number | null)[]>([start]);
  const [walkKey, setWalkKey] = useState(params.toString());
  if (walkKey !== params.toString()) {
    setWalkKey(params.toString());
    setCursors([start]);
  }
  const cursor = cursors[cursors.length - 1] ?? null;
  const [open, setOpen] = useState<TrailEvent | null>(null);
  const [report, setReport] = useState<VerifyReport | null>(null);

  const trail = useQuery({
    queryKey: ['audit', 'events', filter, cursor],
    queryFn: () => unwrap(api.GET('/api/audit/events', { params: { query: trailQuery(filter, cursor) } })),
    placeholderData: keepPreviousData,
  });

  const verify = useMutation({
    mutationFn: () => unwrap(api.POST('/api/audit/verify')),
    onSuccess: (answer) => setReport(answer),
  });

  const search = (next: TrailFilter) => setParams(filterToParams(next));
  const showSeq = (seq: number) => {
    setReport(null);
    setParams(new URLSearchParams({ before: String(seq + 1) }));
  };
  const askVerify = () => {
    if (verify.isPending) return;
    modal.confirm({
      title: t('verifyConfirmTitle'),
      content: t('verifyConfirmBody'),
      okText: t('verifyStart'),
      icon: <SafetyCertificateOutlined />,
      onOk: () => {
        setReport(null);
        verify.mutate();
      },
    });
  };
  useShortcuts({ 'Alt+KeyR': () => void trail.refetch(), 'Alt+KeyV': askVerify });

  const page = cursors.length;
  const events = trail.data?.events;
  const next = trail.data?.nextCursor ?? null;

  return (
    <Page
      title={t('pageTitle')}
      extra={
        <>
          <Tooltip title={t('refreshShortcut')}>
            <Button icon={<ReloadOutlined />} onClick={() => void trail.refetch()} loading={trail.isFetching && !trail.isPending}>
              {t('refresh')}
            </Button>
          </Tooltip>
          <Tooltip title={t('verifyShortcut')}>
            <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={askVerify} loading={verify.isPending}>
              {verify.isPending ? t('verifyRunning') : t('verify')}
            </Button>
          </Tooltip>
        </>
      }
    >
      {verify.isError && <Alert type="error" showIcon role="alert" title={describe(verify.error)} />}
      {report && <VerifyResult report={report} onShowSeq={showSeq} onClose={() => setReport(null)} />}
      <AuditFilters filter={filter} onSearch={search} />
      <Card size="small">
        {trail.isError && !events ? (
          <ErrorAlert error={trail.error} onRetry={() => void trail.refetch()} />
        ) : (
          <Flex vertical gap={token.marginSM}>
            {trail.isError && <ErrorAlert error={trail.error} onRetry={() => void trail.refetch()} />}
            <Typography.Text type="secondary">
              {t('newestFirst')}
              {start !== null ? ` · ${t('startingAt', { seq: start - 1 })}` : ''}
            </Typography.Text>
            <AuditTable events={events} loading={trail.isFetching} filtered={hasFilter(filter) || start !== null} onOpen={setOpen} />
            <Flex justify="space-between" align="center" wrap gap={token.marginSM}>
              <Typography.Text type="secondary" data-testid="audit-page">
                {t('pageNumber', { n: page })}
                {events ? ` · ${t('eventsOnPage', { n: events.length })}` : ''}
              </Typography.Text>
              <Flex gap={token.marginXS}>
                {(page > 1 || start !== null) && (
                  <Button
                    icon={<VerticalAlignTopOutlined />}
                    onClick={() => (start !== null ? setParams(filterToParams(filter)) : setCursors([null]))}
                    disabled={trail.isFetching}
                  >
                    {t('firstPage')}
                  </Button>
                )}
                <Button icon={<LeftOutlined />} onClick={() => setCursors(cursors.slice(0, -1))} disabled={page <= 1 || trail.isFetching}>
                  {t('previousPage')}
                </Button>
                <Button onClick={() => next !== null && setCursors([...cursors, next])} disabled={next === null || trail.isFetching}>
                  {t('nextPage')} <RightOutlined />
                </Button>
              </Flex>
            </Flex>
          </Flex>
        )}
      </Card>
      <AuditEventDrawer event={open} onClose={() => setOpen(null)} />
    </Page>
  );
}
