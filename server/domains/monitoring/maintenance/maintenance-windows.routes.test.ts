import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaintenanceWindow } from '../../../../shared/schemas/maintenance-windows.ts';
import { createHttpApp } from '../../../http.ts';
import { buildOpenApi } from '../../../platform/api.ts';
import { registerMessages } from '../../../platform/i18n.ts';
import { tenancyFixtures } from '../../../test/tenancy-fixtures.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../../test/test-app.ts';
import { createMaintenanceWindowService, MAINTENANCE_WINDOW_MESSAGES, maintenanceWindowRoutes } from './index.ts';
import { insertProbe, maintenanceWindowTenancyFixture } from './tenancy-fixture.ts';

let app: TestApp;
let org: { root: string; a: string; a1: string; b: string };
let probe: { a: string; a1: string; b: string };
let asset: { a: string; b: string };
let alice: Client; // engineer of hospital A
let vic: Client; // viewer of hospital A
let bob: Client; // engineer of hospital B

/** Mounts these routes unless app.ts already does, so the tests run before and after the wiring. */
function withMaintenanceRoutes(t: TestApp) {
  registerMessages(MAINTENANCE_WINDOW_MESSAGES);
  if (t.groups.some((g) => g.specs.some((s) => s.path === '/maintenance-windows'))) return;
  const groups = [...t.groups, maintenanceWindowRoutes(createMaintenanceWindowService(t.platform))];
  t.http = createHttpApp({ platform: t.platform, groups, tokens: t.services.tokens, metrics: t.metrics });
}

