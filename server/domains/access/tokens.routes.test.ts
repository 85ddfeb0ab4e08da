import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenCreated } from '../../../shared/schemas/access.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';

let app: TestApp;
let root: string;
let hospitalA: string;
let hospitalB: string;
let sys: Client;

beforeAll(async () => {
  app = await createTestApp();
  root = (await makeOrg(app)).id;
  hospitalA = (await makeOrg(app, { parentId: root })).id;
  hospitalB = (await makeOrg(app, { parentId: root })).id;
  sys = await signedIn(app, await makeUser(app, root, ['sysadmin']));
});
afterAll(() => app.close());

async function bearer(secret: string, path: string, init: RequestInit = {}) {
  const res = await app.http.request(`http://localhost/api${path}`, { ...init, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  return { status: res.status, body: await res.json().catch(() => null) };
}

describe('API tokens', () => {
  it('are shown once, stored as a hash, scoped to organisations and permissions, and audited', async () => {
    const created = await sys.post('/api-tokens', { orgId: hospitalA, name: 'HIS 集成', permissions: ['org.read'], orgIds: [hospitalA] });
    expect(created.status).toBe(201);
    const { token, secret } = ApiTokenCreated.parse(created.body);
    expect(secret).toMatch(/^yw_/);
    const row = await app.platform.db.selectFrom('apiTokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(row.tokenHash).not.toContain(secret);
    expect(row.tokenHash).toBe(app.platform.crypto.sm3(secret).toString('hex'));
    expect(JSON.stringify((await sys.get('/api-tokens')).body)).not.toContain(secret);

    const orgs = await bearer(secret, '/organisations');
    expect(orgs.status).toBe(200);
    expect(orgs.body.items.map((o: { id: string }) => o.id)).toEqual([hospitalA]);
    expect((await bearer(secret, `/organisations/${hospitalB}`)).status).toBe(404);
    expect((await bearer(secret, '/users')).status).toBe(403);
    // Tokens write without CSRF (no cookie), but only within their permissions.
    expect((await bearer(secret, '/organisations', { method: 'POST', body: JSON.stringify({ parentId: hospitalA, kind: 'department', code: 'TOK-1', name: 'x' }) })).status).toBe(403);
    // A token cannot act as a browser session.
    expect((await bearer(secret, '/auth/me')).status).toBe(401);

    const event = await app.platform.db.selectFrom('auditEvents').selectAll().where('eventType', '=', 'api_token.create').where('objectId', '=', token.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(event.detail)).not.toContain(secret);
  });

  it('stop working when revoked or expired', async () => {
    const { body } = await sys.post('/api-tokens', { orgId: hospitalA, name: 'short', permissions: ['org.read'], orgIds: [hospitalA], expiresAt: new Date(app.clock.now().getTime() + 3_600_000).toISOString() });
    expect((await bearer(body.secret, '/organisations')).status).toBe(200);
    app.clock.advance(2 * 3_600_000);
    expect((await bearer(body.secret, '/organisations')).status).toBe(401);
    // Two idle hours also ended the administrator's browser session.
    expect((await sys.get('/api-tokens')).status).toBe(401);
    sys = await signedIn(app, await makeUser(app, root, ['sysadmin']));

    const other = (await sys.post('/api-tokens', { orgId: hospitalA, name: 'revoked', permissions: ['org.read'], orgIds: [hospitalA] })).body;
    expect((await sys.post(`/api-tokens/${other.token.id}/revoke`)).status).toBe(200);
    const res = await bearer(other.secret, '/organisations');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('auth.invalid_token');
  });

  it('cannot carry permissions or organisations the creator lacks', async () => {
    const local = await signedIn(app, await makeUser(app, hospitalA, ['sysadmin']));
    expect((await local.post('/api-tokens', { orgId: hospitalA, name: 'x', permissions: ['audit.read'], orgIds: [hospitalA] })).status).toBe(403);
    expect((await local.post('/api-tokens', { orgId: hospitalA, name: 'x', permissions: ['org.read'], orgIds: [hospitalB] })).status).toBe(404);
  });
});
