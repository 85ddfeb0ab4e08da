import type { ReactNode } from 'react';
import { createBrowserRouter, Link } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PermissionRule } from './permissions.ts';
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
function page(load: () => Promise<ReactNode>, permission?: PermissionRule) {
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
      // printable A4 label sheet: no menu or header around it
      { path: 'assets/labels', lazy: page(() => import('../features/assets/LabelsPage.tsx').then((m) => <m.LabelsPage />), 'asset.read') },
      {
        element: <ConsoleLayout />,
        children: [
          { index: true, lazy: page(() => import('../features/dashboard/DashboardPage.tsx').then((m) => <m.DashboardPage />)) },
          { path: 'assets', lazy: page(() => import('../features/assets/AssetsPage.tsx').then((m) => <m.AssetsPage />), 'asset.read') },
          { path: 'assets/new', lazy: page(() => import('../features/assets/AssetFormPage.tsx').then((m) => <m.AssetFormPage />), 'asset.manage') },
          { path: 'assets/overview', lazy: page(() => import('../features/assets/OverviewPage.tsx').then((m) => <m.OverviewPage />), 'asset.read') },
          { path: 'assets/import', lazy: page(() => import('../features/assets/ImportPage.tsx').then((m) => <m.ImportPage />), 'asset.manage') },
          { path: 'assets/import/:importId', lazy: page(() => import('../features/assets/ImportPage.tsx').then((m) => <m.ImportPage />), 'asset.manage') },
          { path: 'assets/catalog/:tab?', lazy: page(() => import('../features/assets/CatalogPage.tsx').then((m) => <m.CatalogPage />), ['asset.read', 'asset_kind.manage']) },
          // the QR label's address: reporters without asset.read are sent on to the fault report for the device
          {
            path: 'assets/:id',
            lazy: page(() => Promise.all([import('../features/assets/AssetDetailPage.tsx'), import('../features/servicedesk/AssetLabelLanding.tsx')]).then(([a, l]) => <l.AssetLabelLanding><a.AssetDetailPage /></l.AssetLabelLanding>)),
          },
          { path: 'assets/:id/edit', lazy: page(() => import('../features/assets/AssetFormPage.tsx').then((m) => <m.AssetFormPage />), 'asset.manage') },
          { path: 'monitoring', lazy: page(() => import('../features/monitoring/ProbesPage.tsx').then((m) => <m.ProbesPage />), 'probe.read') },
          { path: 'monitoring/probes', lazy: page(() => import('../features/monitoring/ProbesPage.tsx').then((m) => <m.ProbesPage />), 'probe.read') },
          { path: 'monitoring/probes/:id', lazy: page(() => import('../features/monitoring/ProbeDetailPage.tsx').then((m) => <m.ProbeDetailPage />), 'probe.read') },
          { path: 'monitoring/maintenance', lazy: page(() => import('../features/monitoring/MaintenancePage.tsx').then((m) => <m.MaintenancePage />), 'probe.read') },
          { path: 'monitoring/agents', lazy: page(() => import('../features/monitoring/AgentsPage.tsx').then((m) => <m.AgentsPage />), ['probe.read', 'agent.manage']) },
          { path: 'alerts', lazy: page(() => import('../features/alerts/AlertsPage.tsx').then((m) => <m.AlertsPage />), 'alert.read') },
          { path: 'alerts/silences', lazy: page(() => import('../features/alerts/SilencesPage.tsx').then((m) => <m.SilencesPage />), 'alert.read') },
          { path: 'alerts/routes', lazy: page(() => import('../features/alerts/RoutesPage.tsx').then((m) => <m.RoutesPage />), 'alert.read') },
          { path: 'alerts/escalation', lazy: page(() => import('../features/alerts/EscalationPage.tsx').then((m) => <m.EscalationPage />), 'alert.read') },
          { path: 'alerts/schedules', lazy: page(() => import('../features/alerts/SchedulesPage.tsx').then((m) => <m.SchedulesPage />), 'alert.read') },
          { path: 'alerts/schedules/:id', lazy: page(() => import('../features/alerts/ScheduleDetailPage.tsx').then((m) => <m.ScheduleDetailPage />), 'alert.read') },
          { path: 'alerts/channels', lazy: page(() => import('../features/alerts/ChannelsPage.tsx').then((m) => <m.ChannelsPage />), 'alert.read') },
          { path: 'alerts/notifications', lazy: page(() => import('../features/alerts/NotificationsPage.tsx').then((m) => <m.NotificationsPage />), 'alert.read') },
          { path: 'alerts/rules', lazy: page(() => import('../features/alerts/AlertRulesPage.tsx').then((m) => <m.AlertRulesPage />), 'alert.read') },
          { path: 'alerts/integrations', lazy: page(() => import('../features/alerts/IntegrationsPage.tsx').then((m) => <m.IntegrationsPage />), 'alert.read') },
          // the router ranks the fixed paths above over :id, so /alerts/routes is the routes page, not an alert
          { path: 'alerts/:id', lazy: page(() => import('../features/alerts/AlertDetailPage.tsx').then((m) => <m.AlertDetailPage />), 'alert.read') },
          { path: 'servicedesk/tickets', lazy: page(() => import('../features/servicedesk/TicketsPage.tsx').then((m) => <m.TicketsPage />), 'ticket.read') },
          { path: 'servicedesk/tickets/:id', lazy: page(() => import('../features/servicedesk/TicketDetailPage.tsx').then((m) => <m.TicketDetailPage />), 'ticket.read') },
          { path: 'servicedesk/workbench', lazy: page(() => import('../features/servicedesk/WorkbenchPage.tsx').then((m) => <m.WorkbenchPage />), 'ticket.work') },
          { path: 'servicedesk/policies', lazy: page(() => import('../features/servicedesk/SlaPoliciesPage.tsx').then((m) => <m.SlaPoliciesPage />), 'ticket.read') },
          { path: 'servicedesk/settings', lazy: page(() => import('../features/servicedesk/DeskSettingsPage.tsx').then((m) => <m.DeskSettingsPage />), 'ticket.read') },
          { path: 'servicedesk/my-tickets', lazy: page(() => import('../features/servicedesk/MyTicketsPage.tsx').then((m) => <m.MyTicketsPage />), 'ticket.report') },
          // the asset QR label's fault report: /servicedesk/report?assetId=…
          { path: 'servicedesk/report', lazy: page(() => import('../features/servicedesk/ReportPage.tsx').then((m) => <m.ReportPage />), 'ticket.report') },
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
