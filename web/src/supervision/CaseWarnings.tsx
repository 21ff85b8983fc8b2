import { Alert, Button, Flex, Typography, theme } from 'antd';
import { useNavigate } from 'react-router-dom';
import { hasRole, type Role } from '../app/roles.ts';
import { useMe } from '../auth/session.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import { supervisionMessages } from './messages.ts';
import { useWarningText } from './warning-text.ts';
import { WarningStateTag } from './WarningStateTag.tsx';

/** Who has the 预警 page (server/modules/supervision/warnings.policy.ts: the readers of warnings). */
export const WARNING_READERS: readonly Role[] = ['station_leader', 'branch_reviewer', 'city_approver', 'supervisor'];

interface OpenWarning {
  id: string;
  rule: string;
  ruleName: { zh: string; en: string };
  state: 'raised' | 'acknowledged' | 'resolved';
  raisedAt: string;
  detail: Record<string, unknown>;
}

/** The case page's alert: the case's warnings not yet resolved, each with what was found; the 预警 page for those who have it. */
export function CaseWarnings({ caseId, warnings }: { caseId: string; warnings: readonly OpenWarning[] | undefined }) {
  const t = useT(supervisionMessages);
  const bilingual = useBilingual();
  const describe = useWarningText();
  const navigate = useNavigate();
  const me = useMe();
  const { token } = theme.useToken();
  if (!warnings || warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="case-warnings"
      title={t('caseAlertTitle', { n: warnings.length })}
      description={
        <Flex vertical gap={token.marginXXS} component="ul" style={{ margin: 0, paddingInlineStart: token.paddingMD }}>
          {warnings.map((warning) => (
            <li key={warning.id} data-rule={warning.rule}>
              <Flex wrap gap={token.marginXS} align="baseline">
                <Typography.Text strong>{bilingual(warning.ruleName)}</Typography.Text>
                <Typography.Text>{describe(warning)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                  {t('caseAlertRaised', { time: formatDateTime(warning.raisedAt) })}
                </Typography.Text>
                {warning.state !== 'raised' && <WarningStateTag state={warning.state} />}
              </Flex>
            </li>
          ))}
        </Flex>
      }
      action={
        hasRole(me.role, WARNING_READERS) ? (
          <Button size="small" onClick={() => void navigate(`/warnings?caseId=${caseId}`)}>
            {t('caseAlertMore')}
          </Button>
        ) : undefined
      }
    />
  );
}
