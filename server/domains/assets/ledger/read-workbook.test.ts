import { describe, expect, it } from 'vitest';
import { LedgerFileError, type LedgerFileErrorCode } from './errors.ts';
import {
  BOM,
  deterministicBytes,
  emptySheetXlsx,
  formulaXlsx,
  headerOnlyXlsx,
  makeZip,
  manyRowsXlsx,
  noHeaderXlsx,
  pngBytes,
  quirkyCellsXlsx,
  readFixture,
  seed001HardwareXlsx,
  seed001SoftwareXlsx,
  seed002Xlsx,
  utf16leWithBom,
  zipBomb,
} from './fixtures/workbooks.ts';
import { SEED001_DEPARTMENT, SEED001_HARDWARE, SEED002_MAINTENANCE } from './fixtures/seed-tables.ts';
import { readLedgerFile, type LedgerLimits } from './read-workbook.ts';

async function rejection(buf: Buffer, fileName: string, limits?: LedgerLimits): Promise<LedgerFileError> {
  try {
    await readLedgerFile(buf, fileName, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(LedgerFileError);
    return e as LedgerFileError;
  }
  throw new Error(`expected ${fileName} to be rejected`);
}
const codeOf = async (buf: Buffer, fileName: string, limits?: LedgerLimits): Promise<LedgerFileErrorCode> => (await rejection(buf, fileName, limits)).code;

describe('readLedgerFile: xlsx', () => {
  it('finds the header under the title line and skips the blank lines of seed 001 §8', async () => {
    const file = await readLedgerFile(await seed001HardwareXlsx(), '硬件运维设备统计表.xlsx');
    expect(file.format).toBe('xlsx');
    const [sheet] = file.sheets;
    expect(sheet).toMatchObject({ name: '硬件设备', headerRow: 2, headers: ['序号', '设备名称', '总数'] });
    expect(sheet?.rows).toHaveLength(SEED001_HARDWARE.length);
    expect(sheet?.rows[0]).toEqual({ rowNumber: 3, cells: ['1', '机房动力环境监控机箱', '1台'] });
    // a blank row follows item 5 in the source, so item 6 sits on row 9
    expect(sheet?.rows[5]).toEqual({ rowNumber: 9, cells: ['6', 'HP ProLiant DL388 Gen8服务器', '2台'] });
    expect(sheet?.rows.at(-1)?.cells).toEqual(['66', '科室互联网接入', '124条']);
  });

  it('reads every sheet of a workbook', async () => {
    const file = await readLedgerFile(await seed001SoftwareXlsx(), '软件系统.xlsx');
    expect(file.sheets.map((s) => [s.name, s.headers[1], s.rows.length])).toEqual([
      ['软件系统', '系统名称（软件部分）', 25],
      ['系统接口', '系统名称 (接口部分)', 29],
    ]);
    expect(file.sheets[0]?.rows[0]?.cells).toEqual(['1', '医院信息管理系统（HIS）', '1', '套']);
  });

  it('copies the value of a merged range into each of its cells', async () => {
    const file = await readLedgerFile(await seed002Xlsx(), '硬件维保设备清单.xlsx');
    const sheet = file.sheets[0];
    expect(sheet?.rows).toHaveLength(SEED002_MAINTENANCE.length);
    const area = sheet?.rows.map((r) => r.cells[8]);
    expect(area?.filter((a) => a === '永和路数据中心')).toHaveLength(47);
    expect(area?.filter((a) => a === '容灾备份')).toHaveLength(5);
    expect(area?.filter((a) => a === '区属医疗机构')).toHaveLength(2);
    // 类别 merged over the nine 服务器 rows 5–14 of the first group
    expect(sheet?.rows.slice(4, 14).every((r) => r.cells[1] === '服务器')).toBe(true);
    expect(sheet?.rows[8]?.cells[2]).toBe('外网服务器\n联想Lenovo-RD640');
    expect(sheet?.rows[13]?.cells.slice(3, 8)).toEqual(['10', '台', '2018.4', '3', '过保']);
  });

  it('uses cached formula results and warns where a formula was never calculated; dates become YYYY-MM-DD', async () => {
    const file = await readLedgerFile(await formulaXlsx(), 'formula.xlsx');
    const sheet = file.sheets[0];
    expect(sheet?.rows.map((r) => r.cells)).toEqual([
      ['戴尔R740服务器', '2', '4', '2019-06-18'],
      ['华为S5720S-52X-SI-AC交换机', '13', '', '2020-01-02'],
      ['合计', '15', '30', ''],
    ]);
    expect(sheet?.warnings).toEqual([expect.objectContaining({ code: 'formula_no_cached_value', rowNumber: 3, column: 3 })]);
  });

  it('reads rich text, hyperlinks, numbers as Excel shows them, and flags long numbers', async () => {
    const sheet = (await readLedgerFile(await quirkyCellsXlsx(), 'quirky.xlsx')).sheets[0];
    expect(sheet?.rows.map((r) => r.cells)).toEqual([
      ['戴尔R740服务器', '00123', 'CN7Q2B3', '2018.4', '10.1.1.1，10.1.1.2', '2'],
      ['HPE DL360 G9', 'A-0001', '1234567890123456800', '2018.1', '10.1.1.300', '1'],
      ['H3C S5130S', 'A-0002', 'SN0001', '2018.10', '', '3'],
      ['华为交换机', 'A-0003', '', '2017-12-01', 'fe80::1/64', ''],
    ]);
    expect(sheet?.warnings.map((w) => [w.code, w.rowNumber])).toEqual([['number_precision', 3]]);
  });

  it('skips hidden sheets and sheets without a header, e.g. 说明', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['请从第 2 行起填写']);
    const data = wb.addWorksheet('服务器台账');
    data.addRow(['*设备名称', '品牌', '型号']);
    data.addRow(['数据库服务器', '戴尔', 'R740']);
    wb.addWorksheet('字典', { state: 'hidden' }).addRow(['设备名称', '品牌']);
    const file = await readLedgerFile(Buffer.from(await wb.xlsx.writeBuffer()), 'template.xlsx');
    expect(file.sheets.map((s) => s.name)).toEqual(['服务器台账']);
    expect(file.skippedSheets).toEqual([
      { name: '说明', reason: 'no_header' },
      { name: '字典', reason: 'hidden' },
    ]);
  });
});

