import { InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Result, Skeleton, Table, Tag, Typography, Upload, theme } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import type { paths } from '../api/schema';
import { useT, type Translate } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { sealCheckMessages } from './seal-check-messages.ts';

type Answer = paths['/api/public/seals/verify']['post']['responses'][200]['content']['application/json'];
type Check = Answer['checks'][number];
type Key = keyof (typeof sealCheckMessages)['zh-CN'];

/** The largest file the server takes (MAX_SEALED_FILE_BYTES in server/modules/seals/seals.schema.ts). */
const MAX_BYTES = 10 * 1024 * 1024;

function postSealedFile({ file, document }: { file: File; document: File | null }) {
  return unwrap(
    api.POST('/api/public/seals/verify', {
      body: { file: '' },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
        if (document) form.append('document', document, document.name);
        return form;
      },
    }),
  );
}

/** A name the server gives, in the reader's language when it is one we know. */
function labelOf(t: Translate<Key>, prefix: 'check_' | 'fact_', name: string): string {
  const signature = /^signature (.+)$/.exec(name);
  if (prefix === 'fact_' && signature) return t('fact_signature', { id: signature[1]! });
  const key = `${prefix}${name}`;
  return key in sealCheckMessages['zh-CN'] ? t(key as Key) : name;
}

const OUTCOME_STATUS = { valid: 'success', validExceptTrust: 'warning', invalid: 'error' } as const;

function resultOf(t: Translate<Key>, answer: Answer) {
  if (answer.kind === 'unknown') return { status: 'warning' as const, title: t('unknown'), subTitle: t('unknownHint') };
  const status = OUTCOME_STATUS[answer.outcome];
  return { status, title: t(answer.outcome), subTitle: t(`${answer.outcome}Hint`) };
}

function CheckResultTag({ check, t }: { check: Check; t: Translate<Key> }) {
  // Preset colours whose text meets the contrast minimum (the status colours' light tags do not).
  if (check.ok) return <Tag color="green">{t('passed')}</Tag>;
  return check.untrusted ? <Tag color="gold">{t('untrusted')}</Tag> : <Tag color="red">{t('failed')}</Tag>;
}

function SealedFileAnswer({ answer }: { answer: Answer }) {
  const t = useT(sealCheckMessages);
  const { token } = theme.useToken();
  const code = { fontFamily: token.fontFamilyCode, wordBreak: 'break-all' as const };
  const facts = answer.facts.filter((fact) => fact.key !== 'outcome');
  return (
    <Card data-testid="seal-check-result">
      <Result {...resultOf(t, answer)} style={{ paddingBlock: token.paddingSM }} data-testid={`seal-check-${answer.outcome}`} />
      <Typography.Title level={5}>{t('facts')}</Typography.Title>
      <Descriptions column={1} bordered size="small" styles={{ label: { width: 160 } }} data-testid="seal-check-facts">
        <Descriptions.Item label={t('fact_kind')}>{t(`kind_${answer.kind}`)}</Descriptions.Item>
        {facts.map((fact) => (
          <Descriptions.Item key={fact.key} label={labelOf(t, 'fact_', fact.key)}>
            <Typography.Text style={/^(SHA-256|SM3|dataHash)$/.test(fact.key) ? code : undefined}>{fact.value}</Typography.Text>
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: token.marginLG }}>
        {t('checks')}
      </Typography.Title>
      <Table<Check>
        size="small"
        pagination={false}
        rowKey={(check) => `${check.signature ?? ''}/${check.name}`}
        dataSource={answer.checks}
        data-testid="seal-check-checks"
        columns={[
          { title: t('colSignature'), width: 72, render: (_, check) => check.signature ?? t('packageLevel') },
          { title: t('colCheck'), width: 180, render: (_, check) => labelOf(t, 'check_', check.name) },
          { title: t('colResult'), width: 110, render: (_, check) => <CheckResultTag check={check} t={t} /> },
          {
            title: t('colDetail'),
            render: (_, check) => (
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM, wordBreak: 'break-word' }}>
                {check.detail}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}

/**
 * 电子签章核验: a sealed document from any system (an e-licence, an e-invoice a citizen brings, a seal
 * the province sends) checked as `hukou verify-seal` checks it, each signature and each check named.
 */
export function SealedFileCheck() {
  const t = useT(sealCheckMessages);
  const { token } = theme.useToken();
  const check = useMutation({ mutationFn: postSealedFile });
  const [file, setFile] = useState<File | null>(null);
  const [document, setDocument] = useState<File | null>(null);
  const tooLarge = [file, document].some((f) => f !== null && f.size > MAX_BYTES);

  const run = (next: { file: File | null; document: File | null }) => {
    setFile(next.file);
    setDocument(next.document);
    check.reset();
    const large = [next.file, next.document].some((f) => f !== null && f.size > MAX_BYTES);
    if (next.file && !large) check.mutate({ file: next.file, document: next.document });
  };

  return (
    <Flex vertical gap={token.marginLG}>
      <Card data-testid="seal-check">
        <Upload.Dragger
          accept=".ofd,.esl,.dat,.der,.pdf"
          multiple={false}
          showUploadList={false}
          beforeUpload={(chosen) => {
            run({ file: chosen, document });
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{file ? file.name : t('drop')}</p>
          <p className="ant-upload-hint">{t('hint')}</p>
        </Upload.Dragger>
        <Flex align="center" gap={token.marginSM} wrap style={{ marginTop: token.marginMD }}>
          <Typography.Text strong>{t('documentLabel')}</Typography.Text>
          <Upload
            multiple={false}
            showUploadList={false}
            beforeUpload={(chosen) => {
              run({ file, document: chosen });
              return false;
            }}
          >
            <Button icon={<PaperClipOutlined />} data-testid="seal-check-document">
              {document ? document.name : t('documentChoose')}
            </Button>
          </Upload>
          {document && (
            <Button type="link" onClick={() => run({ file, document: null })}>
              {t('documentClear')}
            </Button>
          )}
          <Typography.Text type="secondary" style={{ width: '100%' }}>
            {t('documentHint')}
          </Typography.Text>
        </Flex>
      </Card>
      {tooLarge && <Alert type="error" showIcon title={t('tooLarge')} />}
      {check.isPending && <Skeleton active />}
      {check.isError && <ErrorAlert error={check.error} />}
      {check.data && <SealedFileAnswer answer={check.data} />}
    </Flex>
  );
}
