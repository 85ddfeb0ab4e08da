import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Asset, AssetListQuery, AssetPage } from '../../../shared/schemas/assets.ts';
import { Page } from '../../../shared/schemas/common.ts';
import type { Actor } from '../../platform/actor.ts';
import { actorOf, createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';
import { createAssetService } from './assets.service.ts';

let app: TestApp;
let h1: { id: string; code: string };
let dept: { id: string };
let eng: Client;
let engActor: Actor;
let ids: Record<string, string>;
let room: string;
let contract: string;
let vendor: string;

const codes = async (c: Client, query: string) => {
  const res = await c.get(`/assets?pageSize=100&${query}`);
  expect(res.status, res.text).toBe(200);
  return Page(Asset.strict()).parse(res.body).items.map((a) => a.name).sort();
};

beforeAll(async () => {
  app = await createTestApp();
  const root = await makeOrg(app);
  h1 = await makeOrg(app, { parentId: root.id, kind: 'institution' });
  dept = await makeOrg(app, { parentId: h1.id, kind: 'department' });
  const h2 = await makeOrg(app, { parentId: root.id, kind: 'institution' });
  const engUser = await makeUser(app, h1.id, ['engineer']);
  eng = await signedIn(app, engUser);
  engActor = await actorOf(app, engUser);
  const otherEng = await signedIn(app, await makeUser(app, h2.id, ['engineer']));
  const site = (await eng.post('/locations', { orgId: h1.id, kind: 'site', name: '院本部' })).body.id;
  room = (await eng.post('/locations', { orgId: h1.id, parentId: site, kind: 'room', name: '中心机房' })).body.id;
  const rack = (await eng.post('/locations', { orgId: h1.id, parentId: room, kind: 'rack', name: 'A01' })).body.id;
  vendor = (await eng.post('/vendors', { orgId: h1.id, name: '华为' })).body.id;
  contract = (await eng.post('/maintenance-contracts', { orgId: h1.id, vendorId: vendor, code: 'WB-1', name: '维保', startsOn: '2026-01-01', endsOn: '2026-12-31' })).body.id;
  const make = async (name: string, body: Record<string, unknown>) => {
    const res = await eng.post('/assets', { orgId: h1.id, kindKey: 'server', name, ...body });
    expect(res.status, res.text).toBe(201);
    return [name, res.body.id as string] as const;
  };
  ids = Object.fromEntries([
    await make('HIS应用服务器', { brand: '华为', model: 'TaiShan 200', serialNumber: '2102311TYBN0K8000123', managementIps: ['10.10.1.21'], hostNames: ['his-app-01'], cpu: '鲲鹏920', os: '麒麟V10', database: '达梦8', importance: 'core', warrantyEndsOn: '2026-12-10', locationId: rack, rackUnitStart: 1, rackUnitSize: 2, contractId: contract, vendorId: vendor }),
    await make('EMR数据库服务器', { brand: '戴尔', model: 'R740', serialNumber: 'CN7XK33', managementIps: ['10.10.1.31'], cpu: 'Intel Xeon 6130', os: 'CentOS 7', database: 'Oracle 11g', importance: 'core', warrantyEndsOn: '2027-01-31', locationId: room }),
    await make('LIS服务器', { brand: '浪潮', model: 'NF5280M5', purchaseMonth: '2018-04', warrantyYears: 3, cpu: '海光7285', os: 'Windows Server 2016', importance: 'important', status: 'under_repair' }),
    await make('体检服务器', { brand: 'HPE', model: 'DL380 Gen10', warrantyEndsOn: '2029-06-30', status: 'in_stock' }),
    await make('核心交换机', { kindKey: 'switch', brand: '华为', model: 'CE6881', managementIps: ['10.10.0.1'] }),
    await make('放射科PC', { kindKey: 'pc', orgId: dept.id, quantity: 12, unit: '台', model: 'ThinkCentre M720' }),
    await make('100%可用率监控', { kindKey: 'environment_monitor', model: 'X_1' }),
  ]);
  // Another hospital's asset that must never show up.
  expect((await otherEng.post('/assets', { orgId: h2.id, kindKey: 'server', name: 'HIS应用服务器 (H2)', managementIps: ['10.10.1.21'] })).status).toBe(201);
});
afterAll(() => app.close());

describe('asset list', () => {
  it('filters by kind, status, importance, organisation subtree and location subtree', async () => {
    expect(await codes(eng, 'kind=switch')).toEqual(['核心交换机']);
    expect(await codes(eng, 'status=under_repair')).toEqual(['LIS服务器']);
    expect(await codes(eng, 'importance=core')).toEqual(['EMR数据库服务器', 'HIS应用服务器']);
    expect(await codes(eng, `orgId=${dept.id}`)).toEqual(['放射科PC']);
    expect((await codes(eng, `orgId=${h1.id}`)).length).toBe(7);
    // The room holds one server directly and another in its rack.
    expect(await codes(eng, `locationId=${room}`)).toEqual(['EMR数据库服务器', 'HIS应用服务器']);
    expect(await codes(eng, `contractId=${contract}`)).toEqual(['HIS应用服务器']);
    expect(await codes(eng, `vendorId=${vendor}`)).toEqual(['HIS应用服务器']);
  });

  it('filters by warranty state on the Beijing date', async () => {
    expect(await codes(eng, 'warranty=expiring30')).toEqual(['HIS应用服务器']);
    expect(await codes(eng, 'warranty=expiring90')).toEqual(['EMR数据库服务器', 'HIS应用服务器']);
    expect(await codes(eng, 'warranty=out')).toEqual(['LIS服务器']);
    expect(await codes(eng, 'warranty=in')).toEqual(['EMR数据库服务器', 'HIS应用服务器', '体检服务器']);
    expect((await codes(eng, 'warranty=unknown')).length).toBe(3);
  });

  it('filters by 信创 overall or on one dimension', async () => {
    expect(await codes(eng, 'xinchuang=domestic')).toEqual(['HIS应用服务器']);
    expect(await codes(eng, 'xinchuang=foreign')).toEqual(['EMR数据库服务器', 'LIS服务器']);
    expect(await codes(eng, 'xinchuang=domestic&xinchuangOn=cpu')).toEqual(['HIS应用服务器', 'LIS服务器']);
    expect(await codes(eng, 'xinchuang=foreign&xinchuangOn=database')).toEqual(['EMR数据库服务器']);
  });

  it('searches name, model, serial, code, IP and host name, case-insensitively and literally', async () => {
    expect(await codes(eng, `q=${encodeURIComponent('数据库')}`)).toEqual(['EMR数据库服务器']);
    expect(await codes(eng, 'q=taishan')).toEqual(['HIS应用服务器']);
    expect(await codes(eng, 'q=cn7xk')).toEqual(['EMR数据库服务器']);
    expect(await codes(eng, 'q=10.10.1.21')).toEqual(['HIS应用服务器']);
    expect(await codes(eng, 'q=HIS-APP')).toEqual(['HIS应用服务器']);
    expect(await codes(eng, `q=SW-${h1.code}`)).toEqual(['核心交换机']);
    expect(await codes(eng, `q=${encodeURIComponent('100%')}`)).toEqual(['100%可用率监控']);
    expect(await codes(eng, 'q=X_1')).toEqual(['100%可用率监控']);
    // Without escaping, % would match the _ in X_1.
    expect(await codes(eng, `q=${encodeURIComponent('x%1')}`)).toEqual([]);
    expect(await codes(eng, `q=${encodeURIComponent('华为')}`)).toEqual(['HIS应用服务器', '核心交换机']);
  });

  it('finds one- and two-character Chinese terms, and IPs by their start', async () => {
    expect(await codes(eng, `q=${encodeURIComponent('检')}`)).toEqual(['体检服务器']);
    expect(await codes(eng, `q=${encodeURIComponent('应用')}`)).toEqual(['HIS应用服务器']);
    expect(await codes(eng, `q=${encodeURIComponent('PC')}`)).toEqual(['放射科PC']);
    expect(await codes(eng, `q=${encodeURIComponent('科p')}`)).toEqual(['放射科PC']);
    expect(await codes(eng, `q=${encodeURIComponent('机房')}`)).toEqual([]);
    expect(await codes(eng, 'q=10.10.1.')).toEqual(['EMR数据库服务器', 'HIS应用服务器']);
    expect(await codes(eng, 'q=10.10.1.2')).toEqual(['HIS应用服务器']);
    expect(await codes(eng, 'q=10.10')).toEqual(['EMR数据库服务器', 'HIS应用服务器', '核心交换机']);
    // A start, not any substring: 0.10.1 is inside 10.10.1.21 but begins no address.
    expect(await codes(eng, 'q=0.10.1')).toEqual([]);
    const keys = await sql<{ k: string[] }>`select asset_search_keys('a-1 华为服务器', array['10.0.12.5', 'fe80::1']) as k`.execute(app.platform.db);
    expect([...new Set(keys.rows[0]!.k)].sort()).toEqual(['10.', '10.0', '10.0.', '10.0.1', '10.0.12', '10.0.12.', '10.0.12.5', '为', '为服', '务', '务器', '华', '华为', '器', '服', '服务'].sort());
  });

  it('pages and sorts, with the total of the whole filter', async () => {
    const page1 = (await eng.get('/assets?pageSize=3&page=1&sort=code')).body;
    const page3 = (await eng.get('/assets?pageSize=3&page=3&sort=code')).body;
    expect(page1.total).toBe(7);
    expect(page1.items).toHaveLength(3);
    expect(page3.items).toHaveLength(1);
    const all = (await eng.get('/assets?pageSize=100&sort=-code')).body.items.map((a: { code: string }) => a.code);
    expect(all).toEqual([...all].sort().reverse());
    const byWarranty = (await eng.get('/assets?pageSize=100&sort=warrantyEndsOn')).body.items.map((a: { warrantyEndsOn: string | null }) => a.warrantyEndsOn);
    expect(byWarranty.slice(0, 4)).toEqual(['2021-04-30', '2026-12-10', '2027-01-31', '2029-06-30']);
    expect(byWarranty.slice(4)).toEqual([null, null, null]);
    expect(AssetPage.strict().parse(page1).isTotalCapped).toBe(false);
    // A page past the end still says how many there are.
    expect((await eng.get('/assets?pageSize=3&page=9')).body).toMatchObject({ items: [], total: 7, isTotalCapped: false });
    expect((await eng.get('/assets?warranty=soon')).status).toBe(400);
    expect(AssetListQuery.safeParse({ pageSize: 1000 }).success).toBe(false);
  });

  it('counts exactly up to the cap past the page, and says when it stopped', async () => {
    const capped = createAssetService(app.platform, { totalCaps: { filter: 3, search: 1 } });
    const list = (q: Record<string, unknown>) => capped.list(engActor, AssetListQuery.parse(q));
    // 7 match; counting stops at offset + 3.
    expect(await list({ pageSize: 2 })).toMatchObject({ total: 3, isTotalCapped: true });
    expect((await list({ pageSize: 2, page: 2 })).total).toBe(5);
    // From offset 4 the cap (7) reaches the end: exact again.
    expect(await list({ pageSize: 2, page: 3 })).toMatchObject({ total: 7, isTotalCapped: false });
    // A short page is the last one, and counts itself.
    const last = await list({ pageSize: 2, page: 4 });
    expect(last).toMatchObject({ total: 7, isTotalCapped: false });
    expect(last.items.map((a) => a.code)).toEqual((await list({ pageSize: 100 })).items.slice(6).map((a) => a.code));
    expect(await list({ pageSize: 2, q: 'no-such-asset' })).toMatchObject({ items: [], total: 0, isTotalCapped: false });
    // A text search counts less far: its count rechecks every candidate row.
    expect(await list({ pageSize: 1, q: '服务器' })).toMatchObject({ total: 1, isTotalCapped: true });
    expect(await list({ pageSize: 2, q: '服务器', page: 2 })).toMatchObject({ total: 3, isTotalCapped: true });
    expect(await list({ pageSize: 2, page: 50 })).toMatchObject({ items: [], total: 7, isTotalCapped: false });
  });

  it('uses the pg_trgm index when the extension is available', async () => {
    const ext = await sql`select extname from pg_extension where extname = 'pg_trgm'`.execute(app.platform.db);
    expect(ext.rows).toHaveLength(1);
    const idx = await sql`select indexname from pg_indexes where indexname in ('assets_search_trgm_idx', 'assets_search_keys_idx')`.execute(app.platform.db);
    expect(idx.rows).toHaveLength(2);
    expect(ids['HIS应用服务器']).toBeDefined();
  });
});
