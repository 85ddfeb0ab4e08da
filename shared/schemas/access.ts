import { z } from 'zod';
import { ALL_PERMISSIONS, ADMIN_CLASSES } from '../permissions.ts';

export const Permission = z.enum(ALL_PERMISSIONS as [string, ...string[]]);
export const AdminClass = z.enum(ADMIN_CLASSES);

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/, 'letters, digits, _ . @ - only');

// ---- authentication ----
export const LoginInput = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginInput = z.infer<typeof LoginInput>;

/** What the client must do next after a successful password check. */
export const LoginNext = z.enum(['change_password', 'enrol_totp', 'verify_totp', 'done']);
export type LoginNext = z.infer<typeof LoginNext>;

export const LoginResult = z.object({ next: LoginNext, csrfToken: z.string() });
export type LoginResult = z.infer<typeof LoginResult>;

export const TotpVerifyInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^(\d{6}|[A-Za-z0-9]{4}-[A-Za-z0-9]{4})$/, 'a 6-digit code or a recovery code'),
});
export type TotpVerifyInput = z.infer<typeof TotpVerifyInput>;

export const TotpEnrolment = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;
export const TotpConfirmInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, '6 digits') });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const PasswordChangeInput = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

export const Grant = z.object({
  id: z.uuid(),
  roleId: z.uuid(),
  roleKey: z.string(),
  roleName: z.string(),
  roleNameEn: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
});
export type Grant = z.infer<typeof Grant>;

export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.uuid(),
  adminClass: AdminClass.nullable(),
  permissions: z.array(z.string()),
  grants: z.array(Grant),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  passwordExpiresAt: z.iso.datetime().nullable(),
  sessionExpiresAt: z.iso.datetime(),
  idleTimeoutSeconds: z.number().int(),
  mfaVerified: z.boolean(),
  /** the next step of the login flow; 'done' once the session is fully authenticated */
  next: LoginNext,
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;

// ---- users ----
export const UserStatus = z.enum(['active', 'disabled']);
export const User = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  /** masked */
  phone: z.string().nullable(),
  status: UserStatus,
  adminClass: AdminClass.nullable(),
  isLocked: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  expiresAt: z.iso.datetime().nullable(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  roles: z.array(z.object({ key: z.string(), name: z.string(), orgId: z.uuid() })),
});
export type User = z.infer<typeof User>;

export const UserListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  q: z.string().trim().max(100).optional(),
  orgId: z.uuid().optional(),
  status: UserStatus.optional(),
  /** include users of the organisation's whole subtree (default) or only its own */
  subtree: z.enum(['true', 'false']).default('true'),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserCreateInput = z.object({
  orgId: z.uuid(),
  username: Username,
  displayName: z.string().trim().min(1).max(50),
  email: z.email().max(120).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, 'not a phone number')
    .nullable()
    .optional(),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type UserCreateInput = z.infer<typeof UserCreateInput>;
export const UserUpdateInput = UserCreateInput.omit({ username: true }).partial();
export type UserUpdateInput = z.infer<typeof UserUpdateInput>;

/** Returned once when an account is created or its password reset: the initial password is never shown again. */
export const InitialPassword = z.object({ user: User, initialPassword: z.string() });

// ---- roles and grants ----
export const Role = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  adminClass: AdminClass.nullable(),
  isBuiltin: z.boolean(),
  permissions: z.array(z.string()),
});
export type Role = z.infer<typeof Role>;
export const RoleCreateInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _'),
  name: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(50),
  description: z.string().trim().max(200).nullable().optional(),
  permissions: z.array(Permission).min(1),
});
export type RoleCreateInput = z.infer<typeof RoleCreateInput>;
export const RoleUpdateInput = RoleCreateInput.omit({ key: true }).partial();
export type RoleUpdateInput = z.infer<typeof RoleUpdateInput>;

export const GrantCreateInput = z.object({ roleId: z.uuid(), orgId: z.uuid() });
export type GrantCreateInput = z.infer<typeof GrantCreateInput>;
export const GrantParams = z.object({ id: z.uuid(), grantId: z.uuid() });

// ---- security policy ----
export const PasswordPolicy = z.object({
  minLength: z.number().int().min(8).max(64),
  adminMinLength: z.number().int().min(10).max(64),
  minClasses: z.number().int().min(3).max(4),
  historyCount: z.number().int().min(5).max(24),
  maxAgeDays: z.number().int().min(1).max(90),
  forbidUsername: z.literal(true),
});
export const LockoutPolicy = z.object({
  maxFailures: z.number().int().min(3).max(10),
  lockMinutes: z.number().int().min(5).max(1440),
});
export const SessionPolicy = z.object({
  adminIdleMinutes: z.number().int().min(5).max(30),
  userIdleMinutes: z.number().int().min(5).max(120),
  absoluteHours: z.number().int().min(1).max(24),
  totpRequiredForAll: z.boolean(),
});
export const SecurityPolicy = z.object({ password: PasswordPolicy, lockout: LockoutPolicy, session: SessionPolicy });
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;
export const SecurityPolicyUpdateInput = SecurityPolicy.partial();

// ---- API tokens ----
export const ApiToken = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  orgIds: z.array(z.uuid()),
  createdBy: z.uuid(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
export const ApiTokenCreateInput = z.object({
  orgId: z.uuid(),
  name: z.string().trim().min(1).max(60),
  permissions: z.array(Permission).min(1),
  orgIds: z.array(z.uuid()).min(1),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type ApiTokenCreateInput = z.infer<typeof ApiTokenCreateInput>;
/** The secret is in this answer only; the server keeps its SM3 hash. */
export const ApiTokenCreated = z.object({ token: ApiToken, secret: z.string() });
