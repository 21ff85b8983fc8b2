import { Tabs } from 'antd';
import { useMe } from '../auth/session.ts';
import { useT } from '../i18n/messages.ts';
import { Page } from '../shared/Page.tsx';
import { notifyMessages } from './messages.ts';
import { SmsMessagesTable } from './SmsMessagesTable.tsx';
import { StationPhones } from './StationPhones.tsx';

/**
 * 短信发送记录 (docs/SMS.md): the texts approvals and returns sent, with their state; for the system
 * administrator also the stations' numbers. Supervisors read the texts of their units.
 */
export default function SmsPage() {
  const t = useT(notifyMessages);
  const me = useMe();
  const texts = { key: 'messages', label: t('tabMessages'), children: <SmsMessagesTable /> };
  return (
    <Page title={t('pageTitle')}>
      {me.role === 'sys_admin' ? (
        <Tabs items={[texts, { key: 'phones', label: t('tabPhones'), children: <StationPhones /> }]} />
      ) : (
        <SmsMessagesTable />
      )}
    </Page>
  );
}
