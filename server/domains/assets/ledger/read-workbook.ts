/**
 * Reads an uploaded ledger (.xlsx or .csv) into sheets of text cells under a detected header
 * row. Rejects, with a LedgerFileError, anything that is not a spreadsheet, is empty, too big,
 * too long, a zip bomb, or text in an unknown encoding.
 */
import ExcelJS from 'exceljs';
import { looksLikeHeader } from './columns.ts';
import { decodeText, detectDelimiter, looksBinary, parseDelimited, type TextEncodingName } from './csv.ts';
import { LedgerFileError } from './errors.ts';
import { cleanText } from './name-model.ts';
import { inspectXlsxZip, isZip } from './zip-guard.ts';

export interface LedgerLimits {
  /** Upload size in bytes; default 20 MB. */
  maxBytes?: number;
  /** Data rows over all sheets; default 50,000. */
  maxRows?: number;
  /** What an .xlsx may unpack to; default 200 MB. */
  maxUncompressedBytes?: number;
}
export const DEFAULT_LEDGER_LIMITS: Required<LedgerLimits> = {
  maxBytes: 20 * 1024 * 1024,
  maxRows: 50_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
};

export type LedgerWarningCode = 'formula_no_cached_value' | 'formula_error' | 'cell_error' | 'number_precision' | 'unterminated_quote';
export interface LedgerWarning {
  code: LedgerWarningCode;
  message: string;
  rowNumber: number;
  /** 1-based column. */
  column?: number;
}

export interface LedgerRow {
  /** The row number the user sees in Excel (or the record number in a CSV). */
  rowNumber: number;
  /** One string per header column. */
  cells: string[];
}

export interface LedgerSheet {
  name: string;
  headerRow: number;
  headers: string[];
  rows: LedgerRow[];
  warnings: LedgerWarning[];
}

export interface LedgerFile {
  format: 'xlsx' | 'csv';
  encoding?: TextEncodingName;
  delimiter?: string;
  sheets: LedgerSheet[];
  /** Sheets without data or without a header (说明, 字典 …), and hidden sheets. */
  skippedSheets: Array<{ name: string; reason: 'empty' | 'no_header' | 'hidden' }>;
}

const HEADER_SCAN_ROWS = 10;

const MAGIC: Array<[string, number[]]> = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['RAR archive', [0x52, 0x61, 0x72, 0x21]],
  ['7z archive', [0x37, 0x7a, 0xbc, 0xaf]],
  ['gzip archive', [0x1f, 0x8b]],
  ['legacy .xls (or password-protected) workbook', [0xd0, 0xcf, 0x11, 0xe0]],
];

export async function readLedgerFile(buffer: Buffer, fileName: string, limits: LedgerLimits = {}): Promise<LedgerFile> {
  const lim = { ...DEFAULT_LEDGER_LIMITS, ...limits };
  if (buffer.length === 0) throw new LedgerFileError('ledger.empty', `${fileName} is empty`, { fileName });
  if (buffer.length > lim.maxBytes) {
    throw new LedgerFileError('ledger.too_large', `${fileName} is ${buffer.length} bytes, over the limit of ${lim.maxBytes}`, {
      fileName,
      limit: lim.maxBytes,
      actual: buffer.length,
    });
  }
  if (isZip(buffer)) return readXlsx(buffer, fileName, lim);
  const magic = MAGIC.find(([, bytes]) => bytes.every((b, i) => buffer[i] === b));
  if (magic) throw new LedgerFileError('ledger.not_a_spreadsheet', `${fileName} is a ${magic[0]}, not an .xlsx or CSV file`, { fileName, detected: magic[0] });
  if (/\.(xlsx|xlsm|xls|et|ods|numbers)$/i.test(fileName)) {
    throw new LedgerFileError('ledger.not_a_spreadsheet', `${fileName} is named like a workbook but is not one`, { fileName });
  }
  return readCsv(buffer, fileName, lim);
}

function tooManyRows(fileName: string, limit: number): LedgerFileError {
  return new LedgerFileError('ledger.too_many_rows', `${fileName} has more than ${limit} data rows`, { fileName, limit });
}

/** Finds the header under any title lines, drops empty rows and pads cells to the header width. */
function buildSheet(name: string, raw: LedgerRow[], warnings: LedgerWarning[]): LedgerSheet | 'empty' | 'no_header' {
  const rows = raw.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) return 'empty';
  const headerIdx = rows.slice(0, HEADER_SCAN_ROWS).findIndex((r) => r.cells.filter(looksLikeHeader).length >= 2);
  const header = rows[headerIdx];
  if (!header) return 'no_header';
  const data = rows.slice(headerIdx + 1);
  let width = header.cells.length;
  for (const r of data) width = Math.max(width, r.cells.length);
  // trailing columns with neither a header nor any value
  while (width > 0 && !(header.cells[width - 1] ?? '').trim() && data.every((r) => !(r.cells[width - 1] ?? '').trim())) width--;
  const pad = (cells: string[]) => Array.from({ length: width }, (_, i) => cells[i] ?? '');
  return {
    name,
    headerRow: header.rowNumber,
    headers: pad(header.cells).map((h) => cleanText(h)),
    rows: data.map((r) => ({ rowNumber: r.rowNumber, cells: pad(r.cells) })),
    warnings: warnings.filter((w) => w.rowNumber > header.rowNumber),
  };
}

