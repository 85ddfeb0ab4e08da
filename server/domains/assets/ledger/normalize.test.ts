import { describe, expect, it } from 'vitest';
import { mapColumns } from './columns.ts';
import { KIND_KEYS, KIND_LABELS } from './dictionaries.ts';
import { formulaXlsx, quirkyCellsXlsx } from './fixtures/workbooks.ts';
import { normalizeRows, type NormalizeOptions } from './normalize.ts';
import { readLedgerFile, type LedgerSheet } from './read-workbook.ts';

const TODAY = '2022-11-01';

async function importFile(buf: Buffer, fileName: string, options: NormalizeOptions = {}) {
  const file = await readLedgerFile(buf, fileName);
  return file.sheets.map((sheet) => ({ sheet, ...normalizeRows(sheet, mapColumns(sheet.headers).mapping, { today: TODAY, ...options }) }));
}

describe('normalizeRows rules', () => {
  const sheet = (headers: string[], rows: string[][]): LedgerSheet => ({
    name: 'S',
    headerRow: 1,
    headers,
    rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
    warnings: [],
  });
  const run = (s: LedgerSheet, options: NormalizeOptions = {}) => normalizeRows(s, mapColumns(s.headers).mapping, { today: TODAY, ...options });

  it('requires a name and skips empty rows, rows with only a 序号, and 合计 rows', () => {
    const { rows, skipped } = run(
      sheet(['序号', '设备名称', '数量'], [
        ['1', '戴尔R740服务器', '2台'],
        ['', '', ''],
        ['2', '', ''],
        ['3', '', '5台'],
        ['合计', '', '7台'],
        ['', '小计：', '7'],
      ]),
    );
    expect(rows.map((r) => [r.rowNumber, r.errors])).toEqual([
      [2, []],
      [5, [{ field: 'name', message: '设备名称为空' }]],
    ]);
    expect(skipped.map((s) => [s.rowNumber, s.reason, s.message])).toEqual([
      [6, 'subtotal', '第 6 行是合计行，已跳过'],
      [7, 'subtotal', '第 7 行是合计行，已跳过'],
    ]);
  });

  it('prefers explicit brand/model columns over what the name says', () => {
    const { rows } = run(sheet(['名称型号', '品牌', '型号'], [['戴尔R740服务器', 'Dell', 'PowerEdge R740xd'], ['华为交换机', '', 'S5735']]));
    expect(rows[0]?.values).toMatchObject({ name: '戴尔R740服务器', brand: 'Dell', brandKey: 'dell', model: 'PowerEdge R740xd', kindKey: 'server' });
    expect(rows[1]?.values).toMatchObject({ brand: '华为', brandKey: 'huawei', model: 'S5735', kindKey: 'switch' });
  });

  it('reads every field, and reports bad values as row errors', () => {
    const headers = ['设备名称', '序列号', '资产编号', '数量', '单位', '购置日期', '质保期', '维保到期', '保修状态', '位置', '使用科室', '责任人', '管理IP', '主机名', '操作系统', 'CPU', '数据库', '中间件', '重要程度', '使用状态', '设备类型', '供应商', '备注', '运行于'];
    const { rows } = run(
      sheet(headers, [
        ['HIS数据库服务器', '6CU123', 'ZC-0001', '1', '台', '2021年6月', '五年', '', '在保', '1号楼3层机房', '信息科', '张工', '10.1.1.10\n10.1.1.11', 'his-db01', '麒麟V10', '海光7285', '达梦DM8', '东方通TongWeb', '核心', '在用', '服务器', '某某科技', '双机热备', 'HIS、EMR'],
        ['PACS存储', '1.23457E+18', '', '2.5', '', '2018.13', '60', '2021-02-30', '不清楚', '', '', '', '10.1.1.999', '', '', '', '', '', '特别', '丢了', '', '', '', ''],
      ]),
    );
    expect(rows[0]?.values).toEqual({
      name: 'HIS数据库服务器', kindKey: 'server', kindText: '服务器', serialNumber: '6CU123', assetCode: 'ZC-0001', quantity: 1, unit: '台',
      purchaseMonth: '2021-06', warrantyYears: 5, warrantyEndsOn: '2026-06-30', warrantyEndsOnComputed: true, warrantyStatusDeclared: 'in',
      location: '1号楼3层机房', department: '信息科', ownerPerson: '张工', managementIps: ['10.1.1.10', '10.1.1.11'], hostNames: ['his-db01'],
      os: '麒麟V10', cpu: '海光7285', database: '达梦DM8', middleware: '东方通TongWeb', importance: 'core', status: 'in_use', vendor: '某某科技',
      notes: '双机热备', relatedTo: ['HIS', 'EMR'],
    });
    expect(rows[0]?.errors).toEqual([]);
    expect(rows[1]?.errors.map((e) => e.field)).toEqual(['quantity', 'serialNumber', 'purchaseMonth', 'warrantyYears', 'warrantyEndsOn', 'warrantyStatus', 'importance', 'status', 'ip']);
    expect(rows[1]?.values).toMatchObject({ name: 'PACS存储', kindKey: 'storage', quantity: 1 });
  });

  it('uses a declared warranty end over the computed one, and a unit from the header', () => {
    const { rows } = run(sheet(['设备名称', '数量(台)', '购置年月', '保修期限', '保修截止', '保修状态'], [['联想SR650', '27', '2019.10', '3', '2023-10-31', '保内']]));
    expect(rows[0]?.values).toMatchObject({ quantity: 27, unit: '台', warrantyEndsOn: '2023-10-31', warrantyStatusDeclared: 'in' });
    expect(rows[0]?.values.warrantyEndsOnComputed).toBeUndefined();
    expect(rows[0]?.warnings).toEqual([]);
  });

  it('turns cells that Excel could not give a value for into errors on mapped columns', async () => {
    const [formula] = await importFile(await formulaXlsx(), 'formula.xlsx');
    expect(formula?.rows.map((r) => [r.values.name, r.values.quantity, r.errors.map((e) => e.field)])).toEqual([
      ['戴尔R740服务器', 4, []],
      ['华为S5720S-52X-SI-AC交换机', 1, ['quantity']],
    ]);
    expect(formula?.skipped.map((s) => s.reason)).toEqual(['subtotal']);
    const [quirky] = await importFile(await quirkyCellsXlsx(), 'quirky.xlsx');
    expect(quirky?.rows.map((r) => [r.values.assetCode, r.values.purchaseMonth, r.values.managementIps, r.errors.map((e) => e.field)])).toEqual([
      ['00123', '2018-04', ['10.1.1.1', '10.1.1.2'], []],
      ['A-0001', '2018-01', [], ['serialNumber', 'ip']],
      ['A-0002', '2018-10', [], []],
      ['A-0003', '2017-12', ['fe80::1'], []],
    ]);
    expect(quirky?.rows[1]?.warnings.some((w) => w.includes('10 月'))).toBe(true);
  });

  it('maps every kind key and kind label typed into 类别 back to its kind', () => {
    const { rows } = run(sheet(['设备名称', '类别'], KIND_KEYS.flatMap((k) => [['设备X', k], ['设备X', KIND_LABELS[k].zh]])));
    expect(rows.map((r) => r.values.kindKey)).toEqual(KIND_KEYS.flatMap((k) => [k, k]));
  });
});
