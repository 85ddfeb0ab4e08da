import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mapColumns } from './columns.ts';
import { LedgerFileError } from './errors.ts';
import { writeLedgerXlsx, type ExportColumn } from './export.ts';
import { seed002Xlsx } from './fixtures/workbooks.ts';
import { normalizeRows } from './normalize.ts';
import { readLedgerFile } from './read-workbook.ts';
import { templateColumnsForKind, writeTemplateXlsx } from './template.ts';

async function collect(write: (s: Writable) => Promise<unknown>): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => sink.on('end', r));
  await write(sink);
  await done;
  return Buffer.concat(chunks);
}

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const COLUMNS: ExportColumn[] = [
  { key: 'assetCode', header: '资产编号', text: true },
  { key: 'kind', header: '类别' },
  { key: 'name', header: '设备名称', width: 30 },
  { key: 'brand', header: '品牌' },
  { key: 'model', header: '型号' },
  { key: 'serialNumber', header: '序列号', text: true },
  { key: 'quantity', header: '数量' },
  { key: 'unit', header: '单位' },
  { key: 'purchaseMonth', header: '购置年月', text: true },
  { key: 'warrantyYears', header: '保修期限' },
  { key: 'warrantyEndsOn', header: '保修截止', text: true },
  { key: 'warrantyStatus', header: '保修状态' },
  { key: 'location', header: '所属区域' },
  { key: 'ips', header: 'IP地址', text: true },
];

describe('writeLedgerXlsx', () => {
  it('streams a sheet with a bold, frozen, filtered header and text columns', async () => {
    async function* rows() {
      yield { assetCode: '00123', name: '戴尔R740服务器', serialNumber: '12345678901234567890', quantity: 2, ips: ['10.0.0.1', '10.0.0.2'], purchaseMonth: '2018-04' };
      yield { assetCode: '00124', name: '=HYPERLINK("x")', quantity: 1, warrantyEndsOn: new Date(Date.UTC(2021, 3, 30)), notes: 'bell\u0007' };
    }
    const buf = await collect((s) => writeLedgerXlsx(s, rows(), COLUMNS));
    const ws = (await load(buf)).worksheets[0];
    expect(ws?.name).toBe('资产台账');
    expect(ws?.getRow(1).getCell(1).value).toBe('资产编号');
    expect(ws?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws?.autoFilter).toBe('A1:N1');
    const first = ws?.getRow(2);
    expect(first?.getCell(1).value).toBe('00123');
    expect(first?.getCell(1).numFmt).toBe('@');
    expect(first?.getCell(6).value).toBe('12345678901234567890');
    expect(first?.getCell(7).value).toBe(2);
    expect(first?.getCell(14).value).toBe('10.0.0.1、10.0.0.2');
    const second = ws?.getRow(3);
    expect(second?.getCell(3).value).toBe('=HYPERLINK("x")'); // a string, never a formula
    expect(second?.getCell(11).value).toBe('2021-04-30');
  });

  it('exports seed 002 and imports it back unchanged', async () => {
    const file = await readLedgerFile(await seed002Xlsx(), 'seed002.xlsx');
    const sheet = file.sheets[0];
    if (!sheet) throw new Error('no sheet');
    const { rows } = normalizeRows(sheet, mapColumns(sheet.headers).mapping, { today: '2022-11-01' });
    const records = rows.map((r, i) => ({
      ...r.values,
      assetCode: `JA-${String(i + 1).padStart(5, '0')}`,
      kind: r.values.kindKey,
      warrantyStatus: r.values.warrantyStatusDeclared === 'in' ? '保内' : '过保',
    }));
    const buf = await collect((s) => writeLedgerXlsx(s, records, COLUMNS, { sheetName: '导出' }));
    const back = await readLedgerFile(buf, 'export.xlsx');
    const again = back.sheets[0];
    if (!again) throw new Error('no sheet');
    const mapping = mapColumns(again.headers);
    expect(mapping.unmapped).toEqual([]);
    const reimported = normalizeRows(again, mapping.mapping, { today: '2022-11-01' }).rows;
    const pick = (v: (typeof rows)[number]['values']) => [v.kindKey, v.name, v.brand, v.model, v.quantity, v.unit, v.purchaseMonth, v.warrantyYears, v.warrantyEndsOn, v.warrantyStatusDeclared, v.location];
    expect(reimported.map((r) => pick(r.values))).toEqual(rows.map((r) => pick(r.values)));
    expect(reimported[0]?.values.assetCode).toBe('JA-00001');
  });

  it('writes 100,000 rows with flat memory', async () => {
    let bytes = 0;
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        setImmediate(cb); // a consumer slower than the producer
      },
    });
    const finished = new Promise((r) => sink.on('finish', r));
    let peak = 0;
    async function* rows() {
      for (let i = 0; i < 100_000; i++) {
        if (i % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
        yield { assetCode: `ZC-${i}`, kind: 'pc', name: `瘦客户端 ${i}`, brand: '同方', model: 'T3000', quantity: 1, unit: '台', location: '门诊楼', ips: [`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`] };
      }
    }
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const result = await writeLedgerXlsx(sink, rows(), COLUMNS);
    await finished;
    expect(result.rows).toBe(100_000);
    expect(bytes).toBeGreaterThan(1_000_000);
    // exceljs's in-memory Workbook needs several hundred MB for this; the stream stays far below
    expect(peak - before).toBeLessThan(120 * 1024 * 1024);
  }, 120_000);
});

