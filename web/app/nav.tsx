import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  AppstoreOutlined,
  BranchesOutlined,
  CalendarOutlined,
  CloudServerOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FundOutlined,
  DatabaseOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  HeartOutlined,
  HistoryOutlined,
  ImportOutlined,
  NotificationOutlined,
  PieChartOutlined,
  ProfileOutlined,
  RiseOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  StopOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  ToolOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { PermissionRule } from './permissions.ts';

export type NavKey =
  | 'dashboard'
  | 'assets'
  | 'assetOverview'
  | 'assetImport'
  | 'assetCatalog'
  | 'organisations'
  | 'users'
  | 'roles'
  | 'securityPolicy'
  | 'audit'
  | 'calendars'
  | 'apiTokens'
  | 'probes'
  | 'maintenance'
  | 'agents'
  | 'alertCenter'
  | 'alertSilences'
  | 'alertRoutes'
  | 'alertRules'
  | 'alertEscalation'
  | 'alertSchedules'
  | 'alertChannels'
  | 'alertNotifications'
  | 'alertIntegrations'
  | 'tickets'
  | 'workbench'
  | 'slaPolicies'
  | 'deskSettings'
  | 'myTickets'
  | 'reportFault';
export type NavGroup = 'overview' | 'assets' | 'monitoring' | 'alerts' | 'servicedesk' | 'system' | 'security' | 'auditing';

export type NavItem = { key: NavKey; path: string; icon: ReactNode; group: NavGroup; permission: PermissionRule | null };

/**
 * Every console module, grouped as the 三权分立 duties split the work. An item shows only when the user holds its
 * permission; the server enforces the same rule on every request.
 */
export const NAV_ITEMS: NavItem[] = [
  { key: 'dashboard', path: '/', icon: <DashboardOutlined />, group: 'overview', permission: null },
  { key: 'assets', path: '/assets', icon: <DatabaseOutlined />, group: 'assets', permission: 'asset.read' },
  { key: 'assetOverview', path: '/assets/overview', icon: <PieChartOutlined />, group: 'assets', permission: 'asset.read' },
  { key: 'assetImport', path: '/assets/import', icon: <CloudUploadOutlined />, group: 'assets', permission: 'asset.manage' },
  // kinds are readable with asset_kind.manage alone (系统管理员), the rest of the catalogue needs asset.read
  { key: 'assetCatalog', path: '/assets/catalog', icon: <AppstoreOutlined />, group: 'assets', permission: ['asset.read', 'asset_kind.manage'] },
  { key: 'probes', path: '/monitoring/probes', icon: <HeartOutlined />, group: 'monitoring', permission: 'probe.read' },
  { key: 'maintenance', path: '/monitoring/maintenance', icon: <ScheduleOutlined />, group: 'monitoring', permission: 'probe.read' },
  // registering agents is a 系统管理员 duty (agent.manage); engineers see them to pick where a probe runs
  { key: 'agents', path: '/monitoring/agents', icon: <CloudServerOutlined />, group: 'monitoring', permission: ['probe.read', 'agent.manage'] },
  // configuration pages are readable with alert.read; their buttons need alert.manage
  { key: 'alertCenter', path: '/alerts', icon: <AlertOutlined />, group: 'alerts', permission: 'alert.read' },
  { key: 'alertSilences', path: '/alerts/silences', icon: <StopOutlined />, group: 'alerts', permission: 'alert.read' },
  { key: 'alertRoutes', path: '/alerts/routes', icon: <BranchesOutlined />, group: 'alerts', permission: 'alert.read' },
  { key: 'alertEscalation', path: '/alerts/escalation', icon: <RiseOutlined />, group: 'alerts', permission: 'alert.read' },
  { key: 'alertSchedules', path: '/alerts/schedules', icon: <SolutionOutlined />, group: 'alerts', permission: 'alert.read' },
  { key: 'alertChannels', path: '/alerts/channels', icon: <NotificationOutlined />, group: 'alerts', permission: 'alert.read' },
  { key: 'alertNotifications', path: '/alerts/notifications', icon: <HistoryOutlined />, group: 'alerts', permission: 'alert.read' },
  { key: 'alertRules', path: '/alerts/rules', icon: <FundOutlined />, group: 'alerts', permission: 'alert.read' },
  { key: 'alertIntegrations', path: '/alerts/integrations', icon: <ImportOutlined />, group: 'alerts', permission: 'alert.read' },
  // the desk's setup pages are readable with ticket.read; their buttons need ticket.manage
  { key: 'workbench', path: '/servicedesk/workbench', icon: <ThunderboltOutlined />, group: 'servicedesk', permission: 'ticket.work' },
  { key: 'tickets', path: '/servicedesk/tickets', icon: <ProfileOutlined />, group: 'servicedesk', permission: 'ticket.read' },
  { key: 'slaPolicies', path: '/servicedesk/policies', icon: <FieldTimeOutlined />, group: 'servicedesk', permission: 'ticket.read' },
  { key: 'deskSettings', path: '/servicedesk/settings', icon: <SettingOutlined />, group: 'servicedesk', permission: 'ticket.read' },
  // clinical reporters (ticket.report): report a fault from the asset QR label, follow and rate their reports
  { key: 'reportFault', path: '/servicedesk/report', icon: <ToolOutlined />, group: 'servicedesk', permission: 'ticket.report' },
  { key: 'myTickets', path: '/servicedesk/my-tickets', icon: <FileDoneOutlined />, group: 'servicedesk', permission: 'ticket.report' },
  { key: 'organisations', path: '/organisations', icon: <ApartmentOutlined />, group: 'system', permission: 'org.read' },
  { key: 'users', path: '/users', icon: <UserOutlined />, group: 'system', permission: 'user.read' },
  { key: 'calendars', path: '/calendars', icon: <CalendarOutlined />, group: 'system', permission: 'calendar.read' },
  { key: 'apiTokens', path: '/api-tokens', icon: <ApiOutlined />, group: 'system', permission: 'token.manage' },
  { key: 'roles', path: '/roles', icon: <TeamOutlined />, group: 'security', permission: 'role.read' },
  { key: 'securityPolicy', path: '/security-policy', icon: <SafetyCertificateOutlined />, group: 'security', permission: 'policy.manage' },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, group: 'auditing', permission: 'audit.read' },
];

export const NAV_GROUPS: NavGroup[] = ['overview', 'assets', 'monitoring', 'alerts', 'servicedesk', 'system', 'security', 'auditing'];

/** The nav item a location belongs to, the longest path winning (`/calendars/abc` → calendars, `/assets/import/x` → assetImport). */
export function navItemFor(pathname: string): NavItem | undefined {
  if (pathname === '/') return NAV_ITEMS[0];
  return NAV_ITEMS.filter((item) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`))).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}
