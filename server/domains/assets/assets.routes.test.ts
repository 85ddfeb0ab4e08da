import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Asset, AssetHistoryEntry } from '../../../shared/schemas/assets.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';

let app: TestApp;
let h1: { id: string; code: string };
let h2: { id: string; code: string };
let eng: Client;
let engUser: { id: string; username: string };
let other: Client;
let viewer: Client;

beforeAll(async () => {
  app = await createTestApp();
  const root = await makeOrg(app);
  h1 = await makeOrg(app, { parentId: root.id, kind: 'institution' });
  h2 = await makeOrg(app, { parentId: root.id, kind: 'institution' });
  engUser = await makeUser(app, h1.id, ['engineer']);
  eng = await signedIn(app, engUser);
  other = await signedIn(app, await makeUser(app, h2.id, ['engineer']));
  viewer = await signedIn(app, await makeUser(app, h1.id, ['viewer']));
});
afterAll(() => app.close());

const server = (over: Record<string, unknown> = {}) => ({ orgId: h1.id, kindKey: 'server', name: 'HIS 数据库服务器', brand: '戴尔', model: 'PowerEdge R740', serialNumber: 'SN-R740-001', ...over });

describe('asset ledger', () => {
  it('creates an asset with a generated code per organisation and kind prefix', async () => {
    const a = await eng.post('/assets', server());
    expect(a.status).toBe(201);
    const asset = Asset.strict().parse(a.body);
    expect(asset.code).toBe(`SRV-${h1.code}-000001`);
    expect(asset).toMatchObject({ orgName: h1.code, kindKey: 'server', kindName: '服务器', quantity: 1, unit: '台', status: 'in_use', importance: 'normal' });
    expect((await eng.post('/assets', server({ name: '第二台' }))).body.code).toBe(`SRV-${h1.code}-000002`);
    expect((await eng.post('/assets', { orgId: h1.id, kindKey: 'switch', name: '核心交换机' })).body.code).toBe(`SW-${h1.code}-000001`);
    // Another organisation counts on its own.
    expect((await other.post('/assets', server({ orgId: h2.id }))).body.code).toBe(`SRV-${h2.code}-000001`);
    // A code typed by hand is kept, and the generator steps over it.
    expect((await eng.post('/assets', server({ code: `SRV-${h1.code}-000003` }))).body.code).toBe(`SRV-${h1.code}-000003`);
    expect((await eng.post('/assets', server({ name: '第四台' }))).body.code).toBe(`SRV-${h1.code}-000004`);
    const dup = await eng.post('/assets', server({ code: `SRV-${h1.code}-000003` }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('asset.code_taken');
  });

  it('computes the warranty end from purchase month and years, and 过保 against today', async () => {
    const a = Asset.parse((await eng.post('/assets', server({ purchaseMonth: '2018-04', warrantyYears: 3 }))).body);
    expect(a.warrantyEndsOn).toBe('2021-04-30');
    expect(a.warrantyEndIsExplicit).toBe(false);
    expect(a.warrantyStatus).toBe('out'); // the test clock stands at 2026-11-22
    expect(a.warrantyDaysLeft).toBeLessThan(0);
    // An explicit end wins until it is cleared again.
    const explicit = (await eng.patch(`/assets/${a.id}`, { warrantyEndsOn: '2027-03-31' })).body;
    expect(explicit).toMatchObject({ warrantyEndsOn: '2027-03-31', warrantyEndIsExplicit: true, warrantyStatus: 'in' });
    expect((await eng.patch(`/assets/${a.id}`, { warrantyYears: 10 })).body.warrantyEndsOn).toBe('2027-03-31');
    const derived = (await eng.patch(`/assets/${a.id}`, { warrantyEndsOn: null })).body;
    expect(derived).toMatchObject({ warrantyEndsOn: '2028-04-30', warrantyEndIsExplicit: false, warrantyStatus: 'in', warrantyDaysLeft: 525 });
  });

  it('flags 信创 per dimension from the CPU, OS, database and middleware text', async () => {
    const dom = Asset.parse((await eng.post('/assets', server({ cpu: '海光 7285', os: '银河麒麟 V10', database: '达梦 DM8', middleware: 'TongWeb 7' }))).body);
    expect(dom.xinchuang).toEqual({ cpu: 'domestic', os: 'domestic', database: 'domestic', middleware: 'domestic', overall: 'domestic' });
    const mixed = Asset.parse((await eng.post('/assets', server({ cpu: 'Intel Xeon Gold 6130', os: 'UOS 20', database: null }))).body);
    expect(mixed.xinchuang).toEqual({ cpu: 'foreign', os: 'domestic', database: 'unknown', middleware: 'unknown', overall: 'foreign' });
    const changed = (await eng.patch(`/assets/${mixed.id}`, { cpu: '鲲鹏 920' })).body;
    expect(changed.xinchuang.overall).toBe('domestic');
  });

  it('keeps every change as history with before and after, and audits it', async () => {
    const a = Asset.parse((await eng.post('/assets', server({ managementIps: ['10.1.1.10'] }))).body);
    const upd = await eng.patch(`/assets/${a.id}`, { status: 'under_repair', managementIps: ['10.1.1.10', '10.1.1.11'], notes: '风扇告警' });
    expect(upd.status).toBe(200);
    // An edit that changes nothing leaves no history row.
    await eng.patch(`/assets/${a.id}`, { status: 'under_repair' });
    const hist = await eng.get(`/assets/${a.id}/history`);
    expect(hist.status).toBe(200);
    const items = hist.body.items.map((h: unknown) => AssetHistoryEntry.strict().parse(h));
    expect(items.map((h: AssetHistoryEntry) => h.action)).toEqual(['update', 'create']);
    expect(items[0]!.changes).toEqual({ status: ['in_use', 'under_repair'], managementIps: [['10.1.1.10'], ['10.1.1.10', '10.1.1.11']], notes: [null, '风扇告警'] });
    expect(items[0]).toMatchObject({ actorId: engUser.id, actorName: engUser.username, importId: null });
    expect(items[1]!.changes.name).toEqual([null, 'HIS 数据库服务器']);
    const events = await app.platform.db.selectFrom('auditEvents').select(['eventType', 'detail']).where('objectId', '=', a.id).orderBy('seq').execute();
    expect(events.map((e) => e.eventType)).toEqual(['asset.create', 'asset.update']);
    expect(events[1]!.detail).toMatchObject({ changes: { status: ['in_use', 'under_repair'] } });
  });

  it('validates attributes against the kind and answers 400 with field details, changing nothing', async () => {
    const before = (await eng.get('/assets?pageSize=1')).body.total;
    const bad = await eng.post('/assets', server({ kindKey: 'software_system', attributes: { dengbaoLevel: '5', isCore: 'maybe', colour: 'red' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation');
    expect(bad.body.error.details.map((d: { path: string[] }) => d.path.join('.')).sort()).toEqual(['body.attributes.colour', 'body.attributes.dengbaoLevel', 'body.attributes.isCore']);
    const zod = await eng.post('/assets', { orgId: h1.id, kindKey: 'server', name: '', quantity: 0, managementIps: ['10.0.0.300'], purchaseMonth: '2018.4', rackUnitStart: 3 });
    expect(zod.status).toBe(400);
    expect(zod.body.error.details.map((d: { path: string[] }) => d.path.join('.'))).toEqual(expect.arrayContaining(['body.name', 'body.quantity', 'body.managementIps.0', 'body.purchaseMonth']));
    // Cross-field rules run once the fields themselves are valid.
    expect((await eng.post('/assets', server({ rackUnitStart: 3 }))).body.error.details[0].path).toEqual(['body', 'rackUnitSize']);
    const unknownKind = await eng.post('/assets', server({ kindKey: 'spaceship' }));
    expect(unknownKind.body.error.code).toBe('asset.kind_unknown');
    const ok = await eng.post('/assets', server({ kindKey: 'software_system', attributes: { dengbaoLevel: '三级', isCore: '是', systemType: 'his', version: '5.0' } }));
    expect(ok.status).toBe(201);
    expect(ok.body.attributes).toEqual({ dengbaoLevel: '3', isCore: true, systemType: 'his', version: '5.0' });
    expect((await eng.get('/assets?pageSize=1')).body.total).toBe(before + 1);
  });

  it('checks references: locations, vendors and contracts of the asset\'s own organisation line, racks by U', async () => {
    const rack = (await eng.post('/locations', { orgId: h1.id, kind: 'rack', name: 'A01', rackUnits: 42 })).body;
    const room = (await eng.post('/locations', { orgId: h1.id, kind: 'room', name: '机房' })).body;
    const foreignRack = (await other.post('/locations', { orgId: h2.id, kind: 'rack', name: 'B01' })).body;
    const a = await eng.post('/assets', server({ locationId: rack.id, rackUnitStart: 10, rackUnitSize: 2 }));
    expect(a.status).toBe(201);
    const clash = await eng.post('/assets', server({ locationId: rack.id, rackUnitStart: 11, rackUnitSize: 1 }));
    expect(clash.status).toBe(400);
    expect(clash.body.error.details[0].path).toEqual(['body', 'rackUnitStart']);
    expect((await eng.post('/assets', server({ locationId: room.id, rackUnitStart: 1, rackUnitSize: 1 }))).body.error.details[0].message).toMatch(/rack/);
    expect((await eng.post('/assets', server({ locationId: rack.id, rackUnitStart: 42, rackUnitSize: 2 }))).status).toBe(400);
    const cross = await eng.post('/assets', server({ locationId: foreignRack.id }));
    expect(cross.status).toBe(400);
    expect(cross.body.error.details).toEqual([{ path: ['body', 'locationId'], message: 'not found in this organisation', code: 'bad_reference' }]);
    // Moving to another location drops the U position.
    expect((await eng.patch(`/assets/${a.body.id}`, { locationId: room.id })).body).toMatchObject({ locationId: room.id, rackUnitStart: null, rackUnitSize: null, locationName: '机房' });
  });

  it('hides other organisations\' assets (404) and lets a viewer read but not write', async () => {
    const mine = (await eng.post('/assets', server())).body;
    const theirs = (await other.post('/assets', server({ orgId: h2.id }))).body;
    expect((await eng.get(`/assets/${theirs.id}`)).status).toBe(404);
    expect((await eng.patch(`/assets/${theirs.id}`, { name: 'x' })).status).toBe(404);
    expect((await eng.delete(`/assets/${theirs.id}`)).status).toBe(404);
    expect((await eng.get(`/assets/${theirs.id}/history`)).status).toBe(404);
    expect((await eng.post('/assets', server({ orgId: h2.id }))).status).toBe(404);
    expect((await eng.get(`/assets?orgId=${h2.id}`)).body.items).toEqual([]);
    expect((await viewer.get(`/assets/${mine.id}`)).status).toBe(200);
    expect((await viewer.patch(`/assets/${mine.id}`, { name: 'x' })).status).toBe(403);
    expect((await other.get(`/assets/${theirs.id}`)).status).toBe(200);
  });

  it('deletes an asset with its relations, keeping its history and noting the loss on the other end', async () => {
    const sys = (await eng.post('/assets', server({ kindKey: 'software_system', name: 'LIS' }))).body;
    const srv = (await eng.post('/assets', server({ name: 'LIS 服务器' }))).body;
    expect((await eng.post(`/assets/${sys.id}/relations`, { toAssetId: srv.id, kind: 'runs_on' })).status).toBe(201);
    expect((await eng.delete(`/assets/${srv.id}`)).status).toBe(204);
    expect((await eng.get(`/assets/${srv.id}`)).status).toBe(404);
    expect((await eng.get(`/assets/${sys.id}/relations`)).body.items).toEqual([]);
    const hist = (await eng.get(`/assets/${sys.id}/history`)).body.items.map((h: { action: string }) => h.action);
    expect(hist).toEqual(['relation_remove', 'relation_add', 'create']);
    const kept = await app.platform.db.selectFrom('assetHistory').select('action').where('assetId', '=', srv.id).orderBy('id').execute();
    expect(kept.map((h) => h.action)).toEqual(['create', 'relation_add', 'delete']);
  });
});
