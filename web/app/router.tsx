import type { ReactNode } from 'react';
import { createBrowserRouter, Link } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../shared/permissions.ts';
import { AuthGate } from './AuthGate.tsx';
import { ConsoleLayout } from './ConsoleLayout.tsx';
import { RequirePermission } from './RequirePermission.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('errors.notFoundPage')}
      extra={
        <Link to="/">
          <Button type="primary">{t('nav.dashboard')}</Button>
        </Link>
      }
    />
  );
}

/** A lazily loaded page behind a permission; each feature becomes its own chunk. */
function page(load: () => Promise<ReactNode>, permission?: Permission) {
  return async () => {
    const element = await load();
    return { element: permission ? <RequirePermission permission={permission}>{element}</RequirePermission> : element };
  };
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <AuthGate />,
    // shown while the first lazy page chunk loads
    hydrateFallbackElement: <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />,
    children: [
      {
        element: <ConsoleLayout />,
        children: [
          { index: true, lazy: page(() => import('../features/dashboard/DashboardPage.tsx').then((m) => <m.DashboardPage />)) },
          { path: 'organisations', lazy: page(() => import('../features/organisations/OrganisationsPage.tsx').then((m) => <m.OrganisationsPage />), 'org.read') },
          { path: 'users', lazy: page(() => import('../features/users/UsersPage.tsx').then((m) => <m.UsersPage />), 'user.read') },
          { path: 'roles', lazy: page(() => import('../features/roles/RolesPage.tsx').then((m) => <m.RolesPage />), 'role.read') },
          { path: 'security-policy', lazy: page(() => import('../features/security-policy/SecurityPolicyPage.tsx').then((m) => <m.SecurityPolicyPage />), 'policy.manage') },
          { path: 'audit', lazy: page(() => import('../features/audit/AuditPage.tsx').then((m) => <m.AuditPage />), 'audit.read') },
          { path: 'calendars', lazy: page(() => import('../features/calendars/CalendarsPage.tsx').then((m) => <m.CalendarsPage />), 'calendar.read') },
          { path: 'calendars/:id', lazy: page(() => import('../features/calendars/CalendarDetailPage.tsx').then((m) => <m.CalendarDetailPage />), 'calendar.read') },
          { path: 'api-tokens', lazy: page(() => import('../features/api-tokens/ApiTokensPage.tsx').then((m) => <m.ApiTokensPage />), 'token.manage') },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
