import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Flex, Skeleton, Timeline, Typography, theme } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { formatDateTime } from '../shared/format.ts';
import { paperMessages } from './messages.ts';
import { PaperStateTag, usePlaceText } from './PaperStateTag.tsx';
import { PAPER_KEY } from './paper-types.ts';

export const casePaperKey = (caseId: string) => [...PAPER_KEY, 'case', caseId] as const;

/** Where the case's paper original is (双轨制): its station, box, volume and sequence, and how it got there. */
export function CasePaperFile({ caseId }: { caseId: string }) {
  const t = useT(paperMessages);
  const bilingual = useBilingual();
  const placeText = usePlaceText();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const query = useQuery({
    queryKey: casePaperKey(caseId),
    queryFn: () => unwrap(api.GET('/api/paper-archive/cases/{caseId}', { params: { path: { caseId } } })),
  });
  if (query.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const { file, history } = query.data;
  if (!file) return <Typography.Text type="secondary">{t('caseNotDecided')}</Typography.Text>;
  return (
    <Flex vertical gap={token.margin} data-testid="case-paper-file" data-state={file.state}>
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('caseKeptAt')}>{bilingual({ zh: file.station.name, en: file.station.nameEn })}</Descriptions.Item>
        <Descriptions.Item label={t('caseState')}>
          <PaperStateTag state={file.state} overdue={file.overdue} />
        </Descriptions.Item>
        <Descriptions.Item label={t('casePlace')}>
          {file.place ? (
            <Typography.Text strong data-testid="case-paper-place">
              {placeText(file.place)}
            </Typography.Text>
          ) : (
            <Flex gap={token.marginSM} align="center">
              <Typography.Text type="secondary">{t('caseNotBound')}</Typography.Text>
              {file.canFile && (
                <Button size="small" onClick={() => void navigate(`/paper-archive?state=pending&caseNo=${encodeURIComponent(file.caseNo)}`)}>
                  {t('caseGoArchive')}
                </Button>
              )}
            </Flex>
          )}
        </Descriptions.Item>
        {file.bound ? (
          <Descriptions.Item label={t('caseBoundBy')}>
            {t('caseBoundAt', { name: file.bound.by.name, time: formatDateTime(file.bound.at) })}
            {file.bound.movedAt && (
              <Typography.Text type="secondary"> · {t('caseMovedAt', { time: formatDateTime(file.bound.movedAt) })}</Typography.Text>
            )}
          </Descriptions.Item>
        ) : (
          <Descriptions.Item label={t('caseDue')}>
            <Typography.Text type={file.overdue ? 'danger' : undefined}>{file.dueDay}</Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      {history.length > 1 && (
        <Flex vertical gap={token.marginXS}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('caseHistory')}
          </Typography.Title>
          <Timeline
            items={history.map((entry) => ({
              key: entry.seq,
              content: (
                <Flex vertical>
                  <Typography.Text>
                    {t(`history_${entry.action}`, { name: entry.actorName, place: placeText(entry.place), reason: entry.reason ?? '' })}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                    {formatDateTime(entry.at)}
                  </Typography.Text>
                </Flex>
              ),
            }))}
          />
        </Flex>
      )}
    </Flex>
  );
}

/** The case page's tab, once the case is approved (the only cases with a paper file to bind). */
export function paperFileTab(caseId: string, status: string) {
  return status === 'approved' || status === 'completed' ? [{ key: 'paper', label: <TabLabel />, children: <CasePaperFile caseId={caseId} /> }] : [];
}

function TabLabel() {
  return useT(paperMessages)('caseTab');
}
