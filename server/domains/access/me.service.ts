import type { Me, SecurityPolicy } from '../../../shared/schemas/access.ts';
import type { SessionInfo } from '../../platform/api.ts';
import type { AuditSubject } from '../../platform/audit.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { isPasswordExpired, isTotpRequired, nextStep, type RequestContext } from './auth.service.ts';
import { loadGrants } from './grants.repository.ts';
import { sessionRef } from './sessions.ts';
import { getSecurityPolicy } from './settings.repository.ts';

/** The caller's own account as the console shows it. */
export function createMeService({ db, clock }: PlatformDeps) {
  return {
    async me(session: SessionInfo): Promise<Me> {
      const policy = await getSecurityPolicy(db);
      const user = await db.selectFrom('users').selectAll().where('id', '=', session.userId).executeTakeFirstOrThrow();
      const grants = await db
        .selectFrom('roleGrants as g')
        .innerJoin('roles as r', 'r.id', 'g.roleId')
        .innerJoin('organisations as o', 'o.id', 'g.orgId')
        .select(['g.id', 'g.roleId', 'r.key as roleKey', 'r.name as roleName', 'r.nameEn as roleNameEn', 'g.orgId', 'o.name as orgName', 'r.permissions'])
        .where('g.userId', '=', user.id)
        .execute();
      const now = clock.now();
      const next = nextStep(policy, user, session.mfaVerified, now);
      return {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        orgId: user.orgId,
        adminClass: user.adminClass,
        // Until the login flow is done the session may do nothing, so it shows no permissions.
        permissions: next === 'done' ? [...new Set(grants.flatMap((g) => g.permissions))].sort() : [],
        grants: grants.map(({ permissions: _p, ...g }) => g),
        mustChangePassword: user.mustChangePassword || isPasswordExpired(policy, user.passwordChangedAt, now),
        totpEnabled: user.totpEnabledAt !== null,
        totpRequired: isTotpRequired(policy, user.adminClass),
        passwordExpiresAt: new Date(user.passwordChangedAt.getTime() + policy.password.maxAgeDays * 86_400_000).toISOString(),
        sessionExpiresAt: session.expiresAt.toISOString(),
        idleTimeoutSeconds: session.idleTimeoutSeconds,
        mfaVerified: session.mfaVerified,
        next,
        csrfToken: session.csrfToken,
      };
    },

    async passwordPolicy(): Promise<SecurityPolicy['password']> {
      return (await getSecurityPolicy(db)).password;
    },

    /** Enrolment needs either a fresh account in its login flow or a fully logged-in user, never a half-verified one. */
    async assertCanEnrol(session: SessionInfo) {
      const user = await db.selectFrom('users').select(['totpEnabledAt']).where('id', '=', session.userId).executeTakeFirstOrThrow();
      if (user.totpEnabledAt) throw new AppError('conflict', 'auth.totp_already_enrolled', 'An authenticator is already enrolled');
      if (session.mustChangePassword) throw new AppError('forbidden', 'auth.login_incomplete', 'Change the password first');
    },

    async subject(session: SessionInfo, ctx: RequestContext): Promise<AuditSubject> {
      const user = await db.selectFrom('users').select(['username']).where('id', '=', session.userId).executeTakeFirstOrThrow();
      const { roleKeys } = await loadGrants(db, session.userId);
      return { userId: session.userId, name: user.username, roleKeys, ip: ctx.ip, userAgent: ctx.userAgent, sessionRef: sessionRef(session.id), requestId: ctx.requestId };
    },
  };
}

export type MeService = ReturnType<typeof createMeService>;
