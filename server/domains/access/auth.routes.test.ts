import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Me } from '../../../shared/schemas/access.ts';
import { client, createTestApp, makeOrg, makeUser, signedIn, totpCode, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts';

let app: TestApp;
let orgId: string;

beforeAll(async () => {
  app = await createTestApp();
  orgId = (await makeOrg(app)).id;
});
afterAll(() => app.close());

async function lastEvent(eventType: string) {
  return app.platform.db.selectFrom('auditEvents').selectAll().where('eventType', '=', eventType).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

describe('login flow', () => {
  it('walks an admin through password change and TOTP enrolment before anything else works', async () => {
    const user = await makeUser(app, orgId, ['sysadmin'], { mustChangePassword: true, totp: false });
    const c = client(app);
    const login = await c.post('/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.next).toBe('change_password');
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(login.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);

    // Half-logged-in sessions can do nothing but finish the flow.
    expect((await c.get('/users')).status).toBe(403);
    const me = await c.get('/auth/me');
    expect(Me.parse(me.body).permissions).toEqual([]);

    const cookieBefore = c.cookie;
    const changed = await c.post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'New-Secure-Pass9' });
    expect(changed.status).toBe(200);
    expect(changed.body.next).toBe('enrol_totp');
    expect(c.cookie).not.toBe(cookieBefore);

    const enrol = await c.post('/auth/totp/enrol');
    expect(enrol.status).toBe(200);
    expect(enrol.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(enrol.body.qrSvg).toContain('<svg');
    expect((await c.post('/auth/totp/confirm', { code: '000000' })).status).toBe(400);
    const confirm = await c.post('/auth/totp/confirm', { code: totpCode(app, enrol.body.secret) });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);

    const done = Me.parse((await c.get('/auth/me')).body);
    expect(done.next).toBe('done');
    expect(done.permissions).toContain('user.manage');
    expect((await c.get('/users')).status).toBe(200);

    // The secret is stored sealed, never in clear.
    const row = await app.platform.db.selectFrom('users').select('totpSecretSealed').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.totpSecretSealed).toMatch(/^sm4gcm:v1:/);
    expect(row.totpSecretSealed).not.toContain(enrol.body.secret);

    // Next login: the second factor is asked for, a code works once, a recovery code works once.
    app.clock.advance(60_000);
    const c2 = client(app);
    expect((await c2.post('/auth/login', { username: user.username, password: 'New-Secure-Pass9' })).body.next).toBe('verify_totp');
    expect((await c2.get('/users')).status).toBe(403);
    const code = totpCode(app, enrol.body.secret);
    expect((await c2.post('/auth/totp/verify', { code })).body.next).toBe('done');
    const c3 = client(app);
    await c3.post('/auth/login', { username: user.username, password: 'New-Secure-Pass9' });
    expect((await c3.post('/auth/totp/verify', { code })).status).toBe(400); // replayed code
    const recovery = confirm.body.recoveryCodes[0];
    expect((await c3.post('/auth/totp/verify', { code: recovery })).body.next).toBe('done');
    const c4 = client(app);
    await c4.post('/auth/login', { username: user.username, password: 'New-Secure-Pass9' });
    expect((await c4.post('/auth/totp/verify', { code: recovery })).status).toBe(400);
  });

  it('gives the same answer for an unknown user and a wrong password, and audits both', async () => {
    const user = await makeUser(app, orgId, ['viewer']);
    const unknown = await client(app).post('/auth/login', { username: 'nobody-here', password: 'x' });
    const wrong = await client(app).post('/auth/login', { username: user.username, password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body.error.code).toBe('auth.invalid_credentials');
    expect((await lastEvent('auth.login'))).toMatchObject({ result: 'failure', reason: 'wrong_password', actorName: user.username });
    const zh = await client(app, { locale: 'zh-CN' }).post('/auth/login', { username: 'nobody-here', password: 'x' });
    expect(zh.body.error.message).toBe('用户名或密码错误');
    expect((await lastEvent('auth.login'))).toMatchObject({ result: 'failure', reason: 'unknown_user', actorName: 'nobody-here', actorId: null });
  });

  it('locks the account after 5 failures for 30 minutes, and the security admin can unlock it', async () => {
    const user = await makeUser(app, orgId, ['viewer']);
    for (let i = 0; i < 4; i++) expect((await client(app).post('/auth/login', { username: user.username, password: 'bad' })).status).toBe(401);
    expect((await client(app).post('/auth/login', { username: user.username, password: 'bad' })).status).toBe(423);
    // Even the right password is refused while locked.
    const locked = await client(app).post('/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('auth.locked');
    expect(await lastEvent('auth.lockout')).toMatchObject({ objectId: user.id, riskLevel: 'high' });

    app.clock.advance(29 * 60_000);
    expect((await client(app).post('/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(423);
    const sec = await makeUser(app, orgId, ['secadmin']);
    const unlock = await (await signedIn(app, sec)).post(`/users/${user.id}/unlock`);
    expect(unlock.status).toBe(200);
    expect(unlock.body.isLocked).toBe(false);
    expect((await client(app).post('/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('unlocks by itself after the lock period', async () => {
    const user = await makeUser(app, orgId, ['viewer']);
    for (let i = 0; i < 5; i++) await client(app).post('/auth/login', { username: user.username, password: 'bad' });
    app.clock.advance(31 * 60_000);
    expect((await client(app).post('/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('rate-limits logins per IP', async () => {
    const limited = await createTestApp({ YIWEI_LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await client(limited).post('/auth/login', { username: 'x', password: 'y' })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('issues a new session id at login and closes the one the browser brought', async () => {
    const user = await makeUser(app, orgId, ['viewer']);
    const c = client(app);
    await c.post('/auth/login', { username: user.username, password: TEST_PASSWORD });
    const first = c.cookie;
    await c.post('/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(c.cookie).not.toBe(first);
    expect((await client(app, { cookie: first }).get('/auth/me')).status).toBe(401);
  });
});

describe('sessions', () => {
  it('expire after the idle timeout (15 min for admins, 30 min for others) and are audited', async () => {
    const viewer = await makeUser(app, orgId, ['viewer']);
    const c = client(app);
    expect((await c.post('/auth/login', { username: viewer.username, password: TEST_PASSWORD })).body.next).toBe('done');
    app.clock.advance(20 * 60_000);
    expect((await c.get('/auth/me')).status).toBe(200);
    app.clock.advance(31 * 60_000);
    const expired = await c.get('/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('auth.session_expired');
    expect(await lastEvent('auth.timeout')).toMatchObject({ objectId: viewer.id, reason: 'idle_timeout' });

    const admin = await makeUser(app, orgId, ['auditadmin']);
    const s = await signedIn(app, admin);
    // signedIn uses 30 min; a real admin login gets 15 min from the policy.
    const row = await app.platform.db.selectFrom('sessions').select('idleTimeoutSeconds').where('userId', '=', viewer.id).executeTakeFirstOrThrow();
    expect(row.idleTimeoutSeconds).toBe(1800);
    expect((await s.get('/auth/me')).status).toBe(200);
  });

  it('give admins a 15-minute idle timeout', async () => {
    const admin = await makeUser(app, orgId, ['auditadmin']);
    await client(app).post('/auth/login', { username: admin.username, password: TEST_PASSWORD });
    const row = await app.platform.db.selectFrom('sessions').select('idleTimeoutSeconds').where('userId', '=', admin.id).executeTakeFirstOrThrow();
    expect(row.idleTimeoutSeconds).toBe(900);
  });

  it('end after 12 hours however active', async () => {
    const viewer = await makeUser(app, orgId, ['viewer']);
    const c = client(app);
    await c.post('/auth/login', { username: viewer.username, password: TEST_PASSWORD });
    for (let i = 0; i < 26; i++) {
      app.clock.advance(29 * 60_000);
      await c.get('/auth/me');
    }
    expect((await c.get('/auth/me')).status).toBe(401);
  });

  it('refuse writes without the CSRF token', async () => {
    const sys = await makeUser(app, orgId, ['sysadmin']);
    const c = await signedIn(app, sys);
    const csrf = c.csrf;
    c.setCsrf('');
    const res = await c.post('/organisations', { parentId: orgId, kind: 'institution', code: 'CSRF-1', name: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('auth.csrf');
    c.setCsrf(csrf);
    expect((await c.post('/organisations', { parentId: orgId, kind: 'institution', code: 'CSRF-1', name: 'x' })).status).toBe(201);
  });

  it('are all revoked when the password changes', async () => {
    const viewer = await makeUser(app, orgId, ['viewer']);
    const a = client(app);
    const b = client(app);
    await a.post('/auth/login', { username: viewer.username, password: TEST_PASSWORD });
    await b.post('/auth/login', { username: viewer.username, password: TEST_PASSWORD });
    expect((await a.post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Another-Pass-77' })).status).toBe(200);
    expect((await a.get('/auth/me')).status).toBe(200);
    expect((await b.get('/auth/me')).status).toBe(401);
  });

  it('logout ends the session and is audited', async () => {
    const viewer = await makeUser(app, orgId, ['viewer']);
    const c = client(app);
    await c.post('/auth/login', { username: viewer.username, password: TEST_PASSWORD });
    const cookie = c.cookie;
    expect((await c.post('/auth/logout')).status).toBe(204);
    expect((await client(app, { cookie }).get('/auth/me')).status).toBe(401);
    expect(await lastEvent('auth.logout')).toMatchObject({ actorId: viewer.id });
  });
});

describe('password policy', () => {
  it.each([
    ['Sh0rt!', 'password.too_short'],
    ['alllowercase1', 'password.too_simple'],
    ['P@ssw0rd', 'password.weak'],
  ])('rejects %s with %s', async (pw, code) => {
    const viewer = await makeUser(app, orgId, ['viewer']);
    const c = await signedIn(app, viewer);
    const res = await c.post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword: pw });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });

  it('rejects a password containing the user name, and the last 5 passwords', async () => {
    const viewer = await makeUser(app, orgId, ['viewer'], { username: 'wangwu' });
    const c = await signedIn(app, viewer);
    expect((await c.post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Xx-WangWu-2026' })).body.error.code).toBe('password.contains_username');
    let current = TEST_PASSWORD;
    for (const next of ['Hist-Pass-001', 'Hist-Pass-002', 'Hist-Pass-003']) {
      expect((await c.post('/auth/password', { currentPassword: current, newPassword: next })).status).toBe(200);
      current = next;
    }
    expect((await c.post('/auth/password', { currentPassword: current, newPassword: TEST_PASSWORD })).body.error.code).toBe('password.reused');
  });

  it('asks admins for at least 10 characters', async () => {
    const admin = await makeUser(app, orgId, ['secadmin']);
    const c = await signedIn(app, admin);
    expect((await c.post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Adm1n-Pw!' })).body.error.code).toBe('password.too_short');
  });

  it('forces a change once the password is older than 90 days', async () => {
    const viewer = await makeUser(app, orgId, ['viewer']);
    app.clock.advance(91 * 86_400_000);
    const c = client(app);
    expect((await c.post('/auth/login', { username: viewer.username, password: TEST_PASSWORD })).body.next).toBe('change_password');
  });

  it('stores passwords as PBKDF2-HMAC-SM3 with a per-user salt', async () => {
    const a = await makeUser(app, orgId, ['viewer']);
    const b = await makeUser(app, orgId, ['viewer']);
    expect(a.passwordHash).toMatch(/^pbkdf2-sm3\$/);
    expect(a.passwordHash.split('$')[2]).not.toBe(b.passwordHash.split('$')[2]);
  });
});
