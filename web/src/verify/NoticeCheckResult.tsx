import { Alert, Card, Descriptions, Result, Typography, theme } from 'antd';
import type { paths } from '../api/schema';
import { useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import { verifyMessages } from './messages.ts';

export type PublicNoticeCheck = paths['/api/public/notices/{code}']['get']['responses'][200]['content']['application/json'];

/** What the public may learn of a notice: only what the notice itself shows, for a line-by-line comparison. */
export function NoticeCheckResult({ answer, extra }: { answer: PublicNoticeCheck; extra?: string }) {
  const t = useT(verifyMessages);
  const { token } = theme.useToken();
  return (
    <Card data-testid="verify-result" data-valid={answer.valid}>
      <Result
        style={{ padding: `${token.paddingSM}px 0` }}
        status={answer.valid ? 'success' : 'error'}
        title={answer.valid ? t('valid') : t('invalid')}
        subTitle={
          <>
            {answer.valid
              ? t('validHint', { unit: answer.unitName, time: formatDateTime(answer.signedAt) })
              : t('invalidHint', { unit: answer.unitName })}
            {extra && <div>{extra}</div>}
          </>
        }
      />
      <Descriptions column={1} bordered size="small" labelStyle={{ width: 160 }}>
        <Descriptions.Item label={t('verificationCode')}>
          <Typography.Text style={{ fontFamily: token.fontFamilyCode }}>{answer.verificationCode}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('caseNo')}>{answer.notice.caseNo}</Descriptions.Item>
        <Descriptions.Item label={t('subtype')}>{answer.notice.subtype.name}</Descriptions.Item>
        <Descriptions.Item label={t('applicant')}>{answer.notice.applicant.nameMasked}</Descriptions.Item>
        <Descriptions.Item label={t('idNumber')}>{answer.notice.applicant.idNumberMasked}</Descriptions.Item>
        <Descriptions.Item label={t('decision')}>{answer.notice.decision}</Descriptions.Item>
        <Descriptions.Item label={t('unit')}>{answer.notice.approvingUnit}</Descriptions.Item>
        <Descriptions.Item label={t('approvedOn')}>{answer.notice.approvedOn}</Descriptions.Item>
        <Descriptions.Item label={t('seal')}>{answer.sealName}</Descriptions.Item>
        <Descriptions.Item label={t('digest')}>
          <Typography.Text type="secondary" style={{ fontFamily: token.fontFamilyCode, wordBreak: 'break-all' }}>
            {answer.sm3}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Alert type="info" showIcon style={{ marginTop: token.marginMD }} title={t('privacy')} />
    </Card>
  );
}
