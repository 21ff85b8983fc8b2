import { UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import { appMessages } from '../app/messages.ts';
import { useMe } from '../auth/session.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { Page } from '../shared/Page.tsx';
import { useShortcuts } from '../shared/keyboard.ts';
import { AccountFilters } from './AccountFilters.tsx';
import { type AccountAct, AccountsTable } from './AccountsTable.tsx';
import { accountFilterFromParams, accountFilterToParams, usersQueryOf } from './account-filter.ts';
import { ADMIN_UNITS_KEY, ADMIN_USERS_KEY, type AdminUser, type IssuedPassword, useAccounts } from './admin-data.ts';
import { AssignRoleModal } from './AssignRoleModal.tsx';
import { useConfirmAct } from './ConfirmActModal.tsx';
import { CreateAccountModal } from './CreateAccountModal.tsx';
import { adminMessages } from './messages.ts';
import { TemporaryPasswordModal } from './TemporaryPasswordModal.tsx';
import { useIntentKey } from '../shared/intent-key.ts';

/**
 * 账户管理 for two administrators with separate acts (三员分立): the system administrator opens,
 * disables, enables accounts and resets passwords; the security administrator assigns roles and
 * lifts sign-in throttles. The server checks each act again; the page only offers one's own.
 */
export default function UsersPage() {
  const t = useT(adminMessages);
  const tApp = useT(appMessages);
  const bilingual = useBilingual();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const [params, setParams] = useSearchParams();
  const filter = accountFilterFromParams(params);
  const accounts = useAccounts(usersQueryOf(filter));
  const system = me.role === 'sys_admin';
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [assigning, setAssigning] = useState<AdminUser | null>(null);
  const confirm = useConfirmAct(intent);

  useShortcuts({ 'Alt+KeyN': system ? () => setCreating(true) : undefined });

  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: ADMIN_USERS_KEY });
    void queryClient.invalidateQueries({ queryKey: ADMIN_UNITS_KEY });
  };
  const path = (user: AdminUser) => ({ params: { path: { id: user.id } } });
  const keyed = (intentName: string) => ({ headers: { 'Idempotency-Key': intent.keyFor(intentName) } });

  const act = (kind: AccountAct, user: AdminUser) => {
    const who = { username: user.username, name: user.displayName };
    switch (kind) {
      case 'assignRole':
        setAssigning(user);
        return;
      case 'disable':
      case 'enable': {
        const disable = kind === 'disable';
        confirm.ask({
          intent: `${kind}:${user.id}`,
          title: t(disable ? 'disableTitle' : 'enableTitle', who),
          body: t(disable ? 'disableBody' : 'enableBody', who),
          okText: t(disable ? 'confirmDisable' : 'confirmEnable'),
          danger: disable,
          run: async () => {
            const route = disable ? '/api/admin/users/{id}/disable' : '/api/admin/users/{id}/enable';
            await unwrap(api.POST(route, { ...path(user), ...keyed(`${kind}:${user.id}`) }));
            intent.done();
            changed();
            void message.success(t(disable ? 'userDisabled' : 'userEnabled', who));
          },
        });
        return;
      }
      case 'reset':
        confirm.ask({
          intent: `reset:${user.id}`,
          title: t('resetTitle', who),
          body: t('resetBody', who),
          okText: t('confirmReset'),
          danger: true,
          run: async () => {
            const answer = await unwrap(api.POST('/api/admin/users/{id}/reset-password', { ...path(user), ...keyed(`reset:${user.id}`) }));
            intent.done();
            changed();
            setIssued(answer);
          },
        });
        return;
      case 'clearThrottle':
        confirm.ask({
          intent: `clear:${user.id}`,
          title: t('clearThrottleTitle', who),
          body: t('clearThrottleBody', who),
          okText: t('confirmClearThrottle'),
          run: async () => {
            const answer = await unwrap(api.POST('/api/admin/users/{id}/sign-in-throttle/clear', { ...path(user), ...keyed(`clear:${user.id}`) }));
            intent.done();
            void message.success(answer.cleared ? t('throttleCleared', { ...who, n: answer.failures }) : t('throttleNone', who));
          },
        });
        return;
    }
  };

  return (
    <Page
      title={t('usersTitle')}
      crumbs={[{ title: tApp('navAdmin') }, { title: t('usersTitle') }]}
      extra={
        system && (
          <Tooltip title={t('createUserShortcut')}>
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
              {t('createUser')}
            </Button>
          </Tooltip>
        )
      }
    >
      <Typography.Text type="secondary">{system ? t('usersHintSys') : t('usersHintSec')}</Typography.Text>
      <AccountFilters filter={filter} onSearch={(next) => setParams(accountFilterToParams(next))} />
      <Card size="small">
        {accounts.isError && !accounts.data ? (
          <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
        ) : (
          <AccountsTable
            users={accounts.data?.users}
            total={accounts.data?.total ?? 0}
            page={filter.page}
            loading={accounts.isFetching}
            acts={system ? 'system' : 'security'}
            onAct={act}
            onPage={(page) => setParams(accountFilterToParams({ ...filter, page }))}
          />
        )}
      </Card>
      {confirm.dialog}
      <CreateAccountModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(answer) => {
          setCreating(false);
          changed();
          void message.success(t('userCreated', { username: answer.user.username }));
          setIssued(answer);
        }}
      />
      <AssignRoleModal
        user={assigning}
        onClose={() => setAssigning(null)}
        onAssigned={(user) => {
          setAssigning(null);
          changed();
          void message.success(t('roleAssigned', { username: user.username, role: bilingual(user.roleLabel) }));
        }}
      />
      <TemporaryPasswordModal issued={issued} onClose={() => setIssued(null)} />
    </Page>
  );
}
