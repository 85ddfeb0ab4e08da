import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertRoute, AlertRoutePage, RouteTestResult } from '../../../../shared/schemas/alerts.ts';
import { insertChannel } from '../notifications/tenancy-fixture.ts';
import { clearRoutingCache } from './routing.ts';
import { alertRouteTenancyFixture, insertPolicy } from './tenancy-fixture.ts';
import { auditTrail, createConfigTestApp, type ConfigTestContext } from './test-support.ts';

let t: ConfigTestContext;
let channelId: string;
let policyId: string;

beforeAll(async () => {
  t = await createConfigTestApp();
  channelId = await insertChannel(t.app, t.orgs.hospital, '信息科值班群');
  policyId = await insertPolicy(t.app, t.orgs.hospital, '核心系统');
});
afterAll(() => t.app.close());
beforeEach(() => clearRoutingCache());

/** An asset row written directly (test scaffolding). */
async function insertAsset(orgId: string, kindKey: string, importance: 'core' | 'important' | 'normal') {
  const db = t.app.platform.db;
  const kind = await db.selectFrom('assetKinds').select('id').where('key', '=', kindKey).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('assets')
    .values({ orgId, kindId: kind.id, code: `R-${globalThis.crypto.randomUUID().slice(0, 8)}`, name: 'HIS-DB-01', brand: null, model: null, serialNumber: null, locationId: null, rackUnitStart: null, rackUnitSize: null, ownerDepartmentId: null, ownerPerson: null, engineerId: null, purchaseMonth: '2022-04-01', warrantyYears: 3, warrantyEndsOn: '2025-04-30', vendorId: null, contractId: null, endOfServiceOn: null, cpu: null, os: null, database: null, middleware: null, attributes: '{}', notes: null, createdBy: null, updatedBy: null, importance })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const routeBody = (o: Record<string, unknown> = {}) => ({ orgId: t.orgs.hospital, name: '核心设备一级告警', position: 10, conditions: { severities: ['P1'], coreOnly: true }, channelIds: [channelId], escalationPolicyId: policyId, ...o });

describe('alert routes API', () => {
  it('creates a route with defaults filled in, and shows it only inside the organisation', async () => {
    const engineer = await t.as(t.users.engineer);
    const res = await engineer.post('/alert-routes', routeBody());
    expect(res.status, res.text).toBe(201);
    const created = AlertRoute.strict().parse(res.body);
    expect(created).toMatchObject({ orgName: '州人民医院', position: 10, channelIds: [channelId], escalationPolicyId: policyId, notifyResolved: true, isContinue: false, isEnabled: true });
    expect(created.conditions).toEqual({ includeSubOrgs: true, severities: ['P1'], assetKinds: [], coreOnly: true, sources: [], matchers: [], time: 'any', calendarId: null });

    const viewer = await t.as(t.users.viewer);
    expect((await viewer.get(`/alert-routes/${created.id}`)).body.id).toBe(created.id);
    expect((await viewer.post('/alert-routes', routeBody({ name: 'viewer' }))).status).toBe(403);
    const outsider = await t.as(t.users.outsider);
    expect((await outsider.get('/alert-routes')).body.items).toEqual([]);
    expect((await outsider.get(`/alert-routes/${created.id}`)).status).toBe(404);
    expect((await outsider.patch(`/alert-routes/${created.id}`, { isEnabled: false })).status).toBe(404);
    expect((await outsider.delete(`/alert-routes/${created.id}`)).status).toBe(404);
    expect((await outsider.post('/alert-routes', routeBody({ channelIds: [], escalationPolicyId: null }))).status).toBe(404);
    expect(await auditTrail(t.app, created.id)).toEqual(['alert_route.create']);
  });

  it('lists routes in the order they are tried: position, then name', async () => {
    const engineer = await t.as(t.users.engineer);
    const org = t.orgs.dept;
    for (const [name, position] of [['b night', 20], ['a day', 20], ['c first', 5]] as const) {
      expect((await engineer.post('/alert-routes', { orgId: org, name, position })).status).toBe(201);
    }
    const page = AlertRoutePage.parse((await engineer.get(`/alert-routes?orgId=${org}`)).body);
    expect(page.items.map((r) => `${r.position} ${r.name}`)).toEqual(['5 c first', '20 a day', '20 b night']);
    expect(page.total).toBe(3);
  });

  it('names channels, policies and calendars the organisation cannot use, and bad matchers', async () => {
    const engineer = await t.as(t.users.engineer);
    const foreignChannel = await insertChannel(t.app, t.orgs.sibling, '县医院群');
    const foreignPolicy = await insertPolicy(t.app, t.orgs.sibling);
    const res = await engineer.post('/alert-routes', routeBody({ name: '坏路由', channelIds: [channelId, foreignChannel], escalationPolicyId: foreignPolicy, conditions: { time: 'business_hours', calendarId: globalThis.crypto.randomUUID() } }));
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('alert_route.unknown_reference');
    expect(res.body.error.details.map((d: { path: unknown[] }) => d.path.join('.'))).toEqual(['body.channelIds.1', 'body.escalationPolicyId', 'body.conditions.calendarId']);
    const regex = await engineer.post('/alert-routes', routeBody({ name: '坏正则', conditions: { matchers: [{ name: 'service', op: '!~', value: '[HIS' }] } }));
    expect(regex.status).toBe(400);
    expect(regex.body.error.details).toContainEqual(expect.objectContaining({ path: ['body', 'conditions', 'matchers', '0', 'value'] }));
    // time-restricted without a calendar is fine: the organisation's default calendar applies.
    expect((await engineer.post('/alert-routes', routeBody({ name: '夜间', conditions: { time: 'off_hours' } }))).status).toBe(201);
  });

  it('updates only what is sent, re-checking new references, and deletes softly', async () => {
    const engineer = await t.as(t.users.engineer);
    const created = AlertRoute.parse((await engineer.post('/alert-routes', routeBody({ name: '可改路由', position: 7, isContinue: true }))).body);
    const disabled = await engineer.patch(`/alert-routes/${created.id}`, { isEnabled: false });
    expect(disabled.status, disabled.text).toBe(200);
    expect(AlertRoute.strict().parse(disabled.body)).toMatchObject({ isEnabled: false, position: 7, isContinue: true, channelIds: [channelId], escalationPolicyId: policyId, conditions: created.conditions });
    const foreign = await insertChannel(t.app, t.orgs.sibling, '县医院群 2');
    const bad = await engineer.patch(`/alert-routes/${created.id}`, { channelIds: [channelId, foreign] });
    expect(bad.body.error).toMatchObject({ code: 'alert_route.unknown_reference', details: [expect.objectContaining({ path: ['body', 'channelIds', 0] })] });
    expect((await engineer.patch(`/alert-routes/${created.id}`, { escalationPolicyId: null, channelIds: [] })).body).toMatchObject({ escalationPolicyId: null, channelIds: [] });
    expect((await engineer.delete(`/alert-routes/${created.id}`)).status).toBe(204);
    expect((await engineer.get(`/alert-routes/${created.id}`)).status).toBe(404);
    expect((await engineer.delete(`/alert-routes/${created.id}`)).status).toBe(404);
    expect(await auditTrail(t.app, created.id)).toEqual(['alert_route.create', 'alert_route.update', 'alert_route.update', 'alert_route.delete']);
  });

  it('tests which routes an alert would take, with the asset\'s kind, importance and built-in labels, at a given time', async () => {
    const engineer = await t.as(t.users.engineer);
    const org = t.orgs.dept;
    const make = async (body: Record<string, unknown>) => AlertRoute.parse((await engineer.post('/alert-routes', { orgId: org, ...body })).body).id;
    const core = await make({ name: '核心服务器', position: 1, isContinue: true, conditions: { assetKinds: ['server'], coreOnly: true } });
    const his = await make({ name: 'HIS 组', position: 2, isContinue: true, conditions: { matchers: [{ name: 'service', op: '=', value: 'HIS' }, { name: 'asset', op: '=', value: 'HIS-DB-01' }] } });
    const night = await make({ name: '非工作时间', position: 3, conditions: { time: 'off_hours' } });
    const day = await make({ name: '工作时间', position: 4, conditions: { time: 'business_hours' } });
    const assetId = await insertAsset(org, 'server', 'core');
    const test = async (body: Record<string, unknown>) => {
      const res = await engineer.post('/alert-routes/test', { orgId: org, severity: 'P1', ...body });
      expect(res.status, res.text).toBe(200);
      const result = RouteTestResult.strict().parse(res.body);
      return { ids: result.routes.map((r) => r.id), isBusinessHours: result.isBusinessHours };
    };
    expect(await test({ assetId, labels: { service: 'HIS' }, at: '2026-10-01T10:00:00+08:00' })).toEqual({ ids: [core, his, night], isBusinessHours: false });
    expect(await test({ assetId, at: '2026-10-10T10:00:00+08:00' })).toEqual({ ids: [core, day], isBusinessHours: true });
    expect(await test({ labels: { service: 'HIS' }, at: '2026-10-10T10:00:00+08:00' })).toEqual({ ids: [day], isBusinessHours: true });
    // Without `at`: the clock's now, Sunday 2026-11-22 10:00 in Shanghai.
    expect(await test({})).toEqual({ ids: [night], isBusinessHours: false });

    const viewer = await t.as(t.users.viewer);
    expect((await viewer.post('/alert-routes/test', { orgId: org, severity: 'P3' })).status).toBe(200);
    const outsider = await t.as(t.users.outsider);
    expect((await outsider.post('/alert-routes/test', { orgId: org, severity: 'P3' })).status).toBe(404);
    const foreignAsset = await insertAsset(t.orgs.sibling, 'server', 'core');
    expect((await engineer.post('/alert-routes/test', { orgId: org, severity: 'P3', assetId: foreignAsset })).status).toBe(404);
  });

  it('the tenancy fixture makes a route another organisation cannot see', async () => {
    const id = await alertRouteTenancyFixture.create(t.app, t.orgs.sibling);
    const engineer = await t.as(t.users.engineer);
    expect((await engineer.get(`/alert-routes/${id}`)).status).toBe(404);
    expect((await engineer.get('/alert-routes')).text).not.toContain(id);
    expect((await (await t.as(t.users.outsider)).get(`/alert-routes/${id}`)).status).toBe(200);
  });
});
