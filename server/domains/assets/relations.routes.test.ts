import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetRelation, ImpactGraph } from '../../../shared/schemas/assets.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';

let app: TestApp;
let h1: string;
let h2: string;
let eng: Client;
let other: Client;
let manager: Client;

beforeAll(async () => {
  app = await createTestApp();
  const root = (await makeOrg(app)).id;
  h1 = (await makeOrg(app, { parentId: root, kind: 'institution' })).id;
  h2 = (await makeOrg(app, { parentId: root, kind: 'institution' })).id;
  eng = await signedIn(app, await makeUser(app, h1, ['engineer']));
  other = await signedIn(app, await makeUser(app, h2, ['engineer']));
  manager = await signedIn(app, await makeUser(app, root, ['ops_manager']));
});
afterAll(() => app.close());

async function asset(c: Client, orgId: string, kindKey: string, name: string) {
  const res = await c.post('/assets', { orgId, kindKey, name });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}
async function relate(c: Client, from: string, to: string, kind: string, attributes?: Record<string, unknown>) {
  const res = await c.post(`/assets/${from}/relations`, { toAssetId: to, kind, ...(attributes ? { attributes } : {}) });
  expect(res.status, res.text).toBe(201);
  return AssetRelation.strict().parse(res.body);
}
const names = (g: ImpactGraph) => Object.fromEntries(g.nodes.map((n) => [n.name, n.depth]));

describe('impact', () => {
  let ups: string, core: string, srv: string, his: string, pacs: string, pacsSrv: string, iface: string, backup: string;
  beforeAll(async () => {
    ups = await asset(eng, h1, 'ups', 'UPS-1');
    core = await asset(eng, h1, 'switch', '核心交换机');
    srv = await asset(eng, h1, 'server', 'HIS 服务器');
    his = await asset(eng, h1, 'software_system', 'HIS');
    pacs = await asset(eng, h1, 'software_system', 'PACS');
    pacsSrv = await asset(eng, h1, 'server', 'PACS 服务器');
    iface = await asset(eng, h1, 'interface', 'HIS→PACS 检查申请');
    backup = await asset(eng, h1, 'storage', '备份一体机');
    await relate(eng, core, ups, 'powered_by');
    await relate(eng, srv, core, 'depends_on');
    await relate(eng, pacsSrv, core, 'depends_on');
    await relate(eng, his, srv, 'runs_on');
    await relate(eng, pacs, pacsSrv, 'runs_on');
    await relate(eng, iface, his, 'connects', { role: 'source' });
    await relate(eng, iface, pacs, 'connects', { role: 'target' });
    await relate(eng, backup, srv, 'backs_up', { schedule: '每日 02:00' });
  });

  it('follows failures from the core switch through servers and systems to their interfaces', async () => {
    const res = await eng.get(`/assets/${core}/impact?depth=5`);
    expect(res.status).toBe(200);
    const g = ImpactGraph.strict().parse(res.body);
    expect(names(g)).toEqual({ 核心交换机: 0, 'HIS 服务器': 1, 'PACS 服务器': 1, HIS: 2, PACS: 2, 'HIS→PACS 检查申请': 3 });
    expect(g.edges).toHaveLength(6);
    expect(g.truncated).toBe(false);
    // From the UPS it is one level deeper.
    expect(names(ImpactGraph.parse((await eng.get(`/assets/${ups}/impact`)).body))['HIS→PACS 检查申请']).toBe(4);
  });

  it('stops at the requested depth, and a failed backup target affects nothing', async () => {
    const g = ImpactGraph.parse((await eng.get(`/assets/${core}/impact?depth=2`)).body);
    expect(Object.keys(names(g)).sort()).toEqual(['HIS', 'HIS 服务器', 'PACS', 'PACS 服务器', '核心交换机'].sort());
    expect(names(ImpactGraph.parse((await eng.get(`/assets/${backup}/impact`)).body))).toEqual({ 备份一体机: 0 });
    // An interface fails alone: nothing depends on it.
    expect(names(ImpactGraph.parse((await eng.get(`/assets/${iface}/impact`)).body))).toEqual({ 'HIS→PACS 检查申请': 0 });
    expect((await eng.get(`/assets/${core}/impact?depth=11`)).status).toBe(400);
  });

  it('terminates on cycles and keeps each asset at its shortest distance', async () => {
    const a = await asset(eng, h1, 'server', 'cycle-a');
    const b = await asset(eng, h1, 'server', 'cycle-b');
    await relate(eng, a, b, 'depends_on');
    await relate(eng, b, a, 'depends_on');
    expect(names(ImpactGraph.parse((await eng.get(`/assets/${a}/impact?depth=10`)).body))).toEqual({ 'cycle-a': 0, 'cycle-b': 1 });
  });

  it('shows only assets in the caller\'s scope', async () => {
    // A regional system in another hospital runs on this hospital's server; only the manager of both may link them.
    const regional = await asset(other, h2, 'software_system', '区域影像平台');
    expect((await eng.post(`/assets/${regional}/relations`, { toAssetId: srv, kind: 'runs_on' })).status).toBe(404);
    expect((await eng.post(`/assets/${srv}/relations`, { toAssetId: regional, kind: 'depends_on' })).status).toBe(404);
    const rel = await relate(manager, regional, srv, 'runs_on');
    expect(names(ImpactGraph.parse((await manager.get(`/assets/${srv}/impact`)).body))).toHaveProperty('区域影像平台', 1);
    expect(names(ImpactGraph.parse((await eng.get(`/assets/${srv}/impact`)).body))).not.toHaveProperty('区域影像平台');
    expect((await eng.get(`/assets/${srv}/relations`)).body.items.map((r: AssetRelation) => r.other.name)).not.toContain('区域影像平台');
    // Neither hospital engineer manages both ends, so neither may remove it.
    expect((await eng.delete(`/asset-relations/${rel.id}`)).status).toBe(404);
    expect((await other.delete(`/asset-relations/${rel.id}`)).status).toBe(404);
    expect((await manager.delete(`/asset-relations/${rel.id}`)).status).toBe(204);
    expect((await other.get(`/assets/${srv}/impact`)).status).toBe(404);
  });
});

