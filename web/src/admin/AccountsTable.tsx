import { CheckCircleOutlined, KeyOutlined, StopOutlined, UnlockOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useBilingual, useT } from '../i18n/messages.ts';
import { formatDateTime } from '../shared/format.ts';
import type { AdminUser } from './admin-data.ts';
import { PAGE_SIZE } from './account-filter.ts';
import { adminMessages } from './messages.ts';

export type AccountAct = 'disable' | 'enable' | 'reset' | 'assignRole' | 'clearThrottle';

/** The accounts, a page at a time, with the acts of whichever administrator is reading. */
export function AccountsTable({
  users,
  total,
  page,
  loading,
  acts,
  onAct,
  onPage,
}: {
  users: AdminUser[] | undefined;
  total: number;
  page: number;
  loading: boolean;
  acts: 'system' | 'security';
  onAct: (act: AccountAct, user: AdminUser) => void;
  onPage: (page: number) => void;
}) {
  const t = useT(adminMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const label = (text: string, user: AdminUser) => `${text}（${user.username}）`;

  // Plain buttons in the list; the confirmation says what the act does, in red where it ends someone's sessions.
  const actButton = (act: AccountAct, user: AdminUser, text: string, icon: ReactNode) => (
    <Button size="small" icon={icon} aria-label={label(text, user)} onClick={() => onAct(act, user)}>
      {text}
    </Button>
  );

  const columns: TableColumnsType<AdminUser> = [
    {
      key: 'username',
      title: t('colUsername'),
      width: 150,
      render: (_, user) => <Typography.Text style={{ fontFamily: token.fontFamilyCode }}>{user.username}</Typography.Text>,
    },
    { key: 'displayName', title: t('colDisplayName'), width: 140, ellipsis: true, render: (_, user) => user.displayName },
    { key: 'unit', title: t('colUnit'), width: 120, ellipsis: true, render: (_, user) => bilingual({ zh: user.unitName, en: user.unitNameEn }) },
    { key: 'role', title: t('colRole'), width: 120, render: (_, user) => bilingual(user.roleLabel) },
    {
      key: 'status',
      title: t('colStatus'),
      width: 124,
      render: (_, user) => (
        <Flex gap={token.marginXXS} wrap data-testid="account-status" data-disabled={user.disabled}>
          {user.disabled ? <Tag icon={<StopOutlined />}>{t('statusDisabled')}</Tag> : <Typography.Text>{t('statusEnabled')}</Typography.Text>}
          {user.mustChangePassword && (
            <Tooltip title={t('mustChangePasswordHint')}>
              <Tag icon={<KeyOutlined />}>{t('mustChangePassword')}</Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    { key: 'passwordChangedAt', title: t('colPasswordChangedAt'), width: 136, render: (_, user) => formatDateTime(user.passwordChangedAt) },
    {
      key: 'actions',
      title: t('colActions'),
      width: acts === 'system' ? 200 : 280,
      render: (_, user) =>
        user.administrator ? (
          <Tooltip title={t('administratorAccountHint')}>
            <Typography.Text type="secondary">{t('administratorAccount')}</Typography.Text>
          </Tooltip>
        ) : acts === 'system' ? (
          <Flex gap={token.marginXS}>
            {user.disabled
              ? actButton('enable', user, t('enable'), <CheckCircleOutlined />)
              : actButton('disable', user, t('disable'), <StopOutlined />)}
            {actButton('reset', user, t('resetPassword'), <KeyOutlined />)}
          </Flex>
        ) : (
          <Flex gap={token.marginXS}>
            {actButton('assignRole', user, t('assignRole'), <UserSwitchOutlined />)}
            {actButton('clearThrottle', user, t('clearThrottle'), <UnlockOutlined />)}
          </Flex>
        ),
    },
  ];

  return (
    <Table<AdminUser>
      size="middle"
      rowKey="id"
      data-testid="accounts-table"
      columns={columns}
      dataSource={users}
      loading={loading}
      scroll={{ x: 1070 }}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total,
        showSizeChanger: false,
        showTotal: (n) => t('total', { n }),
        onChange: onPage,
      }}
      locale={{
        emptyText: (
          <Empty
            description={
              <Flex vertical gap={token.marginXXS}>
                <Typography.Text strong>{t('usersEmpty')}</Typography.Text>
                <Typography.Text type="secondary">{t('usersEmptyHint')}</Typography.Text>
              </Flex>
            }
          />
        ),
      }}
    />
  );
}
