import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '../../shared/permissions.ts';

export type NavKey = 'dashboard' | 'organisations' | 'users' | 'roles' | 'securityPolicy' | 'audit' | 'calendars' | 'apiTokens';
export type NavGroup = 'overview' | 'system' | 'security' | 'auditing';

export type NavItem = { key: NavKey; path: string; icon: ReactNode; group: NavGroup; permission: Permission | null };

/**
 * Every console module, grouped as the 三权分立 duties split the work. An item shows only when the user holds its
 * permission; the server enforces the same rule on every request.
 */
export const NAV_ITEMS: NavItem[] = [
  { key: 'dashboard', path: '/', icon: <DashboardOutlined />, group: 'overview', permission: null },
  { key: 'organisations', path: '/organisations', icon: <ApartmentOutlined />, group: 'system', permission: 'org.read' },
  { key: 'users', path: '/users', icon: <UserOutlined />, group: 'system', permission: 'user.read' },
  { key: 'calendars', path: '/calendars', icon: <CalendarOutlined />, group: 'system', permission: 'calendar.read' },
  { key: 'apiTokens', path: '/api-tokens', icon: <ApiOutlined />, group: 'system', permission: 'token.manage' },
  { key: 'roles', path: '/roles', icon: <TeamOutlined />, group: 'security', permission: 'role.read' },
  { key: 'securityPolicy', path: '/security-policy', icon: <SafetyCertificateOutlined />, group: 'security', permission: 'policy.manage' },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, group: 'auditing', permission: 'audit.read' },
];

export const NAV_GROUPS: NavGroup[] = ['overview', 'system', 'security', 'auditing'];

/** The nav item a location belongs to (`/calendars/abc` → calendars). */
export function navItemFor(pathname: string): NavItem | undefined {
  if (pathname === '/') return NAV_ITEMS[0];
  return NAV_ITEMS.find((item) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)));
}