describe('relations', () => {
  it('lists both directions, refuses self and duplicate relations, and records history on both ends', async () => {
    const sys = await asset(eng, h1, 'software_system', 'EMR');
    const srv = await asset(eng, h1, 'server', 'EMR 服务器');
    const rel = await relate(eng, sys, srv, 'runs_on');
    expect(rel).toMatchObject({ direction: 'outgoing', fromAssetId: sys, toAssetId: srv, other: { id: srv, name: 'EMR 服务器', kindKey: 'server' } });
    const incoming = (await eng.get(`/assets/${srv}/relations`)).body.items;
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({ direction: 'incoming', other: { id: sys } });
    const self = await eng.post(`/assets/${sys}/relations`, { toAssetId: sys, kind: 'depends_on' });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('asset_relation.self');
    const dup = await eng.post(`/assets/${sys}/relations`, { toAssetId: srv, kind: 'runs_on' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('asset_relation.exists');
    expect((await eng.post(`/assets/${sys}/relations`, { toAssetId: srv, kind: 'flies_to' })).status).toBe(400);
    expect((await eng.delete(`/asset-relations/${rel.id}`)).status).toBe(204);
    for (const id of [sys, srv]) {
      const hist = (await eng.get(`/assets/${id}/history`)).body.items;
      expect(hist.map((h: { action: string }) => h.action)).toEqual(['relation_remove', 'relation_add', 'create']);
      expect(hist[0].changes.relation[0]).toMatchObject({ id: rel.id, kind: 'runs_on' });
    }
  });
});

describe('bulk edit', () => {
  it('changes every listed asset in one go, with a history row each', async () => {
    const rack = (await eng.post('/locations', { orgId: h1, kind: 'rack', name: 'B02' })).body.id;
    const room = (await eng.post('/locations', { orgId: h1, kind: 'room', name: '备用机房' })).body.id;
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const res = await eng.post('/assets', { orgId: h1, kindKey: 'pc', name: `瘦客户端 ${i}`, locationId: rack, rackUnitStart: 1 + i, rackUnitSize: 1 });
      ids.push(res.body.id as string);
    }
    const res = await eng.post('/assets/bulk', { ids, set: { status: 'retired', importance: 'important', locationId: room } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: 3 });
    for (const id of ids) {
      expect((await eng.get(`/assets/${id}`)).body).toMatchObject({ status: 'retired', importance: 'important', locationId: room, rackUnitStart: null });
      const hist = (await eng.get(`/assets/${id}/history`)).body.items[0];
      expect(hist.changes).toMatchObject({ status: ['in_use', 'retired'], locationId: [rack, room], rackUnitStart: [expect.any(Number), null] });
    }
  });

  it('changes nothing when one asset is outside the scope or a reference is invalid', async () => {
    const mine = [await asset(eng, h1, 'printer', '打印机 1'), await asset(eng, h1, 'printer', '打印机 2')];
    const theirs = await asset(other, h2, 'printer', '打印机 X');
    const foreignRoom = (await other.post('/locations', { orgId: h2, kind: 'room', name: '他院机房' })).body.id;
    const snapshot = async () => Promise.all(mine.map(async (id) => [(await eng.get(`/assets/${id}`)).body.status, (await eng.get(`/assets/${id}/history`)).body.items.length]));
    const before = await snapshot();
    const outside = await eng.post('/assets/bulk', { ids: [...mine, theirs], set: { status: 'scrapped' } });
    expect(outside.status).toBe(404);
    expect(outside.body.error.code).toBe('asset.not_found');
    const badRef = await eng.post('/assets/bulk', { ids: mine, set: { status: 'scrapped', locationId: foreignRoom } });
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.details[0].path).toEqual(['set', 'locationId']);
    expect((await eng.post('/assets/bulk', { ids: mine, set: {} })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
    expect((await other.get(`/assets/${theirs}`)).body.status).toBe('in_use');
  });
});
