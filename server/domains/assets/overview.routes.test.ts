import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetOverview, ReminderList } from '../../../shared/schemas/assets.ts';
import { createLogger } from '../../platform/log.ts';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../test/test-app.ts';
import { runAssetReminders } from './reminders.job.ts';

let app: TestApp;
let h1: string;
let h2: string;
let manager: Client;
let eng1: Client;

beforeAll(async () => {
  app = await createTestApp();
  const root = (await makeOrg(app)).id;
  h1 = (await makeOrg(app, { parentId: root, kind: 'institution', name: '州人民医院' })).id;
  h2 = (await makeOrg(app, { parentId: root, kind: 'institution', name: '县人民医院' })).id;
  manager = await signedIn(app, await makeUser(app, root, ['ops_manager']));
  eng1 = await signedIn(app, await makeUser(app, h1, ['engineer']));
  const add = async (body: Record<string, unknown>) => {
    const res = await manager.post('/assets', { kindKey: 'server', name: 'x', ...body });
    expect(res.status, res.text).toBe(201);
  };
  await add({ orgId: h1, name: 'HIS', cpu: '鲲鹏920', os: '麒麟V10', database: '达梦8', warrantyEndsOn: '2026-12-01' });
  await add({ orgId: h1, name: 'EMR', cpu: 'Intel Xeon', os: 'CentOS 7', database: 'Oracle', warrantyEndsOn: '2027-02-01', endOfServiceOn: '2027-01-15' });
  await add({ orgId: h1, name: 'LIS', cpu: '海光', os: 'Windows Server 2019', purchaseMonth: '2018-04', warrantyYears: 3, endOfServiceOn: '2025-12-31' });
  await add({ orgId: h1, kindKey: 'pc', name: '瘦客户端', quantity: 600 });
  await add({ orgId: h1, name: '旧服务器', status: 'scrapped', warrantyEndsOn: '2026-12-05' });
  await add({ orgId: h2, name: 'PACS', cpu: '飞腾', os: 'UOS', database: 'KingbaseES', warrantyEndsOn: '2026-11-30' });
  await manager.post('/maintenance-contracts', { orgId: h1, code: 'WB-1', name: '维保一', startsOn: '2026-01-01', endsOn: '2026-12-31' });
  await manager.post('/maintenance-contracts', { orgId: h1, code: 'WB-0', name: '过期维保', startsOn: '2025-01-01', endsOn: '2025-12-31' });
  await manager.post('/maintenance-contracts', { orgId: h2, code: 'WB-2', name: '维保二', startsOn: '2026-01-01', endsOn: '2027-12-31' });
});
afterAll(() => app.close());

describe('asset overview', () => {
  it('counts live assets by kind and organisation, warranty, end of service and contracts', async () => {
    const res = await manager.get('/assets/overview');
    expect(res.status).toBe(200);
    const o = AssetOverview.strict().parse(res.body);
    expect(o).toMatchObject({ today: '2026-11-22', total: 5, quantity: 604 });
    expect(o.byStatus).toEqual(expect.arrayContaining([{ status: 'in_use', count: 5 }, { status: 'scrapped', count: 1 }]));
    expect(o.byKind.map((k) => [k.kindKey, k.count, k.quantity])).toEqual([['server', 4, 4], ['pc', 1, 600]]);
    expect(o.byOrganisation.map((x) => [x.orgName, x.count])).toEqual([['州人民医院', 4], ['县人民医院', 1]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(o.warranty).toEqual({ in: 3, out: 1, unknown: 1, expiring30: 2, expiring90: 3 });
    expect(o.endOfService).toEqual({ past: 1, within90: 1 });
    expect(o.contracts).toEqual({ active: 2, expired: 1, expiring90: 1 });
  });

  it('gives the 信创 share per organisation among assets whose product is known', async () => {
    const o = AssetOverview.parse((await manager.get('/assets/overview')).body);
    const h1Row = o.byOrganisation.find((x) => x.orgId === h1)!;
    expect(h1Row.xinchuang.cpu).toEqual({ domestic: 2, foreign: 1, unknown: 1, share: 0.667 });
    expect(h1Row.xinchuang.os).toEqual({ domestic: 1, foreign: 2, unknown: 1, share: 0.333 });
    expect(h1Row.xinchuang.database).toEqual({ domestic: 1, foreign: 1, unknown: 2, share: 0.5 });
    expect(o.byOrganisation.find((x) => x.orgId === h2)!.xinchuang.database.share).toBe(1);
    expect(o.xinchuang.cpu).toEqual({ domestic: 3, foreign: 1, unknown: 1, share: 0.75 });
  });

  it('narrows to an organisation and to the caller\'s scope', async () => {
    const one = AssetOverview.parse((await manager.get(`/assets/overview?orgId=${h2}`)).body);
    expect(one.total).toBe(1);
    expect(one.contracts).toEqual({ active: 1, expired: 0, expiring90: 0 });
    const local = AssetOverview.parse((await eng1.get('/assets/overview')).body);
    expect(local.byOrganisation.map((x) => x.orgId)).toEqual([h1]);
    expect((await eng1.get(`/assets/overview?orgId=${h2}`)).status).toBe(404);
  });
});

describe('reminders', () => {
  it('lists warranty, end-of-service and contract ends due within the window, soonest first', async () => {
    const res = await manager.get('/assets/reminders?days=90');
    expect(res.status).toBe(200);
    const r = ReminderList.strict().parse(res.body);
    expect(r.items.map((i) => [i.type, i.name, i.dueOn, i.daysLeft])).toEqual([
      ['warranty', 'PACS', '2026-11-30', 8],
      ['warranty', 'HIS', '2026-12-01', 9],
      ['contract', '维保一', '2026-12-31', 39],
      ['end_of_service', 'EMR', '2027-01-15', 54],
      ['warranty', 'EMR', '2027-02-01', 71],
    ]);
    const local = ReminderList.parse((await eng1.get('/assets/reminders?days=30')).body);
    expect(local.items.map((i) => i.name)).toEqual(['HIS']);
  });

  it('runs as the daily job over every organisation', async () => {
    const summary = await runAssetReminders(app.services.assetOverview, createLogger('silent'), 30);
    expect(summary).toEqual({ today: '2026-11-22', warranty: 2, endOfService: 0, contract: 0, byOrganisation: { [h1]: 1, [h2]: 1 } });
  });
});