const countRows = async () => ({
  windows: Number((await app.platform.db.selectFrom('maintenanceWindows').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  audit: Number((await app.platform.db.selectFrom('auditEvents').select((eb) => eb.fn.countAll<number>().as('n')).where('eventType', 'like', 'maintenance_window.%').executeTakeFirstOrThrow()).n),
});

beforeAll(async () => {
  app = await createTestApp(); // clock: Sunday 2026-11-22 02:00Z = 10:00 in Beijing
  withMaintenanceRoutes(app);
  const root = (await makeOrg(app)).id;
  const a = (await makeOrg(app, { parentId: root, kind: 'institution' })).id;
  const a1 = (await makeOrg(app, { parentId: a, kind: 'department' })).id;
  const b = (await makeOrg(app, { parentId: root, kind: 'institution' })).id;
  org = { root, a, a1, b };
  asset = { a: await tenancyFixtures.asset!.create(app, a), b: await tenancyFixtures.asset!.create(app, b) };
  probe = { a: await insertProbe(app.platform.db, a, { assetId: asset.a, name: 'HIS ping' }), a1: await insertProbe(app.platform.db, a1, { name: 'PACS ping' }), b: await insertProbe(app.platform.db, b, { assetId: asset.b }) };
  alice = await signedIn(app, await makeUser(app, a, ['engineer']));
  vic = await signedIn(app, await makeUser(app, a, ['viewer']));
  bob = await signedIn(app, await makeUser(app, b, ['engineer']));
});
afterAll(() => app.close());

const weeklySaturday = { freq: 'weekly', weekdays: [6], time: '02:00', durationMinutes: 120 };

describe('maintenance windows', () => {
  it('plans a one-off window on a probe, active now, audited in the same change', async () => {
    const res = await alice.post('/maintenance-windows', { scope: 'probe', probeId: probe.a, title: '数据库升级', reason: 'v12 → v13', startsAt: '2026-11-22T09:00:00+08:00', endsAt: '2026-11-22T12:00:00+08:00' });
    expect(res.status, res.text).toBe(201);
    const w = MaintenanceWindow.strict().parse(res.body);
    expect(w).toMatchObject({ orgId: org.a, scope: 'probe', probeId: probe.a, probeName: 'HIS ping', assetId: null, createdByName: 'Test user', status: 'active', isActiveNow: true, cancelledAt: null, recurrence: null });
    expect(w.nextOccurrence).toEqual({ start: '2026-11-22T01:00:00.000Z', end: '2026-11-22T04:00:00.000Z' });
    expect((await vic.get(`/maintenance-windows/${w.id}`)).body).toEqual(w);
    const events = await app.platform.db.selectFrom('auditEvents').select(['eventType', 'orgId', 'action']).where('objectId', '=', w.id).execute();
    expect(events).toEqual([{ eventType: 'maintenance_window.create', orgId: org.a, action: 'create' }]);
  });

  it('plans a weekly window on an asset, in force but between occurrences', async () => {
    const res = await alice.post('/maintenance-windows', { scope: 'asset', assetId: asset.a, title: '每周六巡检', startsAt: '2026-11-01T00:00:00+08:00', endsAt: '2027-01-01T00:00:00+08:00', recurrence: weeklySaturday });
    expect(res.status, res.text).toBe(201);
    const w = MaintenanceWindow.strict().parse(res.body);
    expect(w).toMatchObject({ scope: 'asset', assetId: asset.a, assetName: 'tenancy asset', status: 'active', isActiveNow: false });
    expect(w.recurrence).toEqual({ ...weeklySaturday, timeZone: 'Asia/Shanghai' });
    expect(w.nextOccurrence).toEqual({ start: '2026-11-27T18:00:00.000Z', end: '2026-11-27T20:00:00.000Z' });
  });

  it('refuses bad input with 400 and the fields at fault, writing nothing', async () => {
    const before = await countRows();
    const base = { scope: 'probe', probeId: probe.a, title: 't', startsAt: '2026-12-01T00:00:00+08:00', endsAt: '2026-12-01T02:00:00+08:00' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, endsAt: '2026-11-30T00:00:00+08:00' }, 'body.endsAt'],
      [{ ...base, endsAt: '2026-12-09T00:00:00+08:00' }, 'body.endsAt'],
      [{ ...base, assetId: asset.a }, 'body.assetId'],
      [{ ...base, scope: 'organisation' }, 'body.orgId'],
      [{ ...base, recurrence: { ...weeklySaturday, time: '24:00' } }, 'body.recurrence.time'],
      [{ ...base, recurrence: { ...weeklySaturday, weekdays: [0, 6] } }, 'body.recurrence.weekdays.0'],
      [{ ...base, recurrence: { ...weeklySaturday, durationMinutes: 7 * 24 * 60 + 1 } }, 'body.recurrence.durationMinutes'],
      [{ ...base, recurrence: { freq: 'daily', time: '01:00', durationMinutes: 1500 } }, 'body.recurrence.durationMinutes'],
      [{ ...base, recurrence: { ...weeklySaturday, timeZone: 'Mars/Olympus' } }, 'body.recurrence.timeZone'],
      [{ ...base, recurrence: { freq: 'monthly', monthDay: 32, time: '01:00', durationMinutes: 60 } }, 'body.recurrence.monthDay'],
    ];
    for (const [body, path] of cases) {
      const res = await alice.post('/maintenance-windows', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation');
      expect(res.body.error.details.map((d: { path: string[] }) => d.path.join('.')), JSON.stringify(body)).toContain(path);
    }
    const past = await alice.post('/maintenance-windows', { ...base, startsAt: '2026-11-01T00:00:00+08:00', endsAt: '2026-11-01T02:00:00+08:00' });
    expect([past.status, past.body.error.code]).toEqual([400, 'maintenance_window.ends_in_past']);
    expect(await countRows()).toEqual(before);
  });

  it("answers 404 for another organisation's probe, asset or organisation, and 403 without probe.manage", async () => {
    const before = await countRows();
    const base = { title: 't', startsAt: '2026-12-01T00:00:00+08:00', endsAt: '2026-12-01T02:00:00+08:00' };
    for (const target of [{ scope: 'probe', probeId: probe.b }, { scope: 'asset', assetId: asset.b }, { scope: 'organisation', orgId: org.b }, { scope: 'organisation', orgId: org.root }, { scope: 'probe', probeId: globalThis.crypto.randomUUID() }]) {
      const res = await alice.post('/maintenance-windows', { ...base, ...target });
      expect(res.status, JSON.stringify(target)).toBe(404);
    }
    expect((await vic.post('/maintenance-windows', { ...base, scope: 'probe', probeId: probe.a })).status).toBe(403);
    expect(await countRows()).toEqual(before);
  });

  it('lists windows in scope with filters and pages', async () => {
    const org1 = await alice.post('/maintenance-windows', { scope: 'organisation', orgId: org.a, title: '全院断电演练', startsAt: '2026-12-05T22:00:00+08:00', endsAt: '2026-12-06T02:00:00+08:00' });
    const dept = await alice.post('/maintenance-windows', { scope: 'organisation', orgId: org.a1, title: '放射科机房搬迁', startsAt: '2026-12-10T22:00:00+08:00', endsAt: '2026-12-11T02:00:00+08:00' });
    const theirs = await bob.post('/maintenance-windows', { scope: 'probe', probeId: probe.b, title: 'B 院维护', startsAt: '2026-12-01T00:00:00+08:00', endsAt: '2026-12-01T02:00:00+08:00' });
    expect([org1.status, dept.status, theirs.status]).toEqual([201, 201, 201]);
    const titles = async (c: Client, q = '') => (await c.get(`/maintenance-windows${q}`)).body.items.map((w: { title: string }) => w.title);
    // newest start first
    expect(await titles(vic)).toEqual(['放射科机房搬迁', '全院断电演练', '数据库升级', '每周六巡检']);
    expect(await titles(bob)).toEqual(['B 院维护']);
    // Applies-to: the probe's own window, its asset's and its organisation's; the department's probe only sees ancestors' and its own.
    expect(await titles(vic, `?probeId=${probe.a}`)).toEqual(['全院断电演练', '数据库升级', '每周六巡检']);
    expect(await titles(vic, `?probeId=${probe.a1}`)).toEqual(['放射科机房搬迁', '全院断电演练']);
    expect(await titles(vic, `?assetId=${asset.a}`)).toEqual(['全院断电演练', '数据库升级', '每周六巡检']);
    expect(await titles(vic, `?probeId=${probe.b}`)).toEqual([]);
    expect(await titles(vic, `?orgId=${org.a1}`)).toEqual(['放射科机房搬迁']);
    expect(await titles(vic, '?status=upcoming')).toEqual(['放射科机房搬迁', '全院断电演练']);
    expect(await titles(vic, '?status=active')).toEqual(['数据库升级', '每周六巡检']);
    expect(await titles(vic, '?q=巡检')).toEqual(['每周六巡检']);
    const page2 = (await vic.get('/maintenance-windows?page=2&pageSize=3')).body;
    expect([page2.total, page2.items.length, page2.page]).toEqual([4, 1, 2]);
    expect((await vic.get('/maintenance-windows?status=soon')).status).toBe(400);
  });

  it('cancels a window: it stops suppressing, is audited, and cannot be cancelled twice', async () => {
    const created = (await alice.post('/maintenance-windows', { scope: 'probe', probeId: probe.a, title: '临时维护', startsAt: '2026-11-22T09:30:00+08:00', endsAt: '2026-11-22T11:00:00+08:00' })).body;
    expect(created.isActiveNow).toBe(true);
    expect((await bob.post(`/maintenance-windows/${created.id}/cancel`)).status).toBe(404);
    expect((await vic.post(`/maintenance-windows/${created.id}/cancel`)).status).toBe(403);
    app.clock.advance(60_000);
    const res = await alice.post(`/maintenance-windows/${created.id}/cancel`);
    expect(res.status, res.text).toBe(200);
    expect(MaintenanceWindow.strict().parse(res.body)).toMatchObject({ status: 'cancelled', isActiveNow: false, nextOccurrence: null, cancelledAt: '2026-11-22T02:01:00.000Z' });
    const again = await alice.request('POST', `/maintenance-windows/${created.id}/cancel`, {}, { 'accept-language': 'zh-CN' });
    expect([again.status, again.body.error.code, again.body.error.message]).toEqual([409, 'maintenance_window.cancelled', '该维护窗口已取消']);
    const events = await app.platform.db.selectFrom('auditEvents').select(['eventType', 'detail']).where('objectId', '=', created.id).orderBy('seq').execute();
    expect(events.map((e) => e.eventType)).toEqual(['maintenance_window.create', 'maintenance_window.cancel']);
    expect((events[1]!.detail as { after: { cancelledAt: string } }).after.cancelledAt).toBe('2026-11-22T02:01:00.000Z');
    expect((await vic.get('/maintenance-windows?status=cancelled')).body.items.map((w: { id: string }) => w.id)).toEqual([created.id]);
  });

  it('refuses to cancel a window that has ended', async () => {
    const created = (await alice.post('/maintenance-windows', { scope: 'probe', probeId: probe.a, title: '短维护', startsAt: '2026-11-22T10:00:00+08:00', endsAt: '2026-11-22T10:10:00+08:00' })).body;
    app.clock.advance(10 * 60_000); // within the sessions' 30-minute idle timeout
    const res = await alice.post(`/maintenance-windows/${created.id}/cancel`);
    expect([res.status, res.body.error.code]).toEqual([409, 'maintenance_window.ended']);
    expect((await vic.get(`/maintenance-windows/${created.id}`)).body.status).toBe('past');
  });

  it("keeps another organisation's window invisible and unchanged (tenancy fixture)", async () => {
    const id = await maintenanceWindowTenancyFixture.create(app, org.b);
    const before = await maintenanceWindowTenancyFixture.snapshot(app, id);
    expect((await alice.get(`/maintenance-windows/${id}`)).status).toBe(404);
    expect((await alice.post(`/maintenance-windows/${id}/cancel`)).status).toBe(404);
    expect((await alice.get('/maintenance-windows')).text).not.toContain(id);
    expect(await maintenanceWindowTenancyFixture.snapshot(app, id)).toEqual(before);
    expect((await bob.get(`/maintenance-windows/${id}`)).status).toBe(200);
  });

  it('describes its routes in the OpenAPI document', () => {
    const doc = buildOpenApi([maintenanceWindowRoutes(createMaintenanceWindowService(app.platform))], { version: 'test' });
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/maintenance-windows', '/api/maintenance-windows/{id}', '/api/maintenance-windows/{id}/cancel']);
  });
});
