import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { LoginNext, SecurityPolicy } from '../../../shared/schemas/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { subjectOf, type AuditSubject } from '../../platform/audit.ts';
import { hashPassword, verifyPassword } from '../../platform/crypto/index.ts';
import type { Db } from '../../platform/db.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, unauthenticated } from '../../platform/errors.ts';
import { loadGrants } from './grants.repository.ts';
import { checkPasswordStrength } from './password-policy.ts';
import { createSession, revokeUserSessions, sessionKey, sessionRef, type NewSession } from './sessions.ts';
import { getSecurityPolicy } from './settings.repository.ts';

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

interface UserState {
  adminClass: string | null;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  totpEnabledAt: Date | null;
}

const TOTP_SECRET_CONTEXT = 'users.totp_secret';
const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** True when the password is older than the policy allows. */
export function isPasswordExpired(policy: SecurityPolicy, changedAt: Date, now: Date): boolean {
  return now.getTime() - changedAt.getTime() > policy.password.maxAgeDays * 86_400_000;
}

/** The next step of the login flow: the second factor first, then a due password change, then TOTP enrolment. */
export function nextStep(policy: SecurityPolicy, user: UserState, mfaVerified: boolean, now: Date): LoginNext {
  const totpEnabled = user.totpEnabledAt !== null;
  if (totpEnabled && !mfaVerified) return 'verify_totp';
  if (user.mustChangePassword || isPasswordExpired(policy, user.passwordChangedAt, now)) return 'change_password';
  if (!totpEnabled && isTotpRequired(policy, user.adminClass)) return 'enrol_totp';
  return 'done';
}

export function isTotpRequired(policy: SecurityPolicy, adminClass: string | null): boolean {
  return adminClass !== null || policy.session.totpRequiredForAll;
}

export function idleSecondsFor(policy: SecurityPolicy, adminClass: string | null): number {
  return (adminClass ? policy.session.adminIdleMinutes : policy.session.userIdleMinutes) * 60;
}

