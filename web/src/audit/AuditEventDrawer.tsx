import { Descriptions, Drawer, Flex, Typography, theme } from 'antd';
import { useT } from '../i18n/messages.ts';
import { sharedMessages } from '../shared/messages.ts';
import { formatInstant, objectNameOf } from './format.ts';
import { useAuditLabels } from './labels.ts';
import { auditMessages } from './messages.ts';
import { OutcomeTag } from './OutcomeTag.tsx';
import type { TrailEvent } from './trail-filter.ts';

/** One record whole: who, what, the detail as stored (ID numbers already masked) and its place in the chain. */
export function AuditEventDrawer({ event, onClose }: { event: TrailEvent | null; onClose: () => void }) {
  const t = useT(auditMessages);
  const ts = useT(sharedMessages);
  const labels = useAuditLabels();
  const { token } = theme.useToken();
  const mono = { fontFamily: token.fontFamilyCode, fontSize: token.fontSizeSM, wordBreak: 'break-all' as const };

  return (
    <Drawer
      open={event !== null}
      onClose={onClose}
      size="large"
      title={event ? t('drawerTitle', { seq: event.seq }) : ''}
      closable={{ 'aria-label': ts('close') }}
      destroyOnHidden
    >
      {event && (
        <Flex vertical gap={token.marginLG} data-testid="audit-event-detail">
          <Descriptions
            size="small"
            column={1}
            bordered
            styles={{ label: { width: 120 } }}
            items={[
              { key: 'at', label: t('detailAt'), children: formatInstant(event.at) },
              {
                key: 'actor',
                label: t('detailActor'),
                children: event.actorUsername
                  ? `${event.actorName ?? ''}（${event.actorUsername}）`
                  : (event.actorId ?? t(event.action === 'auth.login' ? 'anonymous' : 'system')),
              },
              { key: 'unit', label: t('detailUnit'), children: event.actorUnitName ?? event.actorUnitId ?? '' },
              { key: 'action', label: t('detailAction'), children: labels.action(event.action) },
              { key: 'code', label: t('detailActionCode'), children: <Typography.Text style={mono}>{event.action}</Typography.Text> },
              {
                key: 'object',
                label: t('detailObject'),
                children: (
                  <span>
                    {labels.objectType(event.objectType)} {objectNameOf(event.detail) ?? ''}{' '}
                    <Typography.Text style={mono}>{event.objectId ?? ''}</Typography.Text>
                  </span>
                ),
              },
              ...(event.caseId
                ? [
                    {
                      key: 'case',
                      label: t('detailCase'),
                      children: (
                        <Typography.Text style={mono} copyable>
                          {event.caseId}
                        </Typography.Text>
                      ),
                    },
                  ]
                : []),
              { key: 'outcome', label: t('detailOutcome'), children: <OutcomeTag outcome={event.outcome} /> },
              ...(event.reason
                ? [
                    {
                      key: 'reason',
                      label: t('detailReason'),
                      children: labels.reason(event.reason) === event.reason ? event.reason : `${labels.reason(event.reason)}（${event.reason}）`,
                    },
                  ]
                : []),
            ]}
          />
          <div>
            <Typography.Title level={5}>{t('detailData')}</Typography.Title>
            <pre
              data-testid="audit-event-json"
              tabIndex={0}
              style={{
                ...mono,
                margin: 0,
                padding: token.paddingSM,
                background: token.colorFillTertiary,
                borderRadius: token.borderRadius,
                maxHeight: 320,
                overflow: 'auto',
                whiteSpace: 'pre-wrap',
              }}
            >
              {JSON.stringify(event.detail, null, 2)}
            </pre>
          </div>
          <div>
            <Typography.Title level={5}>{t('detailChain')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('detailHashHint')}</Typography.Paragraph>
            <Descriptions
              size="small"
              column={1}
              bordered
              styles={{ label: { width: 120 } }}
              items={[
                {
                  key: 'hash',
                  label: t('detailHash'),
                  children: (
                    <Typography.Text style={mono} copyable={{ tooltips: [t('copyHash'), ts('copied')] }} data-testid="audit-event-hash">
                      {event.hash}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'prev',
                  label: t('detailPrevHash'),
                  children: (
                    <Typography.Text style={mono} copyable={{ tooltips: [t('copyHash'), ts('copied')] }}>
                      {event.prevHash}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