function finish(file: LedgerFile, fileName: string, maxRows: number): LedgerFile {
  if (file.sheets.length === 0) {
    if (file.skippedSheets.some((s) => s.reason === 'no_header')) {
      throw new LedgerFileError('ledger.no_header', `${fileName}: no header row (such as 设备名称/数量/品牌/型号) in the first ${HEADER_SCAN_ROWS} rows`, {
        fileName,
        sheets: file.skippedSheets.map((s) => s.name),
      });
    }
    throw new LedgerFileError('ledger.empty', `${fileName} has no data`, { fileName });
  }
  const total = file.sheets.reduce((n, s) => n + s.rows.length, 0);
  if (total === 0) throw new LedgerFileError('ledger.empty', `${fileName} has a header but no data rows`, { fileName });
  if (total > maxRows) throw tooManyRows(fileName, maxRows);
  return file;
}

// ---------------------------------------------------------------------------------------------- CSV

function readCsv(buffer: Buffer, fileName: string, lim: Required<LedgerLimits>): LedgerFile {
  const { text, encoding } = decodeText(buffer, fileName);
  if (looksBinary(text)) {
    throw new LedgerFileError('ledger.not_a_spreadsheet', `${fileName} contains binary data, not CSV text`, { fileName, encoding });
  }
  const delimiter = detectDelimiter(text);
  const warnings: LedgerWarning[] = [];
  const rows: LedgerRow[] = [];
  for (const rec of parseDelimited(text, delimiter, (message, rowNumber) => warnings.push({ code: 'unterminated_quote', message, rowNumber }))) {
    if (rows.length > lim.maxRows + HEADER_SCAN_ROWS) throw tooManyRows(fileName, lim.maxRows);
    rows.push({ rowNumber: rec.rowNumber, cells: rec.cells.map(tidyCell) });
  }
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'CSV';
  const sheet = buildSheet(name, rows, warnings);
  const file: LedgerFile = { format: 'csv', encoding, delimiter, sheets: [], skippedSheets: [] };
  if (typeof sheet === 'string') file.skippedSheets.push({ name, reason: sheet });
  else file.sheets.push(sheet);
  return finish(file, fileName, lim.maxRows);
}

function tidyCell(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').trim();
}

// --------------------------------------------------------------------------------------------- XLSX

async function readXlsx(buffer: Buffer, fileName: string, lim: Required<LedgerLimits>): Promise<LedgerFile> {
  inspectXlsxZip(buffer, fileName, { maxUncompressedBytes: lim.maxUncompressedBytes, maxRows: lim.maxRows });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw new LedgerFileError('ledger.not_a_spreadsheet', `${fileName} could not be read as an .xlsx workbook: ${(err as Error).message}`, {
      fileName,
    });
  }
  const file: LedgerFile = { format: 'xlsx', sheets: [], skippedSheets: [] };
  let total = 0;
  for (const ws of wb.worksheets) {
    if (ws.state && ws.state !== 'visible') {
      file.skippedSheets.push({ name: ws.name, reason: 'hidden' });
      continue;
    }
    const warnings: LedgerWarning[] = [];
    const rows: LedgerRow[] = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        // a merged range carries its master's value into every cell ("所属区域" merged down a column)
        const source = cell.isMerged ? cell.master : cell;
        cells.push(cellText(source.value, source.numFmt, (code, message) => warnings.push({ code, message, rowNumber, column: c })));
      }
      rows.push({ rowNumber, cells });
    });
    total += rows.length;
    if (total > lim.maxRows + HEADER_SCAN_ROWS * wb.worksheets.length) throw tooManyRows(fileName, lim.maxRows);
    const sheet = buildSheet(ws.name, rows, warnings);
    if (typeof sheet === 'string') file.skippedSheets.push({ name: ws.name, reason: sheet });
    else file.sheets.push(sheet);
  }
  return finish(file, fileName, lim.maxRows);
}

type Warn = (code: LedgerWarningCode, message: string) => void;

const pad2 = (n: number) => String(n).padStart(2, '0');

export function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h || m || s ? `${date} ${pad2(h)}:${pad2(m)}${s ? `:${pad2(s)}` : ''}` : date;
}

/** A number as Excel shows it: fixed decimals from "0.00" formats (so 2018.10 stays 2018.10), no exponents. */
export function formatNumber(n: number, numFmt: string | undefined, warn?: Warn): string {
  const fmt = (numFmt ?? '').split(';')[0] ?? '';
  if (fmt.includes('%')) return `${Number((n * 100).toPrecision(15))}%`;
  const fixed = /^(?:#,##)?0\.(0+)(?:_.*)?$/.exec(fmt);
  if (fixed) return n.toFixed(fixed[1]?.length ?? 0);
  if (Math.abs(n) >= 1e15 && Number.isInteger(n)) {
    warn?.('number_precision', `数字 ${n.toLocaleString('en-US', { useGrouping: false })} 超过 15 位，Excel 已丢失末位精度；序列号、资产编号请设为文本格式`);
  }
  if (Number.isInteger(n)) return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 });
  return String(Number(n.toPrecision(15)));
}

export function cellText(value: ExcelJS.CellValue, numFmt: string | undefined, warn: Warn): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return tidyCell(value);
  if (typeof value === 'number') return formatNumber(value, numFmt, warn);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if ('richText' in value) return tidyCell(value.richText.map((r) => r.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) {
      warn('formula_no_cached_value', `公式 =${value.formula ?? ''} 没有计算结果（文件未经 Excel 保存），该单元格按空值处理`);
      return '';
    }
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) {
      warn('formula_error', `公式 =${value.formula ?? ''} 的结果是错误 ${result.error}`);
      return '';
    }
    return cellText(result, numFmt, warn);
  }
  if ('error' in value) {
    warn('cell_error', `单元格是错误值 ${value.error}`);
    return '';
  }
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    if (typeof text === 'string') return tidyCell(text);
    if (text && typeof text === 'object' && 'richText' in text) return cellText(text as ExcelJS.CellValue, numFmt, warn);
    return tidyCell(value.hyperlink);
  }
  return '';
}