/** Login, logout, password change and TOTP: everything that proves who a person is. */
export function createAuthService({ db, audit, crypto, secrets, clock, config }: PlatformDeps) {
  // Spent on unknown user names so that they take as long as wrong passwords.
  const dummyHash = hashPassword(crypto, 'dummy-password-for-timing', config.passwordIterations);

  const anonymous = (ctx: RequestContext, name: string | null): AuditSubject => ({
    userId: null,
    name: name ? name.slice(0, 64) : null,
    roleKeys: [],
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    sessionRef: null,
    requestId: ctx.requestId,
  } as unknown as AuditSubject);

  async function recordFailure(subject: AuditSubject, eventType: string, reason: string, orgId: string | null, objectId: string | null, risk: 'low' | 'medium' | 'high' = 'medium') {
    await db.transaction().execute((trx) =>
      audit.record(trx, subject, { eventType, action: 'login', objectType: 'user', objectId, orgId, result: 'failure', reason, riskLevel: risk }),
    );
  }

  function totpFor(secretBase32: string, label: string) {
    return new OTPAuth.TOTP({ issuer: 'yiwei 医维', label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });
  }

  /** Counts a failed password or code; locks the account when the policy's limit is reached. */
  async function countFailure(trx: Db, user: { id: string; failedLoginCount: number; orgId: string; username: string }, policy: SecurityPolicy, subject: AuditSubject, eventType: string, reason: string) {
    const failures = user.failedLoginCount + 1;
    const now = clock.now();
    const locks = failures >= policy.lockout.maxFailures;
    await trx
      .updateTable('users')
      .set({ failedLoginCount: failures, ...(locks ? { lockedUntil: new Date(now.getTime() + policy.lockout.lockMinutes * 60_000) } : {}) })
      .where('id', '=', user.id)
      .execute();
    await audit.record(trx, subject, { eventType, action: 'login', objectType: 'user', objectId: user.id, orgId: user.orgId, result: 'failure', reason, riskLevel: 'medium', detail: { failures } });
    if (locks) {
      await audit.record(trx, subject, {
        eventType: 'auth.lockout',
        action: 'lock',
        objectType: 'user',
        objectId: user.id,
        orgId: user.orgId,
        riskLevel: 'high',
        detail: { failures, lockMinutes: policy.lockout.lockMinutes },
      });
    }
    return locks;
  }

  return {
    /** Checks the password and opens a session that may still have to finish the login flow. */
    async login(input: { username: string; password: string }, ctx: RequestContext, previousRawSession?: string): Promise<NewSession & { next: LoginNext }> {
      const now = clock.now();
      const policy = await getSecurityPolicy(db);
      const user = await db.selectFrom('users').selectAll().where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase())).executeTakeFirst();
      if (!user) {
        await verifyPassword(crypto, input.password, await dummyHash);
        await recordFailure(anonymous(ctx, input.username), 'auth.login', 'unknown_user', null, null);
        throw new AppError('unauthenticated', 'auth.invalid_credentials', 'Wrong user name or password');
      }
      const subject: AuditSubject = { ...anonymous(ctx, user.username), userId: user.id };
      if (user.lockedUntil && user.lockedUntil > now) {
        await recordFailure(subject, 'auth.login', 'locked', user.orgId, user.id);
        throw new AppError('locked', 'auth.locked', 'The account is locked', { lockedUntil: user.lockedUntil.toISOString() });
      }
      const passwordOk = await verifyPassword(crypto, input.password, user.passwordHash);
      const inactive = user.status !== 'active' || (user.expiresAt !== null && user.expiresAt <= now);
      if (!passwordOk) {
        const locked = await db.transaction().execute((trx) => countFailure(trx, user, policy, subject, 'auth.login', 'wrong_password'));
        if (locked) throw new AppError('locked', 'auth.locked', 'The account is locked');
        throw new AppError('unauthenticated', 'auth.invalid_credentials', 'Wrong user name or password');
      }
      if (inactive) {
        await recordFailure(subject, 'auth.login', user.status !== 'active' ? 'disabled' : 'expired', user.orgId, user.id);
        throw new AppError('unauthenticated', 'auth.invalid_credentials', 'Wrong user name or password');
      }
      return db.transaction().execute(async (trx) => {
        // A session id offered before login is never reused (fixation); it is closed.
        if (previousRawSession) {
          await trx.updateTable('sessions').set({ revokedAt: now, revokeReason: 'relogin' }).where('id', '=', sessionKey(crypto, previousRawSession)).where('revokedAt', 'is', null).execute();
        }
        await trx.updateTable('users').set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now }).where('id', '=', user.id).execute();
        const session = await createSession(trx, crypto, {
          userId: user.id,
          mfaVerified: false,
          idleTimeoutSeconds: idleSecondsFor(policy, user.adminClass),
          absoluteHours: policy.session.absoluteHours,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
          now,
        });
        const { roleKeys } = await loadGrants(trx, user.id);
        await audit.record(trx, { ...subject, roleKeys, sessionRef: sessionRef(session.key) }, { eventType: 'auth.login', action: 'login', objectType: 'user', objectId: user.id, orgId: user.orgId });
        return { ...session, next: nextStep(policy, user, false, now) };
      });
    },

    async logout(rawSession: string, actorSubject: AuditSubject, reason = 'logout'): Promise<void> {
      const key = sessionKey(crypto, rawSession);
      await db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('sessions').set({ revokedAt: clock.now(), revokeReason: reason }).where('id', '=', key).where('revokedAt', 'is', null).executeTakeFirst();
        if (Number(r.numUpdatedRows) > 0) {
          await audit.record(trx, { ...actorSubject, sessionRef: sessionRef(key) }, { eventType: 'auth.logout', action: 'logout', objectType: 'user', objectId: actorSubject.userId });
        }
      });
    },

    /** Changes the caller's password; every session of the user ends and the caller gets a fresh one. */
    async changePassword(userId: string, currentRawSession: string, input: { currentPassword: string; newPassword: string }, ctx: RequestContext, subject: AuditSubject): Promise<NewSession & { next: LoginNext }> {
      const now = clock.now();
      const policy = await getSecurityPolicy(db);
      const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
      if (!(await verifyPassword(crypto, input.currentPassword, user.passwordHash))) {
        const locked = await db.transaction().execute((trx) => countFailure(trx, user, policy, subject, 'auth.password_change', 'wrong_current_password'));
        if (locked) {
          await revokeUserSessions(db, user.id, 'locked', now);
          throw new AppError('locked', 'auth.locked', 'The account is locked');
        }
        throw new AppError('invalid', 'password.wrong_current', 'The current password is wrong');
      }
      checkPasswordStrength(policy.password, input.newPassword, user.username, user.adminClass !== null);
      const history = await db.selectFrom('passwordHistory').select('passwordHash').where('userId', '=', userId).orderBy('createdAt', 'desc').limit(policy.password.historyCount).execute();
      for (const h of [user.passwordHash, ...history.map((r) => r.passwordHash)].slice(0, policy.password.historyCount)) {
        if (await verifyPassword(crypto, input.newPassword, h)) throw new AppError('invalid', 'password.reused', `Do not reuse the last ${policy.password.historyCount} passwords`);
      }
      const newHash = await hashPassword(crypto, input.newPassword, config.passwordIterations);
      const old = await db.selectFrom('sessions').select('mfaVerified').where('id', '=', sessionKey(crypto, currentRawSession)).executeTakeFirst();
      return db.transaction().execute(async (trx) => {
        await trx.insertInto('passwordHistory').values({ userId, passwordHash: user.passwordHash }).execute();
        await trx.updateTable('users').set({ passwordHash: newHash, passwordChangedAt: now, mustChangePassword: false, failedLoginCount: 0, updatedAt: now }).where('id', '=', userId).execute();
        await revokeUserSessions(trx, userId, 'password_change', now);
        const session = await createSession(trx, crypto, {
          userId,
          mfaVerified: old?.mfaVerified ?? false,
          idleTimeoutSeconds: idleSecondsFor(policy, user.adminClass),
          absoluteHours: policy.session.absoluteHours,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
          now,
        });
        await audit.record(trx, { ...subject, sessionRef: sessionRef(session.key) }, { eventType: 'auth.password_change', action: 'update', objectType: 'user', objectId: userId, orgId: user.orgId, riskLevel: 'medium' });
        const updated = { ...user, mustChangePassword: false, passwordChangedAt: now };
        return { ...session, next: nextStep(policy, updated, old?.mfaVerified ?? false, now) };
      });
    },

    /** Starts TOTP enrolment: a new secret is kept sealed until the first code confirms it. */
    async enrolTotp(userId: string, subject: AuditSubject) {
      const user = await db.selectFrom('users').select(['username', 'totpEnabledAt', 'orgId']).where('id', '=', userId).executeTakeFirstOrThrow();
      if (user.totpEnabledAt) throw new AppError('conflict', 'auth.totp_already_enrolled', 'An authenticator is already enrolled');
      const secret = new OTPAuth.Secret({ size: 20 }).base32;
      const totp = totpFor(secret, user.username);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ totpSecretSealed: secrets.seal(secret, TOTP_SECRET_CONTEXT), totpLastStep: null }).where('id', '=', userId).execute();
        await audit.record(trx, subject, { eventType: 'auth.totp_enrol_start', action: 'update', objectType: 'user', objectId: userId, orgId: user.orgId });
      });
      const otpauthUrl = totp.toString();
      const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return { secret, otpauthUrl, qrSvg };
    },

    /** Confirms enrolment with a first code, marks the session verified and returns one-time recovery codes. */
    async confirmTotp(userId: string, rawSession: string, code: string, subject: AuditSubject) {
      const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
      if (user.totpEnabledAt) throw new AppError('conflict', 'auth.totp_already_enrolled', 'An authenticator is already enrolled');
      if (!user.totpSecretSealed) throw new AppError('invalid', 'auth.totp_not_enrolled', 'Start the enrolment first');
      const step = this.checkCode(user.totpSecretSealed, user.username, code, null);
      if (step === null) {
        const policy = await getSecurityPolicy(db);
        await db.transaction().execute((trx) => countFailure(trx, user, policy, subject, 'auth.totp_enrol', 'wrong_code'));
        throw new AppError('invalid', 'auth.totp_invalid', 'Wrong one-time code');
      }
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
        const b = crypto.randomBytes(8);
        const s = Array.from(b, (x) => RECOVERY_ALPHABET[x % RECOVERY_ALPHABET.length]).join('');
        return `${s.slice(0, 4)}-${s.slice(4)}`;
      });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ totpEnabledAt: now, totpLastStep: step, failedLoginCount: 0, updatedAt: now }).where('id', '=', userId).execute();
        await trx.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
        await trx.insertInto('recoveryCodes').values(codes.map((c) => ({ userId, codeHash: crypto.sm3(`${userId}:${c}`).toString('hex') }))).execute();
        await trx.updateTable('sessions').set({ mfaVerified: true }).where('id', '=', sessionKey(crypto, rawSession)).execute();
        await audit.record(trx, subject, { eventType: 'auth.totp_enrol', action: 'update', objectType: 'user', objectId: userId, orgId: user.orgId, riskLevel: 'medium' });
      });
      return { recoveryCodes: codes };
    },

    /** Second factor at login: a TOTP code (each accepted once) or an unused recovery code. */
    async verifyTotp(userId: string, rawSession: string, code: string, subject: AuditSubject): Promise<LoginNext> {
      const now = clock.now();
      const policy = await getSecurityPolicy(db);
      const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
      if (!user.totpEnabledAt || !user.totpSecretSealed) throw new AppError('invalid', 'auth.totp_not_enrolled', 'No authenticator is enrolled');
      let step: number | null = null;
      let recoveryId: number | null = null;
      if (/^\d{6}$/.test(code)) {
        step = this.checkCode(user.totpSecretSealed, user.username, code, user.totpLastStep);
      } else {
        const hash = crypto.sm3(`${userId}:${code.toUpperCase()}`).toString('hex');
        const rc = await db.selectFrom('recoveryCodes').select('id').where('userId', '=', userId).where('codeHash', '=', hash).where('usedAt', 'is', null).executeTakeFirst();
        recoveryId = rc?.id ?? null;
      }
      if (step === null && recoveryId === null) {
        const locked = await db.transaction().execute((trx) => countFailure(trx, user, policy, subject, 'auth.totp_verify', 'wrong_code'));
        if (locked) {
          await revokeUserSessions(db, userId, 'locked', now);
          throw new AppError('locked', 'auth.locked', 'The account is locked');
        }
        throw new AppError('invalid', 'auth.totp_invalid', 'Wrong one-time code');
      }
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ failedLoginCount: 0, ...(step !== null ? { totpLastStep: step } : {}) }).where('id', '=', userId).execute();
        if (recoveryId !== null) await trx.updateTable('recoveryCodes').set({ usedAt: now }).where('id', '=', recoveryId).execute();
        await trx.updateTable('sessions').set({ mfaVerified: true }).where('id', '=', sessionKey(crypto, rawSession)).execute();
        await audit.record(trx, subject, {
          eventType: 'auth.totp_verify',
          action: 'login',
          objectType: 'user',
          objectId: userId,
          orgId: user.orgId,
          detail: recoveryId !== null ? { method: 'recovery_code' } : { method: 'totp' },
          riskLevel: recoveryId !== null ? 'medium' : 'low',
        });
      });
      return nextStep(policy, user, true, now);
    },

    /** The accepted time step of a code, or null; a step at or before `lastStep` is a replay. */
    checkCode(sealed: string, username: string, code: string, lastStep: number | null): number | null {
      const secret = secrets.open(sealed, TOTP_SECRET_CONTEXT);
      const now = clock.now().getTime();
      const delta = totpFor(secret, username).validate({ token: code, timestamp: now, window: 1 });
      if (delta === null) return null;
      const step = Math.floor(now / 30_000) + delta;
      return lastStep !== null && step <= lastStep ? null : step;
    },

    subjectOf,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

