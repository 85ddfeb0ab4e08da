import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Page } from '../../../shared/schemas/common.ts';
import { User } from '../../../shared/schemas/access.ts';
import { client, createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';

let app: TestApp;
let root: string;
let sys: Client;
let sec: Client;

beforeAll(async () => {
  app = await createTestApp();
  root = (await makeOrg(app)).id;
  sys = await signedIn(app, await makeUser(app, root, ['sysadmin']));
  sec = await signedIn(app, await makeUser(app, root, ['secadmin']));
});
afterAll(() => app.close());

describe('users', () => {
  it('creates an account whose initial password works once and must be changed', async () => {
    const res = await sys.post('/users', { orgId: root, username: 'Zhao.Liu', displayName: '赵六', phone: '13712345678', email: 'zl@example.cn' });
    expect(res.status).toBe(201);
    const user = User.parse(res.body.user);
    expect(user.phone).toBe('137****5678');
    expect(res.text).not.toContain('13712345678');
    const c = client(app);
    const login = await c.post('/auth/login', { username: 'zhao.liu', password: res.body.initialPassword });
    expect(login.body.next).toBe('change_password');
    // User names are unique regardless of case.
    expect((await sys.post('/users', { orgId: root, username: 'ZHAO.LIU', displayName: 'x' })).body.error.code).toBe('user.username_taken');
  });

  it('pages, searches and filters by organisation subtree', async () => {
    const h = await makeOrg(app, { parentId: root });
    const dept = await makeOrg(app, { parentId: h.id, kind: 'department' });
    for (let i = 0; i < 3; i++) await makeUser(app, dept.id, ['viewer'], { username: `pager${i}` });
    const page = await sys.get(`/users?orgId=${h.id}&pageSize=2`);
    const parsed = Page(User).parse(page.body);
    expect(parsed.total).toBe(3);
    expect(parsed.items.map((u) => u.username)).toEqual(['pager0', 'pager1']);
    expect((await sys.get(`/users?orgId=${h.id}&subtree=false`)).body.total).toBe(0);
    expect((await sys.get('/users?q=pager2')).body.items.map((u: { username: string }) => u.username)).toEqual(['pager2']);
    expect((await sys.get('/users?pageSize=100000')).status).toBe(400);
  });

  it('disabling ends the sessions, and a disabled account cannot log in', async () => {
    const u = await makeUser(app, root, ['viewer']);
    const c = await signedIn(app, u);
    expect((await sys.post(`/users/${u.id}/disable`)).body.status).toBe('disabled');
    expect((await c.get('/auth/me')).status).toBe(401);
    expect((await client(app).post('/auth/login', { username: u.username, password: 'Test-Passw0rd!x' })).body.error.code).toBe('auth.invalid_credentials');
    expect((await sys.post(`/users/${u.id}/enable`)).body.status).toBe('active');
  });

  it('a reset password is shown once, ends sessions and must be changed', async () => {
    const u = await makeUser(app, root, ['viewer']);
    const c = await signedIn(app, u);
    const reset = await sec.post(`/users/${u.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body.user.mustChangePassword).toBe(true);
    expect((await c.get('/auth/me')).status).toBe(401);
    expect((await client(app).post('/auth/login', { username: u.username, password: reset.body.initialPassword })).body.next).toBe('change_password');
  });

  it('deleting overwrites credentials, and nobody deletes themselves', async () => {
    const u = await makeUser(app, root, ['viewer']);
    expect((await sys.delete(`/users/${u.id}`)).status).toBe(204);
    expect((await sys.get(`/users/${u.id}`)).status).toBe(404);
    const me = (await sys.get('/auth/me')).body;
    expect((await sys.delete(`/users/${me.id}`)).body.error.code).toBe('user.self');
  });
});
