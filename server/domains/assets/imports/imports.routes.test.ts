import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../../test/test-app.ts';
import { readFixture, seed002Xlsx } from '../ledger/fixtures/workbooks.ts';
import { SEED002_MAINTENANCE } from '../ledger/fixtures/seed-tables.ts';
import { upload } from './helpers.test-util.ts';

let app: TestApp;
let c: Client;
let other: Client;
let orgId: string;
let otherOrgId: string;
const counts = async () => ({
  assets: Number((await app.platform.db.selectFrom('assets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  imports: Number((await app.platform.db.selectFrom('assetImports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  history: Number((await app.platform.db.selectFrom('assetHistory').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
});

beforeAll(async () => {
  app = await createTestApp();
  const root = await makeOrg(app);
  orgId = (await makeOrg(app, { parentId: root.id, kind: 'institution' })).id;
  otherOrgId = (await makeOrg(app, { parentId: root.id, kind: 'institution' })).id;
  c = await signedIn(app, await makeUser(app, orgId, ['engineer']));
  other = await signedIn(app, await makeUser(app, otherOrgId, ['ops_manager']));
});
afterAll(() => app.close());

describe('asset import: seed 002 upload → preview → commit → history', () => {
  let importId: string;

  it('previews every row of the fixture', async () => {
    const res = await upload(app, c, await seed002Xlsx(), '硬件维保设备清单.xlsx', { orgId, duplicateAction: 'skip' });
    expect(res.status, res.text).toBe(201);
    importId = res.body.id;
    expect(res.body).toMatchObject({ status: 'preview', orgId, fileName: '硬件维保设备清单.xlsx', duplicateAction: 'skip' });
    expect(res.body.fileSha).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.summary).toMatchObject({ total: SEED002_MAINTENANCE.length, create: SEED002_MAINTENANCE.length, update: 0, error: 0 });
    expect(res.body.sheets[0].mapping.find((m: any) => m.header === '名称型号').field).toBe('nameModel');
    const rows = await c.get(`/asset-imports/${importId}/rows?pageSize=200`);
    expect(rows.status).toBe(200);
    expect(rows.body.total).toBe(SEED002_MAINTENANCE.length);
    // unknown locations are created on commit, with a warning in the preview
    expect(rows.body.items[0].warnings.join()).toContain('永和路数据中心');
    const page2 = await c.get(`/asset-imports/${importId}/rows?page=2&pageSize=10&action=create`);
    expect(page2.body.items).toHaveLength(10);
    expect(page2.body.items[0].rowNumber).toBe(13);
  });

  it('commits in one go; the assets carry brand, model, quantity, unit, month, warranty end and 过保', async () => {
    const before = await counts();
    const res = await c.post(`/asset-imports/${importId}/commit`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'committed', result: { created: SEED002_MAINTENANCE.length, updated: 0, skipped: 0 } });
    expect(res.body.result.locationsCreated).toBe(3);
    const after = await counts();
    expect(after.assets - before.assets).toBe(SEED002_MAINTENANCE.length);
    const list = await c.get(`/assets?orgId=${orgId}&pageSize=100&q=x3850`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ kindKey: 'server', brand: '联想', quantity: 9, unit: '台', purchaseMonth: '2017-12', warrantyYears: 3, warrantyEndsOn: '2020-12-31', warrantyStatus: 'out' });
    expect(list.body.items[0].locationName).toBe('永和路数据中心');
    expect(list.body.items[0].code).toMatch(/^SRV-/);
    const out = await c.get(`/assets?orgId=${orgId}&warranty=out&pageSize=1`);
    expect(out.body.total).toBe(SEED002_MAINTENANCE.length);
    const hist = await c.get(`/assets/${list.body.items[0].id}/history`);
    expect(hist.body.items[0]).toMatchObject({ action: 'import', importId });
    const audit = await app.platform.db.selectFrom('auditEvents').select(['eventType', 'detail']).where('eventType', '=', 'asset_import.commit').execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses a second commit and lists the import in the history', async () => {
    const again = await c.post(`/asset-imports/${importId}/commit`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('asset_import.not_preview');
    const history = await c.get(`/asset-imports?orgId=${orgId}`);
    expect(history.body.items.map((i: any) => i.id)).toContain(importId);
    expect(history.body.items.find((i: any) => i.id === importId).result.created).toBe(SEED002_MAINTENANCE.length);
  });

  it('re-upload: all duplicates; skip leaves them, update changes only what differs', async () => {
    const skip = await upload(app, c, await seed002Xlsx(), 'again.xlsx', { orgId, duplicateAction: 'skip' });
    expect(skip.body.summary).toMatchObject({ create: 0, skip: SEED002_MAINTENANCE.length, duplicates: SEED002_MAINTENANCE.length, unchanged: SEED002_MAINTENANCE.length });
    // change one quantity in the file
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await seed002Xlsx()) as never);
    wb.worksheets[0]!.getCell('D3').value = 3;
    const changed = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(app, c, changed, 'changed.xlsx', { orgId, duplicateAction: 'update' });
    expect(up.body.summary).toMatchObject({ create: 0, update: SEED002_MAINTENANCE.length, unchanged: SEED002_MAINTENANCE.length - 1 });
    const before = await counts();
    const done = await c.post(`/asset-imports/${up.body.id}/commit`);
    expect(done.status, done.text).toBe(200);
    expect(done.body.result).toMatchObject({ created: 0, updated: 1 });
    const after = await counts();
    expect(after.assets).toBe(before.assets);
    expect(after.history - before.history).toBe(1);
    const h = await app.platform.db.selectFrom('assetHistory').selectAll().where('importId', '=', up.body.id).execute();
    expect(h).toHaveLength(1);
    expect(h[0]!.changes).toEqual({ quantity: [2, 3] });
  });
});

describe('asset import: moving an asset', () => {
  it('clears the U position when a re-import puts a racked asset in another location', async () => {
    const room = (await c.post('/locations', { orgId, kind: 'room', name: '主机房' })).body;
    const rack = (await c.post('/locations', { orgId, parentId: room.id, kind: 'rack', name: 'A01', rackUnits: 42 })).body;
    const created = await c.post('/assets', { orgId, kindKey: 'server', name: '移机测试服务器', serialNumber: 'MOVE-U-1', locationId: rack.id, rackUnitStart: 10, rackUnitSize: 2 });
    expect(created.status, created.text).toBe(201);
    const csv = Buffer.from('设备名称,序列号,所属区域\n移机测试服务器,MOVE-U-1,备用机房\n', 'utf8');
    const up = await upload(app, c, csv, 'move.csv', { orgId, duplicateAction: 'update', defaultKindKey: 'server' });
    expect(up.status, up.text).toBe(201);
    expect(up.body.summary).toMatchObject({ update: 1 });
    expect((await c.post(`/asset-imports/${up.body.id}/commit`)).status).toBe(200);
    const after = (await c.get(`/assets/${created.body.id}`)).body;
    expect(after.locationId).not.toBe(rack.id);
    expect(after.rackUnitStart).toBeNull();
    expect(after.rackUnitSize).toBeNull();
  });
});

describe('asset import: errors, malformed files, tenancy', () => {
  it('a row with an error blocks the commit until it is skipped', async () => {
    const csv = Buffer.from('设备名称,数量,购置年月\n甲服务器,2,2018.4\n乙服务器,1,明年\n', 'utf8');
    const res = await upload(app, c, csv, 'bad.csv', { orgId, defaultKindKey: 'server', duplicateAction: 'skip' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.summary).toMatchObject({ total: 2, create: 1, error: 1 });
    const before = await counts();
    const refused = await c.post(`/asset-imports/${res.body.id}/commit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('asset_import.has_errors');
    expect(await counts()).toMatchObject({ assets: before.assets });
    const patched = await c.patch(`/asset-imports/${res.body.id}`, { rows: [{ sheet: res.body.sheets[0].name, rowNumber: 3, action: 'skip' }] });
    expect(patched.body.summary).toMatchObject({ create: 1, skip: 1, error: 0 });
    const ok = await c.post(`/asset-imports/${res.body.id}/commit`);
    expect(ok.status, ok.text).toBe(200);
    expect((await counts()).assets).toBe(before.assets + 1);
  });

  it('a remap recomputes the preview without the file', async () => {
    const csv = Buffer.from('设备名称,数量,规格\n丙交换机,4,S5720\n', 'utf8');
    const res = await upload(app, c, csv, 'remap.csv', { orgId, defaultKindKey: 'switch', duplicateAction: 'skip' });
    const sheet = res.body.sheets[0];
    const patched = await c.patch(`/asset-imports/${res.body.id}`, { sheets: [{ name: sheet.name, mapping: [{ index: 2, field: 'model' }] }] });
    expect(patched.status, patched.text).toBe(200);
    const rows = await c.get(`/asset-imports/${res.body.id}/rows`);
    expect(rows.body.items[0].values).toMatchObject({ name: '丙交换机', model: 'S5720', quantity: 4, kindKey: 'switch' });
    expect((await c.post(`/asset-imports/${res.body.id}/discard`)).body.status).toBe('discarded');
  });

  it.each([
    ['a PNG named .xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'photo.xlsx', 'ledger.not_a_spreadsheet'],
    ['an empty file', Buffer.alloc(0), 'empty.xlsx', 'ledger.empty'],
  ])('%s is a 400 with its code, in Chinese too, and writes nothing', async (_label, bytes, name, code) => {
    const before = await counts();
    const res = await upload(app, c, bytes, name, { orgId, duplicateAction: 'skip' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('a GBK CSV is read', async () => {
    const res = await upload(app, c, readFixture('department-devices-gbk.csv'), '科室设备.csv', { orgId, defaultKindKey: 'pc', duplicateAction: 'skip' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.summary.total).toBeGreaterThan(0);
  });

  it('another organisation cannot see or commit an import; uploading into it is 404', async () => {
    const res = await upload(app, c, Buffer.from('设备名称,数量\n丁服务器,1\n'), 'x.csv', { orgId, defaultKindKey: 'server', duplicateAction: 'skip' });
    expect((await other.get(`/asset-imports/${res.body.id}`)).status).toBe(404);
    expect((await other.post(`/asset-imports/${res.body.id}/commit`)).status).toBe(404);
    expect((await upload(app, c, Buffer.from('设备名称,数量\n丁服务器,1\n'), 'x.csv', { orgId: otherOrgId, duplicateAction: 'skip' })).status).toBe(404);
  });
});