describe('readLedgerFile: csv', () => {
  it('decodes a GBK CSV saved by Chinese Excel, with quoted commas, quotes and line breaks', async () => {
    const file = await readLedgerFile(readFixture('department-devices-gbk.csv'), '科室设备.csv');
    expect(file).toMatchObject({ format: 'csv', encoding: 'gb18030', delimiter: ',' });
    const sheet = file.sheets[0];
    expect(sheet).toMatchObject({ name: '科室设备', headerRow: 2, headers: ['序号', '设备名称', '数量', '备注'] });
    expect(sheet?.rows).toHaveLength(SEED001_DEPARTMENT.length);
    expect(sheet?.rows.map((r) => r.cells[1])).toEqual(SEED001_DEPARTMENT.map(([n]) => n));
    expect(sheet?.rows[0]?.cells).toEqual(['1', '科诚 EZ-1100 Plus', '49台', '门诊药房,急诊药房']);
    expect(sheet?.rows[40]?.cells).toEqual(['41', '兄弟 HL-2260D (新增1台)', '5台', '含"新增"1台\n放射科']);
  });

  it('reads UTF-8 with a BOM, UTF-8 without, UTF-16LE, and ; or tab separators', async () => {
    const text = '设备名称;品牌;数量\r\n瘦客户端;同方;600 台\r\n"机柜; 42U";;12\r\n';
    const withBom = await readLedgerFile(Buffer.concat([BOM, Buffer.from(text)]), 'a.csv');
    expect(withBom).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';' });
    expect(withBom.sheets[0]?.headers).toEqual(['设备名称', '品牌', '数量']);
    expect(withBom.sheets[0]?.rows.map((r) => r.cells)).toEqual([
      ['瘦客户端', '同方', '600 台'],
      ['机柜; 42U', '', '12'],
    ]);
    expect((await readLedgerFile(Buffer.from(text), 'a.csv')).encoding).toBe('utf-8');
    const tsv = await readLedgerFile(utf16leWithBom(text.replace(/;/g, '\t').replace('"机柜\t 42U"', '机柜 42U')), 'a.txt');
    expect(tsv).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(tsv.sheets[0]?.rows[1]?.cells).toEqual(['机柜 42U', '', '12']);
  });

  it('counts records, not lines, and warns about an unterminated quote', async () => {
    const file = await readLedgerFile(Buffer.from('设备名称,数量\n"多行\n名称",1\n"没闭合,2\n'), 'x.csv');
    expect(file.sheets[0]?.rows.map((r) => r.rowNumber)).toEqual([2, 3]);
    expect(file.sheets[0]?.warnings.map((w) => w.code)).toEqual(['unterminated_quote']);
  });
});