describe('writeTemplateXlsx', () => {
  it('builds a server template: * red required columns, dropdowns, 说明 and a hidden 字典', async () => {
    const buf = await writeTemplateXlsx({ kindKey: 'server', columns: templateColumnsForKind('server') });
    const wb = await load(buf);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['服务器台账', 'visible'],
      ['说明', 'visible'],
      ['字典', 'hidden'],
    ]);
    const ws = wb.getWorksheet('服务器台账');
    const headers = (ws?.getRow(1).values as unknown[]).slice(1);
    expect(headers[0]).toBe('*设备名称');
    expect(ws?.getRow(1).getCell(1).font?.color?.argb).toBe('FFFF0000');
    expect(ws?.getRow(1).getCell(2).font?.color?.argb).toBe('FF000000');
    expect(headers).toContain('IP地址');
    const col = (h: string) => headers.indexOf(h) + 1;
    expect(ws?.getRow(2).getCell(col('重要程度')).dataValidation).toMatchObject({ type: 'list', formulae: ['"核心,重要,一般"'] });
    expect(ws?.getRow(500).getCell(col('使用状态')).dataValidation).toMatchObject({ type: 'list', formulae: ['"在用,库存,维修,报废,停用"'] });
    expect(ws?.getRow(2).getCell(col('资产编号')).numFmt).toBe('@');
    expect(String(wb.getWorksheet('说明')?.getCell('A1').value)).toContain('服务器台账导入模板');
  });

  it('puts a long list in the 字典 sheet', async () => {
    const wb = await load(await writeTemplateXlsx({ columns: templateColumnsForKind() }));
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).getCell(1).value).toBe('类别');
    expect(ws?.getRow(2).getCell(1).dataValidation?.formulae?.[0]).toMatch(/^'字典'!\$A\$2:\$A\$20$/);
    expect(wb.getWorksheet('字典')?.getCell('A3').value).toBe('存储设备');
  });

  it('imports back: the empty template is "empty", a filled one maps every column', async () => {
    const columns = templateColumnsForKind('software_system');
    const buf = await writeTemplateXlsx({ kindKey: 'software_system', columns });
    await expect(readLedgerFile(buf, 'template.xlsx')).rejects.toMatchObject({ code: 'ledger.empty' });
    await expect(readLedgerFile(buf, 'template.xlsx')).rejects.toBeInstanceOf(LedgerFileError);

    const wb = await load(buf);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    ws.getRow(2).getCell(1).value = 'HIS';
    ws.getRow(2).getCell(columns.findIndex((c) => c.key === 'importance') + 1).value = '核心';
    ws.getRow(2).getCell(columns.findIndex((c) => c.key === 'relatedTo') + 1).value = 'HIS数据库服务器、HIS应用服务器';
    const file = await readLedgerFile(Buffer.from(await wb.xlsx.writeBuffer()), 'filled.xlsx');
    expect(file.skippedSheets).toEqual([
      { name: '说明', reason: 'no_header' },
      { name: '字典', reason: 'hidden' },
    ]);
    const sheet = file.sheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(mapColumns(sheet.headers).unmapped).toEqual([]);
    const [row] = normalizeRows(sheet, mapColumns(sheet.headers).mapping, { defaultKindKey: 'software_system', today: '2024-01-01' }).rows;
    expect(row?.values).toMatchObject({ name: 'HIS', kindKey: 'software_system', importance: 'core', relatedTo: ['HIS数据库服务器', 'HIS应用服务器'] });
  });
});
