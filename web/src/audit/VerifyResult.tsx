import { Alert, Button, Descriptions, Flex, List, Typography, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { useAuditLabels } from './labels.ts';
import { auditMessages } from './messages.ts';
import { seqOfProblem, type VerifyReport } from './trail-filter.ts';

const MORE_SHOWN = 10;

/** What the verification found: all intact, or the first bad row with what is wrong, then the rest. */
export function VerifyResult({ report, onShowSeq, onClose }: { report: VerifyReport; onShowSeq: (seq: number) => void; onClose: () => void }) {
  const t = useT(auditMessages);
  const labels = useAuditLabels();
  const { token } = theme.useToken();
  const counts = { events: report.auditEvents, blobs: report.blobs };
  const [first, ...rest] = report.problems;

  if (report.ok || !first) {
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose, 'aria-label': t('verifyResultTitle') }}
        title={t('verifyOkTitle')}
        description={t('verifyOkBody', counts)}
        data-testid="verify-result"
        data-ok="true"
      />
    );
  }
  const firstSeq = seqOfProblem(first.where);
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose, 'aria-label': t('verifyResultTitle') }}
      title={t('verifyBadTitle', { n: report.problems.length })}
      data-testid="verify-result"
      data-ok="false"
      description={
        <Flex vertical gap={token.marginSM}>
          <Typography.Text>{t('verifyBadBody', counts)}</Typography.Text>
          <Descriptions
            size="small"
            column={1}
            bordered
            title={t('verifyFirstProblem')}
            styles={{ label: { width: 100 } }}
            items={[
              {
                key: 'what',
                label: t('verifyWhat'),
                children: (
                  <Flex vertical>
                    <Typography.Text strong>{labels.problem(first.kind)}</Typography.Text>
                    <Typography.Text type="secondary">{first.message}</Typography.Text>
                  </Flex>
                ),
              },
              {
                key: 'where',
                label: t('verifyWhere'),
                children: (
                  <Flex gap={token.marginSM} align="center" wrap>
                    <Typography.Text style={{ fontFamily: token.fontFamilyCode }}>{first.where}</Typography.Text>
                    {firstSeq !== null && (
                      <Button size="small" onClick={() => onShowSeq(firstSeq)}>
                        {t('verifyShowRow')}
                      </Button>
                    )}
                  </Flex>
                ),
              },
            ]}
          />
          {rest.length > 0 && (
            <List
              size="small"
              header={<Typography.Text strong>{t('verifyMoreProblems')}</Typography.Text>}
              dataSource={rest.slice(0, MORE_SHOWN)}
              renderItem={(problem) => (
                <List.Item>
                  {labels.problem(problem.kind)} · <Typography.Text style={{ fontFamily: token.fontFamilyCode }}>{problem.where}</Typography.Text>
                </List.Item>
              )}
              footer={rest.length > MORE_SHOWN ? `… +${rest.length - MORE_SHOWN}` : undefined}
            />
          )}
        </Flex>
      }
    />
  );
}
