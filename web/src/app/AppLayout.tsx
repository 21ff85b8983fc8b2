import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Flex, Layout, Menu, Spin, Tooltip, Typography, theme } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { authMessages } from '../auth/messages.ts';
import { ReauthModal } from '../auth/ReauthModal.tsx';
import { useMe, useSignOut } from '../auth/session.ts';
import { useBilingual, useT } from '../i18n/messages.ts';
import { useLocale } from '../i18n/locale.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { appMessages } from './messages.ts';
import { navigationFor } from './navigation.tsx';
import { useUnits } from '../shared/units.ts';

const HEADER_HEIGHT = 56;
const SIDER_WIDTH = 200;

function useOwnUnitName(unitId: string): string {
  const { locale } = useLocale();
  const units = useUnits();
  const own = units.data?.units.find((unit) => unit.id === unitId);
  return own ? (locale === 'en' ? own.nameEn : own.name) : '';
}

/** The frame of a business system: the menu by task on the left, who and where on top, the page below. */
export function AppLayout() {
  const t = useT(appMessages);
  const ta = useT(authMessages);
  const bilingual = useBilingual();
  const { token } = theme.useToken();
  const me = useMe();
  const signOut = useSignOut();
  const location = useLocation();
  const unitName = useOwnUnitName(me.unitId);
  const entries = navigationFor(me.role);
  const selected = entries
    .map((entry) => entry.path)
    .filter((path) => (path === '/' ? location.pathname === '/' : location.pathname.startsWith(path)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: token.margin,
          height: HEADER_HEIGHT,
          paddingInline: token.paddingLG,
          background: token.colorPrimary,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: token.marginXS }}>
          <img src="/favicon.svg" alt="" width={28} height={28} style={{ filter: 'brightness(0) invert(1)' }} />
          <Typography.Text strong style={{ color: token.colorWhite, fontSize: token.fontSizeLG, whiteSpace: 'nowrap' }}>
            {ta('systemName')}
          </Typography.Text>
        </Link>
        <Flex flex={1} justify="flex-end" align="center" gap={token.margin}>
          <Typography.Text style={{ color: token.colorWhite, whiteSpace: 'nowrap' }} data-testid="header-unit">
            {unitName}
          </Typography.Text>
          <Flex align="center" gap={token.marginXS}>
            <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorWhite, color: token.colorPrimary }} />
            <Typography.Text style={{ color: token.colorWhite, whiteSpace: 'nowrap' }} data-testid="header-user">
              {me.displayName} · {bilingual(me.roleLabel)}
            </Typography.Text>
          </Flex>
          <LanguageSwitch />
          <Tooltip title={ta('signOut')}>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              aria-label={ta('signOut')}
              style={{ color: token.colorWhite }}
              onClick={() => void signOut()}
            />
          </Tooltip>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={SIDER_WIDTH}
          breakpoint="lg"
          collapsedWidth={64}
          theme="light"
          style={{
            borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: HEADER_HEIGHT,
            height: `calc(100vh - ${HEADER_HEIGHT}px)`,
          }}
        >
          <nav aria-label={t('mainMenu')}>
            <Menu
              mode="inline"
              selectedKeys={selected}
              style={{ borderInlineEnd: 'none', paddingTop: token.paddingXS }}
              items={entries.map((entry) => ({ key: entry.path, icon: entry.icon, label: <Link to={entry.path}>{t(entry.label)}</Link> }))}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: token.paddingLG, minWidth: 0 }}>
          <main>
            <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
      <ReauthModal />
    </Layout>
  );
}