/** Resolves a raw session id to the session and, once the login flow is done, to an Actor. */
export function createSessionResolver({ db, crypto, clock, audit }: Pick<PlatformDeps, 'db' | 'crypto' | 'clock' | 'audit'>) {
  // When this process last wrote last_seen_at per session: concurrent requests of one session must not
  // all queue on that row's lock (500 parallel requests did exactly that before this memo).
  const touched = new Map<string, number>();
  return async function resolve(rawId: string, ctx: RequestContext) {
    const key = sessionKey(crypto, rawId);
    const now = clock.now();
    const row = await db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.userId')
      .select([
        's.id', 's.userId', 's.csrfToken', 's.createdAt', 's.lastSeenAt', 's.expiresAt', 's.idleTimeoutSeconds', 's.mfaVerified', 's.revokedAt',
        'u.username', 'u.displayName', 'u.status', 'u.adminClass', 'u.mustChangePassword', 'u.passwordChangedAt', 'u.totpEnabledAt', 'u.expiresAt as userExpiresAt', 'u.orgId',
      ])
      .where('s.id', '=', key)
      .executeTakeFirst();
    if (!row || row.revokedAt) return null;
    const idleExpired = now.getTime() - row.lastSeenAt.getTime() > row.idleTimeoutSeconds * 1000;
    const userGone = row.status !== 'active' || (row.userExpiresAt !== null && row.userExpiresAt <= now);
    if (idleExpired || row.expiresAt <= now || userGone) {
      const reason = idleExpired ? 'idle_timeout' : row.expiresAt <= now ? 'absolute_timeout' : 'user_inactive';
      await db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('sessions').set({ revokedAt: now, revokeReason: reason }).where('id', '=', key).where('revokedAt', 'is', null).executeTakeFirst();
        if (Number(r.numUpdatedRows) > 0) {
          await audit.record(trx, { userId: row.userId, name: row.username, roleKeys: [], ip: ctx.ip, userAgent: ctx.userAgent, sessionRef: sessionRef(key), requestId: ctx.requestId }, {
            eventType: 'auth.timeout',
            action: 'logout',
            objectType: 'user',
            objectId: row.userId,
            orgId: row.orgId,
            reason,
          });
        }
      });
      throw unauthenticated('auth.session_expired', 'The session has expired');
    }
    // Writing last_seen_at on every request would turn reads into writes; ten seconds of slack in an idle
    // timeout of minutes is harmless.
    const t = now.getTime();
    if (t - row.lastSeenAt.getTime() > 10_000 && t - (touched.get(key) ?? 0) > 10_000) {
      touched.set(key, t);
      if (touched.size > 100_000) touched.clear();
      await db.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', key).where('lastSeenAt', '<', now).execute();
    }
    return row;
  };
}

/** Builds the Actor of a user from their grants. */
export async function actorForUser(
  db: Db,
  user: { id: string; username: string; displayName: string; adminClass: string | null },
  ctx: RequestContext & { sessionRef: string | null; tokenId?: string | null },
  grantsOf: typeof loadGrants = loadGrants,
): Promise<Actor> {
  const { grants, roleKeys } = await grantsOf(db, user.id);
  return {
    kind: 'user',
    userId: user.id,
    name: user.username,
    adminClass: user.adminClass,
    roleKeys,
    grants,
    sessionRef: ctx.sessionRef,
    tokenId: ctx.tokenId ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
  };
}
