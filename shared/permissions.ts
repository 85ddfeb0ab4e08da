/**
 * Every permission, and which of the 三权分立 duties owns it. Admin-class permissions belong to exactly one
 * built-in admin role; custom roles may only combine 'business' permissions, so no account can gather
 * two admin duties through a side door.
 */
export const PERMISSIONS = {
  'org.read': 'business',
  'user.read': 'business',
  'role.read': 'business',
  'calendar.read': 'business',
  'asset.read': 'business',
  'asset.manage': 'business',
  'probe.read': 'business',
  // probes, maintenance windows and heartbeat URLs: day-to-day monitoring work
  'probe.manage': 'business',
  'alert.read': 'business',
  // acknowledge, resolve, comment on alerts
  'alert.respond': 'business',
  // silences, routes, escalation policies, on-call schedules, channels, inbound integrations
  'alert.manage': 'business',
  // for API tokens of monitoring systems that push alerts in (Alertmanager, Zabbix, webhooks)
  'alert.ingest': 'business',
  // tickets and the desk's setup as read by engineers and managers
  'ticket.read': 'business',
  // respond, go on site, pause, resolve, reassign, comment and log work on tickets
  'ticket.work': 'business',
  // SLA policies and their contracts, ticket categories, assignment groups
  'ticket.manage': 'business',
  // clinical staff: report a fault, follow and rate one's own tickets (the light reporter role)
  'ticket.report': 'business',
  // approve or reject changes one is named an approver of; change templates and freeze periods (the change board)
  'change.approve': 'business',
  // publish, unpublish, edit published and delete knowledge-base articles
  'knowledge.manage': 'business',
  'org.manage': 'sysadmin',
  'user.manage': 'sysadmin',
  'calendar.manage': 'sysadmin',
  'token.manage': 'sysadmin',
  'platform.operate': 'sysadmin',
  // the platform-wide catalogue of asset kinds and their fields; reading or changing assets is business work
  'asset_kind.manage': 'sysadmin',
  // an agent token is a credential for a machine inside a hospital's network, like an API token
  'agent.manage': 'sysadmin',
  'user.secure': 'secadmin',
  'role.manage': 'secadmin',
  'grant.manage': 'secadmin',
  'policy.manage': 'secadmin',
  'audit.read': 'auditadmin',
  'audit.export': 'auditadmin',
  'audit.verify': 'auditadmin',
  'audit.policy': 'auditadmin',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export type PermissionClass = (typeof PERMISSIONS)[Permission];
export const ADMIN_CLASSES = ['sysadmin', 'secadmin', 'auditadmin'] as const;
export type AdminClass = (typeof ADMIN_CLASSES)[number];
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];
export const BUSINESS_PERMISSIONS = ALL_PERMISSIONS.filter((p) => PERMISSIONS[p] === 'business');

/** Reads every admin needs to do its own job (e.g. pick a user to unlock), none of them another duty's. */
const SHARED_READS: Permission[] = ['org.read', 'user.read', 'role.read'];

export const BUILTIN_ROLES = [
  {
    key: 'sysadmin',
    name: '系统管理员',
    nameEn: 'System administrator',
    adminClass: 'sysadmin' as AdminClass,
    permissions: [...SHARED_READS, 'calendar.read', 'probe.read', 'alert.read', ...ALL_PERMISSIONS.filter((p) => PERMISSIONS[p] === 'sysadmin')],
  },
  {
    key: 'secadmin',
    name: '安全管理员',
    nameEn: 'Security administrator',
    adminClass: 'secadmin' as AdminClass,
    permissions: [...SHARED_READS, ...ALL_PERMISSIONS.filter((p) => PERMISSIONS[p] === 'secadmin')],
  },
  {
    key: 'auditadmin',
    name: '审计管理员',
    nameEn: 'Audit administrator',
    adminClass: 'auditadmin' as AdminClass,
    permissions: ['org.read', ...ALL_PERMISSIONS.filter((p) => PERMISSIONS[p] === 'auditadmin')],
  },
  { key: 'ops_manager', name: '运维主管', nameEn: 'Operations manager', adminClass: null, permissions: [...BUSINESS_PERMISSIONS] },
  { key: 'engineer', name: '运维工程师', nameEn: 'Engineer', adminClass: null, permissions: ['org.read', 'user.read', 'calendar.read', 'asset.read', 'asset.manage', 'probe.read', 'probe.manage', 'alert.read', 'alert.respond', 'alert.manage', 'ticket.read', 'ticket.work', 'knowledge.manage'] },
  { key: 'viewer', name: '只读用户', nameEn: 'Viewer', adminClass: null, permissions: ['org.read', 'calendar.read', 'asset.read', 'probe.read', 'alert.read', 'ticket.read'] },
] satisfies ReadonlyArray<{ key: string; name: string; nameEn: string; adminClass: AdminClass | null; permissions: Permission[] }>;
