import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { Flex, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { NAV_GROUPS, NAV_ITEMS, navItemFor } from './nav.tsx';
import { can } from './permissions.ts';
import { useMe } from './session.tsx';
import { OrgScopeProvider } from './org-scope.tsx';
import { OrgScopeSelect } from './OrgScopeSelect.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UserMenu } from './UserMenu.tsx';
import { IdleTimer } from './IdleTimer.tsx';
import { CoverageAlert } from '../features/calendars/CoverageAlert.tsx';
import { InboxBell } from '../features/alerts/InboxBell.tsx';

/** The console shell: module menu on the left (only what the user may use), scope / language / user on top. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [isCollapsed, setCollapsed] = useState(false);
  // pages are lazy chunks: say so while the next one loads instead of looking stuck
  const isNavigating = useNavigation().state === 'loading';
  const visible = NAV_ITEMS.filter((item) => item.permission === null || can(me, item.permission));
  const menuItems: MenuProps['items'] = NAV_GROUPS.map((group) => ({
    type: 'group' as const,
    key: group,
    label: isCollapsed ? null : t(`nav.groups.${group}`),
    children: visible
      .filter((item) => item.group === group)
      .map((item) => ({ key: item.path, icon: item.icon, label: <span data-testid={`nav-${item.key}`}>{t(`nav.${item.key}`)}</span> })),
  })).filter((g) => g.children.length > 0);
  const selected = navItemFor(pathname);
  const canSeeOrgs = can(me, 'org.read');

  return (
    <OrgScopeProvider enabled={canSeeOrgs}>
      <Layout style={{ minHeight: '100%' }}>
        <Layout.Sider collapsible collapsed={isCollapsed} onCollapse={setCollapsed} theme="light" width={208} style={{ borderRight: '1px solid #f0f0f0' }}>
          <Flex align="center" justify="center" style={{ height: 56 }}>
            <Typography.Text strong style={{ fontSize: isCollapsed ? 16 : 20, letterSpacing: 1 }}>
              {isCollapsed ? t('brand.short') : t('brand.name')}
            </Typography.Text>
            {!isCollapsed && (
              <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                yiwei
              </Typography.Text>
            )}
          </Flex>
          <Menu
            mode="inline"
            items={menuItems}
            selectedKeys={selected ? [selected.path] : []}
            onClick={({ key }) => void navigate(key)}
            style={{ borderInlineEnd: 'none' }}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header style={{ background: '#fff', padding: '0 24px', borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: '56px' }}>
            <Flex align="center" justify="space-between" gap={16} style={{ height: '100%' }}>
              <Flex align="center" gap={12}>
                {canSeeOrgs && <OrgScopeSelect />}
                {isNavigating && <Spin size="small" data-testid="route-loading" />}
              </Flex>
              <Flex align="center" gap={12}>
                {can(me, 'alert.read') && <InboxBell />}
                <IdleTimer />
                <LanguageSwitch />
                <UserMenu />
              </Flex>
            </Flex>
          </Layout.Header>
          <Layout.Content style={{ padding: 24 }}>
            {/* the dashboard and the calendar pages show the warning in their own place */}
            {can(me, 'calendar.read') && pathname !== '/' && !pathname.startsWith('/calendars') && <CoverageAlert />}
            <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </OrgScopeProvider>
  );
}
