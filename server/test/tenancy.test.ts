import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, PERMISSIONS, type Permission } from '../../shared/permissions.ts';
import type { RouteSpec } from '../platform/api.ts';
import { tenancyFixtures } from './tenancy-fixtures.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from './test-app.ts';

/**
 * The tenancy harness: walks every registered API route. Objects of an organisation outside the
 * caller's grants must be invisible (404) and unchanged; lists must not mention them. Routes added by
 * later issues are checked automatically, and a route whose resource has no fixture fails here.
 */
let app: TestApp;
let clients: Map<string, Client>;
const foreign = new Map<string, string>(); // resource → id of an object in org B

beforeAll(async () => {
  app = await createTestApp();
  const root = await makeOrg(app);
  const orgA = await makeOrg(app, { parentId: root.id, kind: 'institution' });
  const orgB = await makeOrg(app, { parentId: root.id, kind: 'institution' });
  clients = new Map();
  // One client per role, each granted on organisation A only.
  for (const role of BUILTIN_ROLES) clients.set(role.key, await signedIn(app, await makeUser(app, orgA.id, [role.key])));
  for (const [resource, fixture] of Object.entries(tenancyFixtures)) foreign.set(resource, await fixture.create(app, orgB.id));
  foreign.set('organisation:B', orgB.id);
});
afterAll(() => app.close());

function clientFor(permission: Permission | undefined): Client {
  const role = permission ? BUILTIN_ROLES.find((r) => (r.permissions as string[]).includes(permission)) : BUILTIN_ROLES[0];
  if (!role) throw new Error(`no built-in role holds ${permission}`);
  return clients.get(role.key)!;
}

function fillPath(path: string, idParam: string, id: string) {
  return path
    .replace(`:${idParam}`, id)
    .replace(/:date\b/, '2026-01-01')
    .replace(/:[A-Za-z]+/g, () => globalThis.crypto.randomUUID());
}

const routes = () => app.groups.flatMap((g) => g.specs);

// Query parameters some routes require: a year, a period, a business-time start.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PERIOD_QUERY = 'year=2026&start=2026-01-05T08:00:00%2B08:00&minutes=60&from=2026-01-01T00:00:00%2B08:00&to=2026-02-01T00:00:00%2B08:00';

describe('tenancy harness', () => {
  it('every route declares its tenancy, and every declared resource has a fixture', () => {
    for (const spec of routes()) {
      const t = spec.tenancy;
      if ('none' in t) expect(t.none.length, `${spec.method} ${spec.path}`).toBeGreaterThan(3);
      const resource = 'object' in t ? t.object : 'list' in t ? t.list : null;
      if (resource) expect(tenancyFixtures[resource], `${spec.method} ${spec.path}: no tenancy fixture for '${resource}'`).toBeDefined();
      if (spec.permission) expect(PERMISSIONS[spec.permission]).toBeDefined();
    }
  });

  it('answers 404 and changes nothing for another organisation\'s object, on every object route', async () => {
    const checked: string[] = [];
    for (const spec of routes().filter((s): s is RouteSpec & { tenancy: { object: string; param?: string } } => 'object' in s.tenancy)) {
      const id = foreign.get(spec.tenancy.object)!;
      const before = await tenancyFixtures[spec.tenancy.object]!.snapshot(app, id);
      const c = clientFor(spec.permission);
      const path = fillPath(spec.path, spec.tenancy.param ?? 'id', id);
      const query = spec.method === 'get' && spec.query ? `?${PERIOD_QUERY}` : '';
      const res = await c.request(spec.method.toUpperCase(), `${path}${query}`, spec.body ? (spec.example ?? {}) : spec.method === 'get' || spec.method === 'delete' ? undefined : {});
      expect(res.status, `${spec.method.toUpperCase()} ${spec.path} → ${res.status} ${res.text.slice(0, 200)}`).toBe(404);
      expect(res.text).not.toContain('tenancy');
      expect(await tenancyFixtures[spec.tenancy.object]!.snapshot(app, id), `${spec.method} ${spec.path} changed the object`).toEqual(before);
      checked.push(`${spec.method} ${spec.path}`);
    }
    expect(checked.length).toBeGreaterThan(10);
  });

  it('never lists another organisation\'s objects', async () => {
    const foreignIds = [...foreign.values()];
    let checked = 0;
    // Event streams never end; the live probe stream has its own tenancy test (monitoring/live.test.ts).
    for (const spec of routes().filter((s) => 'list' in s.tenancy && s.method === 'get' && s.produces !== 'text/event-stream')) {
      // Routes that need a period or ids get them; the ids asked for are the other organisation's own.
      const res = await clientFor(spec.permission).get(`${spec.path}?${PERIOD_QUERY}&ids=${foreignIds.filter((id) => UUID.test(id)).slice(0, 100).join(',')}`);
      expect(res.status, `${spec.path} → ${res.status} ${res.text.slice(0, 200)}`).toBe(200);
      for (const id of foreignIds) expect(res.text, `${spec.path} leaks ${id}`).not.toContain(id);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});
