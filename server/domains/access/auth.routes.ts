import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { z } from 'zod';
import { LoginInput, LoginNext, LoginResult, Me, PasswordChangeInput, PasswordPolicy, RecoveryCodes, TotpConfirmInput, TotpEnrolment, TotpVerifyInput } from '../../../shared/schemas/access.ts';
import { defineRoutes, type AppEnv } from '../../platform/api.ts';
import type { AuditSubject } from '../../platform/audit.ts';
import type { Config } from '../../platform/config.ts';
import { unauthenticated } from '../../platform/errors.ts';
import type { AuthService } from './auth.service.ts';
import type { MeService } from './me.service.ts';
import { SESSION_COOKIE, type NewSession } from './sessions.ts';

const Next = z.object({ next: LoginNext });

export function requestContext(c: Context<AppEnv>) {
  return { ip: c.var.ip, userAgent: c.req.header('user-agent') ?? null, requestId: c.var.requestId };
}

/** The login flow and the caller's own account. */
export function authRoutes(auth: AuthService, me: MeService, config: Config) {
  const setSession = (c: Context<AppEnv>, s: NewSession) =>
    setCookie(c, SESSION_COOKIE, s.rawId, { httpOnly: true, sameSite: 'Strict', secure: config.secureCookies, path: '/', expires: s.expiresAt });

  const rawSession = (c: Context<AppEnv>) => {
    const raw = getCookie(c, SESSION_COOKIE);
    if (!raw || !c.var.session) throw unauthenticated();
    return raw;
  };

  const flowSubject = async (c: Context<AppEnv>): Promise<AuditSubject> => me.subject(c.var.session!, requestContext(c));

  return defineRoutes('auth')
    .post('/auth/login', { summary: 'Log in with user name and password; starts the login flow', auth: 'public', body: LoginInput, response: LoginResult, tenancy: { none: 'authentication' }, example: { username: 'sysadmin', password: '…' } }, async ({ c, body }) => {
      const s = await auth.login(body, requestContext(c), getCookie(c, SESSION_COOKIE));
      setSession(c, s);
      return { next: s.next, csrfToken: s.csrfToken };
    })
    .post('/auth/logout', { summary: 'End the session', auth: 'login-flow', sessionOnly: true, status: 204, tenancy: { none: 'own session' } }, async ({ c }) => {
      const raw = getCookie(c, SESSION_COOKIE);
      if (raw && c.var.session) await auth.logout(raw, await flowSubject(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return null;
    })
    .get('/auth/me', { summary: 'The logged-in user, their grants and the next login step', auth: 'login-flow', sessionOnly: true, response: Me, tenancy: { none: 'own account' } }, async ({ c }) => me.me(c.var.session!))
    .get('/auth/password-policy', { summary: 'Password rules, for the change-password form', auth: 'login-flow', sessionOnly: true, response: PasswordPolicy, tenancy: { none: 'platform policy' } }, async () => me.passwordPolicy())
    .post('/auth/password', { summary: 'Change your own password; all your sessions end and this one is renewed (new cookie and CSRF token)', auth: 'login-flow', sessionOnly: true, body: PasswordChangeInput, response: LoginResult, tenancy: { none: 'own account' }, example: { currentPassword: '…', newPassword: '…' } }, async ({ c, body }) => {
      const s = await auth.changePassword(c.var.session!.userId, rawSession(c), body, requestContext(c), await flowSubject(c));
      setSession(c, s);
      c.header('X-CSRF-Token', s.csrfToken);
      return { next: s.next, csrfToken: s.csrfToken };
    })
    .post('/auth/totp/enrol', { summary: 'Start TOTP enrolment: returns the secret and a QR code', auth: 'login-flow', sessionOnly: true, response: TotpEnrolment, tenancy: { none: 'own account' } }, async ({ c }) => {
      rawSession(c);
      await me.assertCanEnrol(c.var.session!);
      return auth.enrolTotp(c.var.session!.userId, await flowSubject(c));
    })
    .post('/auth/totp/confirm', { summary: 'Confirm TOTP enrolment with a first code; returns recovery codes once', auth: 'login-flow', sessionOnly: true, body: TotpConfirmInput, response: RecoveryCodes, tenancy: { none: 'own account' }, example: { code: '123456' } }, async ({ c, body }) => {
      await me.assertCanEnrol(c.var.session!);
      return auth.confirmTotp(c.var.session!.userId, rawSession(c), body.code, await flowSubject(c));
    })
    .post('/auth/totp/verify', { summary: 'Second factor at login: a TOTP code or a recovery code', auth: 'login-flow', sessionOnly: true, body: TotpVerifyInput, response: Next, tenancy: { none: 'own account' }, example: { code: '123456' } }, async ({ c, body }) => ({
      next: await auth.verifyTotp(c.var.session!.userId, rawSession(c), body.code, await flowSubject(c)),
    }));
}
