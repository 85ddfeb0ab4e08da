import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type AdminClass = 'sysadmin' | 'secadmin' | 'auditadmin';

export interface UsersTable {
  id: Generated<string>;
  orgId: string;
  username: string;
  displayName: string;
  email: string | null;
  phoneSealed: string | null;
  status: Generated<'active' | 'disabled'>;
  adminClass: AdminClass | null;
  passwordHash: string;
  passwordChangedAt: Generated<Date>;
  mustChangePassword: Generated<boolean>;
  failedLoginCount: Generated<number>;
  lockedUntil: NullableTimestamp;
  totpSecretSealed: string | null;
  totpEnabledAt: NullableTimestamp;
  totpLastStep: number | null;
  expiresAt: NullableTimestamp;
  lastLoginAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  userId: string;
  passwordHash: string;
  createdAt: Generated<Date>;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  userId: string;
  codeHash: string;
  usedAt: NullableTimestamp;
}

export interface RolesTable {
  id: Generated<string>;
  key: string;
  name: string;
  nameEn: string;
  description: string | null;
  adminClass: AdminClass | null;
  isBuiltin: Generated<boolean>;
  permissions: string[];
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface RoleGrantsTable {
  id: Generated<string>;
  userId: string;
  roleId: string;
  orgId: string;
  grantedBy: string | null;
  createdAt: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  idleTimeoutSeconds: number;
  mfaVerified: Generated<boolean>;
  ip: string | null;
  userAgent: string | null;
  revokedAt: NullableTimestamp;
  revokeReason: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  permissions: string[];
  orgIds: string[];
  createdBy: string;
  createdAt: Generated<Date>;
  expiresAt: NullableTimestamp;
  lastUsedAt: NullableTimestamp;
  revokedAt: NullableTimestamp;
}

export interface SettingsTable {
  key: string;
  value: unknown;
  updatedBy: string | null;
  updatedAt: Generated<Date>;
}

export interface AccessTables {
  users: UsersTable;
  passwordHistory: PasswordHistoryTable;
  recoveryCodes: RecoveryCodesTable;
  roles: RolesTable;
  roleGrants: RoleGrantsTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  settings: SettingsTable;
}
