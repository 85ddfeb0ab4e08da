import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';

/** 三权分立: each admin does its own job only, enforced by the API. */
let app: TestApp;
let orgId: string;
let sys: Client;
let sec: Client;
let aud: Client;
let roleIds: Record<string, string>;

beforeAll(async () => {
  app = await createTestApp();
  orgId = (await makeOrg(app)).id;
  sys = await signedIn(app, await makeUser(app, orgId, ['sysadmin']));
  sec = await signedIn(app, await makeUser(app, orgId, ['secadmin']));
  aud = await signedIn(app, await makeUser(app, orgId, ['auditadmin']));
  roleIds = Object.fromEntries((await app.platform.db.selectFrom('roles').select(['id', 'key']).execute()).map((r) => [r.key, r.id]));
});
afterAll(() => app.close());

describe('separation of duties', () => {
  it('lets only the system administrator create accounts', async () => {
    const body = { orgId, username: 'newbie', displayName: '新人' };
    expect((await sec.post('/users', body)).status).toBe(403);
    expect((await aud.post('/users', body)).status).toBe(403);
    const created = await sys.post('/users', body);
    expect(created.status).toBe(201);
    expect(created.body.initialPassword).toMatch(/.{14}/);
    expect(created.body.user.mustChangePassword).toBe(true);
  });

  it('lets only the security administrator grant roles, change policy, reset credentials and unlock', async () => {
    const target = await makeUser(app, orgId, []);
    const grant = { roleId: roleIds.engineer, orgId };
    expect((await sys.post(`/users/${target.id}/grants`, grant)).status).toBe(403);
    expect((await aud.post(`/users/${target.id}/grants`, grant)).status).toBe(403);
    expect((await sec.post(`/users/${target.id}/grants`, grant)).status).toBe(201);
    for (const c of [sys, aud]) {
      expect((await c.put('/security-policy', { lockout: { maxFailures: 3, lockMinutes: 60 } })).status).toBe(403);
      expect((await c.post(`/users/${target.id}/reset-password`)).status).toBe(403);
      expect((await c.post(`/users/${target.id}/unlock`)).status).toBe(403);
    }
    const policy = await sec.put('/security-policy', { lockout: { maxFailures: 3, lockMinutes: 60 } });
    expect(policy.status).toBe(200);
    expect(policy.body.lockout).toEqual({ maxFailures: 3, lockMinutes: 60 });
    await sec.put('/security-policy', { lockout: { maxFailures: 5, lockMinutes: 30 } });
  });

  it('keeps the audit log to the audit administrator', async () => {
    expect((await sys.get('/audit-events')).status).toBe(403);
    expect((await sec.get('/audit-events')).status).toBe(403);
    expect((await sys.post('/audit-events/verify')).status).toBe(403);
    expect((await aud.get('/audit-events')).status).toBe(200);
    // ...who in turn cannot change anything else.
    expect((await aud.post('/organisations', { parentId: orgId, kind: 'institution', code: 'AUD-1', name: 'x' })).status).toBe(403);
    expect((await aud.put('/audit-policy', { retentionDays: 100 })).status).toBe(400); // never below 180 days
    expect((await aud.put('/audit-policy', { retentionDays: 365 })).status).toBe(200);
    expect((await sys.put('/audit-policy', { retentionDays: 365 })).status).toBe(403);
  });

  it('never lets one account hold two of the three admin roles', async () => {
    const target = await makeUser(app, orgId, ['sysadmin']);
    const res = await sec.post(`/users/${target.id}/grants`, { roleId: roleIds.auditadmin, orgId });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('role.admin_exclusive');
    expect((await sec.post(`/users/${target.id}/grants`, { roleId: roleIds.secadmin, orgId })).status).toBe(409);
    const grants = await app.platform.db.selectFrom('roleGrants').select('roleId').where('userId', '=', target.id).execute();
    expect(grants.map((g) => g.roleId)).toEqual([roleIds.sysadmin]);
  });

  it('does not let anyone grant roles to themselves', async () => {
    const me = (await sec.get('/auth/me')).body;
    const res = await sec.post(`/users/${me.id}/grants`, { roleId: roleIds.ops_manager, orgId });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('user.self');
  });

  it('keeps admin permissions out of custom roles', async () => {
    const res = await sec.post('/roles', { key: 'sneaky', name: '偷偷', nameEn: 'Sneaky', permissions: ['org.read', 'audit.read'] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('role.admin_permission');
    expect((await sec.post('/roles', { key: 'duty', name: '值班', nameEn: 'Duty', permissions: ['org.read', 'calendar.read'] })).status).toBe(201);
    expect((await sys.post('/roles', { key: 'duty2', name: '值班2', nameEn: 'Duty2', permissions: ['org.read'] })).status).toBe(403);
  });

  it('revokes the sessions of a user whose roles change', async () => {
    const target = await makeUser(app, orgId, ['viewer']);
    const c = await signedIn(app, target);
    expect((await c.get('/auth/me')).status).toBe(200);
    expect((await sec.post(`/users/${target.id}/grants`, { roleId: roleIds.engineer, orgId })).status).toBe(201);
    expect((await c.get('/auth/me')).status).toBe(401);
  });

  it('audits refused attempts (越权)', async () => {
    await sys.get('/audit-events');
    const denied = await app.platform.db.selectFrom('auditEvents').selectAll().where('eventType', '=', 'access.denied').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(denied).toMatchObject({ result: 'failure', objectId: '/api/audit-events' });
    expect(denied.actorRoles).toEqual(['sysadmin']);
  });
});