describe('readLedgerFile: malformed files', () => {
  it('rejects a PNG named .xlsx', async () => {
    const e = await rejection(pngBytes(), '台账.xlsx');
    expect(e.code).toBe('ledger.not_a_spreadsheet');
    expect(e.details).toMatchObject({ detected: 'PNG image' });
  });

  it('rejects random bytes named .xlsx, a legacy .xls and a Word document', async () => {
    expect(await codeOf(deterministicBytes(4096, 3), '台账.xlsx')).toBe('ledger.not_a_spreadsheet');
    expect(await codeOf(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), deterministicBytes(1024)]), '台账.xls')).toBe('ledger.not_a_spreadsheet');
    const docx = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]);
    expect((await rejection(docx, '台账.xlsx')).message).toContain('Word document');
  });

  it('rejects a ZIP that looks like a workbook but that exceljs cannot read', async () => {
    const broken = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<<<not xml') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet>') },
    ]);
    expect(await codeOf(broken, 'broken.xlsx')).toBe('ledger.not_a_spreadsheet');
    expect(await codeOf(Buffer.from('PK\u0003\u0004 truncated upload'), 'cut.xlsx')).toBe('ledger.not_a_spreadsheet');
  });

  it('rejects an empty file, an empty sheet and a header without data', async () => {
    expect(await codeOf(Buffer.alloc(0), '台账.xlsx')).toBe('ledger.empty');
    expect(await codeOf(await emptySheetXlsx(), 'empty.xlsx')).toBe('ledger.empty');
    expect(await codeOf(await headerOnlyXlsx(), 'header.xlsx')).toBe('ledger.empty');
    expect(await codeOf(Buffer.from('\r\n\r\n,,,\r\n'), 'empty.csv')).toBe('ledger.empty');
  });

  it('rejects a sheet without a recognisable header', async () => {
    expect(await codeOf(await noHeaderXlsx(), 'minutes.xlsx')).toBe('ledger.no_header');
    expect(await codeOf(Buffer.from('床前明月光\n疑是地上霜\n'), 'poem.csv')).toBe('ledger.no_header');
  });

  it('rejects files over the size limit', async () => {
    const e = await rejection(await seed001HardwareXlsx(), 'big.xlsx', { maxBytes: 1000 });
    expect(e.code).toBe('ledger.too_large');
    expect(e.details).toMatchObject({ limit: 1000 });
  });

  it('rejects zip bombs, whether the sizes are declared or lied about', async () => {
    expect(await codeOf(zipBomb(3_000_000), 'bomb.xlsx', { maxUncompressedBytes: 1_000_000 })).toBe('ledger.too_large');
    const liar = zipBomb(3_000_000, 1000);
    expect(liar.length).toBeLessThan(10_000);
    expect(await codeOf(liar, 'bomb.xlsx', { maxUncompressedBytes: 1_000_000 })).toBe('ledger.too_large');
  });

  it('rejects more rows than allowed, before building the workbook model', async () => {
    expect(await codeOf(await manyRowsXlsx(150), 'long.xlsx', { maxRows: 100 })).toBe('ledger.too_many_rows');
    expect((await readLedgerFile(await manyRowsXlsx(100), 'ok.xlsx', { maxRows: 100 })).sheets[0]?.rows).toHaveLength(100);
    const csv = Buffer.from(`设备名称,数量\n${'瘦客户端,1\n'.repeat(50_001)}`);
    expect(await codeOf(csv, 'long.csv')).toBe('ledger.too_many_rows');
  });

  it('rejects binary junk and text in an unknown encoding named .csv', async () => {
    expect(await codeOf(deterministicBytes(8192, 11), 'junk.csv')).toBe('ledger.not_a_spreadsheet');
    const controls = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(await codeOf(controls, 'junk.csv')).toBe('ledger.not_a_spreadsheet');
    const neither = Buffer.concat([Buffer.from('设备名称,数量\n'), Buffer.from([0xff, 0xfe, 0x41, 0xff]), Buffer.from(',1\n')]);
    expect(await codeOf(neither, 'bad.csv')).toBe('ledger.bad_encoding');
  });
});
