import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeOrg, makeUser, signedIn, type Client, type TestApp } from '../../../test/test-app.ts';
import { seed002Xlsx } from '../ledger/fixtures/workbooks.ts';
import { SEED002_MAINTENANCE } from '../ledger/fixtures/seed-tables.ts';
import { download, upload } from './helpers.test-util.ts';

let app: TestApp;
let c: Client;
let orgId: string;
let importId: string;
const workbook = async (bytes: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
};

beforeAll(async () => {
  app = await createTestApp();
  const root = await makeOrg(app);
  orgId = (await makeOrg(app, { parentId: root.id, kind: 'institution' })).id;
  c = await signedIn(app, await makeUser(app, orgId, ['ops_manager']));
  const res = await upload(app, c, await seed002Xlsx(), '硬件维保设备清单.xlsx', { orgId, duplicateAction: 'skip' });
  importId = res.body.id;
  expect((await c.post(`/asset-imports/${importId}/commit`)).status).toBe(200);
});
afterAll(() => app.close());

describe('ledger export, template and report', () => {
  it('exports the filtered ledger as xlsx with a Chinese-safe filename, and audits it', async () => {
    const res = await download(app, c, `/assets/export?orgId=${orgId}&warranty=out`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''%E8%B5%84%E4%BA%A7%E5%8F%B0%E8%B4%A6");
    const ws = (await workbook(res.bytes)).worksheets[0]!;
    expect(ws.rowCount).toBe(SEED002_MAINTENANCE.length + 1);
    expect((ws.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['类别', '资产编号', '设备名称']);
    const audit = await app.platform.db.selectFrom('auditEvents').select('detail').where('eventType', '=', 'asset.export').execute();
    expect(audit).toHaveLength(1);
  });

  it('round-trips: the export re-imported is all duplicates without changes', async () => {
    const res = await download(app, c, `/assets/export?orgId=${orgId}`);
    const again = await upload(app, c, res.bytes, 'export.xlsx', { orgId, duplicateAction: 'update' });
    expect(again.status, again.text).toBe(201);
    const rows = await c.get(`/asset-imports/${again.body.id}/rows?pageSize=200`);
    const changed = rows.body.items.filter((r: any) => !r.changes || Object.keys(r.changes).length);
    expect(changed.map((r: any) => [r.values.name, r.changes, r.errors])).toEqual([]);
    expect(again.body.summary).toMatchObject({ total: SEED002_MAINTENANCE.length, create: 0, error: 0, duplicates: SEED002_MAINTENANCE.length, unchanged: SEED002_MAINTENANCE.length });
    expect(rows.body.items.every((r: any) => r.duplicateOf?.reason === 'code')).toBe(true);
  });

  it('an empty export still opens', async () => {
    const res = await download(app, c, `/assets/export?orgId=${orgId}&q=nothing-matches-this`);
    expect((await workbook(res.bytes)).worksheets[0]!.rowCount).toBe(1);
  });

  it('the template of a kind carries its typed fields', async () => {
    const kinds = await c.get('/asset-kinds');
    const server = kinds.body.items.find((k: any) => k.key === 'server');
    const res = await download(app, c, `/asset-kinds/${server.id}/template`);
    expect(res.status).toBe(200);
    const wb = await workbook(res.bytes);
    const headers = (wb.worksheets[0]!.getRow(1).values as unknown[]).map(String);
    expect(headers).toContain('*设备名称');
    for (const f of server.fields) expect(headers.some((h) => h.replace(/^\*/, '') === f.label), f.label).toBe(true);
  });

  it('the report has one row per input row, errors in red', async () => {
    const csv = Buffer.from('设备名称,数量,购置年月\n甲服务器,2,2018.4\n乙服务器,1,明年\n', 'utf8');
    const bad = await upload(app, c, csv, 'bad.csv', { orgId, defaultKindKey: 'server', duplicateAction: 'skip' });
    const res = await download(app, c, `/asset-imports/${bad.body.id}/report`);
    expect(res.status).toBe(200);
    const ws = (await workbook(res.bytes)).worksheets[0]!;
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(3).getCell(3).value).toBe('错误');
    expect((ws.getRow(3).getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    const big = await download(app, c, `/asset-imports/${importId}/report`);
    expect((await workbook(big.bytes)).worksheets[0]!.rowCount).toBe(SEED002_MAINTENANCE.length + 1);
  });
});
