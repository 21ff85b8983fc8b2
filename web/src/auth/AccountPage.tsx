import { App, Card } from 'antd';
import { appMessages } from '../app/messages.ts';
import { useT } from '../i18n/messages.ts';
import { Page } from '../shared/Page.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { authMessages } from './messages.ts';

export default function AccountPage() {
  const t = useT(authMessages);
  const tApp = useT(appMessages);
  const { message } = App.useApp();
  return (
    <Page title={tApp('navAccount')}>
      <Card>
        <ChangePasswordForm onChanged={() => void message.success(t('passwordChanged'))} />
      </Card>
    </Page>
  );
}
