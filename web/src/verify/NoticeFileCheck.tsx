import { InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Result, Skeleton, Typography, Upload, theme } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { verifyMessages } from './messages.ts';
import { NoticeCheckResult } from './NoticeCheckResult.tsx';

/** The largest file the server takes for this check (MAX_NOTICE_FILE_BYTES in server/modules/notices/notices.schema.ts). */
const MAX_BYTES = 10 * 1024 * 1024;

function postNoticeFile(file: File) {
  return unwrap(
    api.POST('/api/public/notices/file', {
      body: { file: '' },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
        return form;
      },
    }),
  );
}

/**
 * 上传文件核验: a notice received as a file (by e-mail, on a USB stick) is genuine only if it is byte
 * for byte a notice issued here; the server decides, so a copy changed in any way is told apart.
 */
export function NoticeFileCheck() {
  const t = useT(verifyMessages);
  const { token } = theme.useToken();
  const check = useMutation({ mutationFn: postNoticeFile });
  const [tooLarge, setTooLarge] = useState(false);
  const answer = check.data;
  return (
    <>
      <Card data-testid="verify-file">
        <Upload.Dragger
          accept=".pdf,.ofd,application/pdf,application/ofd"
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            check.reset();
            setTooLarge(file.size > MAX_BYTES);
            if (file.size <= MAX_BYTES) check.mutate(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('fileDrop')}</p>
          <p className="ant-upload-hint">{t('fileHint')}</p>
        </Upload.Dragger>
      </Card>
      {tooLarge && <Alert type="error" showIcon title={t('fileTooLarge')} data-testid="verify-file-too-large" />}
      {check.isPending && <Skeleton active />}
      {check.isError && <ErrorAlert error={check.error} />}
      {answer?.check && <NoticeCheckResult answer={answer.check} extra={t('fileMatches')} />}
      {answer && !answer.check && (
        <Card data-testid="verify-file-unknown">
          <Result status="warning" title={t('fileUnknown')} subTitle={t('fileUnknownHint')} />
          <Descriptions column={1} bordered size="small" labelStyle={{ width: 160 }}>
            <Descriptions.Item label={t('fileDigest')}>
              <Typography.Text type="secondary" style={{ fontFamily: token.fontFamilyCode, wordBreak: 'break-all' }}>
                {answer.sm3}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </>
  );
}
