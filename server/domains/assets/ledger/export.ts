/**
 * Streams a ledger out as .xlsx with exceljs's WorkbookWriter: rows are committed as they come,
 * so 100,000 rows take flat memory. Asset codes, serials and IPs are written as text ('@') so
 * Excel does not turn "00123" into 123 or a 20-digit serial into 1.2E+19.
 */
import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';

import { columnLetter } from './template.ts';

export { columnLetter, templateColumnsForKind, writeTemplateXlsx, type TemplateColumn, type TemplateSpec } from './template.ts';

export interface ExportColumn {
  key: string;
  header: string;
  width?: number;
  /** Write as text with the '@' format (codes, serials, IPs). */
  text?: boolean;
}

const MAX_CELL = 32767;
// characters XML 1.0 cannot carry; Excel refuses a file containing them
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function toCellValue(v: unknown, text: boolean | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return sanitize(v.filter((x) => x !== null && x !== undefined && x !== '').map(String).join('、'));
  if (v instanceof Date) return text ? v.toISOString().slice(0, 10) : v;
  if (text) return sanitize(String(v));
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'object') return sanitize(JSON.stringify(v));
  return sanitize(String(v));
}

function sanitize(s: string): string {
  const clean = s.replace(XML_ILLEGAL, '');
  return clean.length > MAX_CELL ? clean.slice(0, MAX_CELL) : clean;
}

type ZipAppend = (source: unknown, data: { name: string }) => unknown;

/**
 * exceljs's WorkbookWriter hands its internal StreamBuf to archiver, whose `pipe()` returns
 * undefined (exceljs#1595). archiver ≥ 6 (forced by the package.json override) pipes every stream
 * source through a PassThrough and uses what `pipe()` returns, so each sheet fails with
 * INPUTSTEAMBUFFERREQUIRED. Hand archiver a real PassThrough fed by the StreamBuf instead.
 */
export function streamingWorkbook(stream: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const zip = (wb as unknown as { zip: { append: ZipAppend } }).zip;
  const append = zip.append.bind(zip);
  zip.append = (source, data) => {
    if (source && typeof source === 'object' && !(source instanceof Readable) && typeof (source as Readable).pipe === 'function') {
      const through = new PassThrough();
      (source as Readable).pipe(through);
      return append(through, data);
    }
    return append(source, data);
  };
  return wb;
}

/**
 * Writes rows to `stream` as one worksheet: bold, frozen header with an autofilter; text columns
 * formatted '@'. Waits for the destination to drain, so a slow client does not pile rows up in memory.
 */
export async function writeLedgerXlsx(
  stream: Writable,
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>,
  columns: ExportColumn[],
  options: { sheetName?: string } = {},
): Promise<{ rows: number }> {
  const wb = streamingWorkbook(stream);
  const last = columnLetter(Math.max(1, columns.length));
  const ws = wb.addWorksheet(options.sheetName ?? '资产台账', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    autoFilter: `A1:${last}1`,
  } as Partial<ExcelJS.AddWorksheetOptions>);
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width ?? Math.min(40, Math.max(10, c.header.length * 2 + 4)), style: c.text ? { numFmt: '@' } : {} }));
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  header.commit();

  let count = 0;
  for await (const record of rows) {
    const row = ws.addRow(columns.map((c) => toCellValue(record[c.key], c.text)));
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.text) cell.numFmt = '@';
      else if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    row.commit();
    count++;
    if (count % 500 === 0) {
      if (stream.writableNeedDrain) await once(stream, 'drain');
      else await new Promise((r) => setImmediate(r));
    }
  }
  ws.commit();
  await wb.commit();
  return { rows: count };
}
