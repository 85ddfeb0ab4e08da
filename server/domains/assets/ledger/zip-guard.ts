/**
 * Looks inside an .xlsx (a ZIP) before exceljs does: it must be a workbook, its entries must
 * inflate to no more than a budget (a zip bomb lies about sizes, so every entry is actually
 * inflated with a hard output cap), and its sheets must not hold more rows than allowed —
 * all without building exceljs's in-memory model.
 */
import { inflateRawSync } from 'node:zlib';
import { LedgerFileError } from './errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

export function isZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

function corrupt(fileName: string, why: string): LedgerFileError {
  return new LedgerFileError('ledger.not_a_spreadsheet', `${fileName} is not a readable .xlsx workbook (${why})`, { fileName, reason: why });
}

export function listZipEntries(buf: Buffer, fileName: string): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt(fileName, 'no ZIP directory; the file is damaged or truncated');
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new LedgerFileError('ledger.too_large', `${fileName} is a ZIP64 archive`, { fileName });
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN_SIG) throw corrupt(fileName, 'damaged ZIP directory');
    const nameLen = buf.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
      throw new LedgerFileError('ledger.too_large', `${fileName} has a ZIP64 entry`, { fileName, entry: entry.name });
    }
    entries.push(entry);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

function entryData(buf: Buffer, e: ZipEntry, fileName: string): Buffer {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOC_SIG) throw corrupt(fileName, `damaged entry ${e.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw corrupt(fileName, `truncated entry ${e.name}`);
  return buf.subarray(start, start + e.compressedSize);
}

/** Rows of a worksheet XML that hold a value or an inline string (empty formatted rows do not count). */
export function countRowsWithValues(xml: Buffer): number {
  let rows = 0;
  let pos = 0;
  for (;;) {
    const i = xml.indexOf('row', pos, 'latin1');
    if (i < 0) break;
    pos = i + 3;
    const after = xml[i + 3];
    if (after !== 0x20 && after !== 0x3e && after !== 0x2f) continue; // ' ' '>' '/'
    const before = xml[i - 1];
    let open = -1;
    if (before === 0x3c) open = i - 1; // '<row'
    else if (before === 0x3a) {
      // '<x:row' (prefixed namespace), not '</x:row'
      let j = i - 2;
      while (j >= 0 && xml[j] !== 0x3c && xml[j] !== 0x2f && i - j < 16) j--;
      if (j >= 0 && xml[j] === 0x3c) open = j;
    }
    if (open < 0) continue;
    const tagEnd = xml.indexOf('>', i, 'latin1');
    if (tagEnd < 0) break;
    if (xml[tagEnd - 1] === 0x2f) continue; // <row .../>
    let close = xml.indexOf('row>', tagEnd, 'latin1');
    if (close < 0) close = xml.length;
    const seg = xml.subarray(tagEnd, close);
    if (seg.indexOf('<v', 0, 'latin1') >= 0 || seg.indexOf(':v>', 0, 'latin1') >= 0 || seg.indexOf('<is', 0, 'latin1') >= 0) rows++;
    pos = close;
  }
  return rows;
}

const SHEET_ENTRY = /^\/?xl\/worksheets\/[^/]+\.xml$/;

export interface ZipGuardLimits {
  maxUncompressedBytes: number;
  maxRows: number;
}

/** Throws LedgerFileError unless `buf` is an .xlsx within the limits. Returns its entries. */
export function inspectXlsxZip(buf: Buffer, fileName: string, limits: ZipGuardLimits): ZipEntry[] {
  const entries = listZipEntries(buf, fileName);
  const names = new Set(entries.map((e) => e.name.replace(/^\//, '')));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    const what = names.has('word/document.xml') ? 'a Word document' : names.has('ppt/presentation.xml') ? 'a PowerPoint file' : 'a ZIP archive';
    throw new LedgerFileError('ledger.not_a_spreadsheet', `${fileName} is ${what}, not an .xlsx workbook`, { fileName });
  }
  const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) {
    throw new LedgerFileError('ledger.too_large', `${fileName} unpacks to ${declared} bytes, over the limit of ${limits.maxUncompressedBytes}`, {
      fileName,
      limit: limits.maxUncompressedBytes,
      actual: declared,
    });
  }
  let budget = limits.maxUncompressedBytes;
  let rows = 0;
  const sheetCount = entries.filter((e) => SHEET_ENTRY.test(e.name)).length;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const data = entryData(buf, e, fileName);
    let out: Buffer;
    if (e.method === 0) out = data;
    else if (e.method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new LedgerFileError('ledger.too_large', `${fileName} unpacks to more than ${limits.maxUncompressedBytes} bytes (zip bomb?)`, {
            fileName,
            limit: limits.maxUncompressedBytes,
            entry: e.name,
          });
        }
        throw corrupt(fileName, `entry ${e.name} does not inflate`);
      }
    } else {
      throw corrupt(fileName, `entry ${e.name} uses unsupported compression ${e.method}`);
    }
    budget -= out.length;
    if (budget < 0) {
      throw new LedgerFileError('ledger.too_large', `${fileName} unpacks to more than ${limits.maxUncompressedBytes} bytes`, {
        fileName,
        limit: limits.maxUncompressedBytes,
      });
    }
    if (SHEET_ENTRY.test(e.name)) {
      rows += countRowsWithValues(out);
      // each sheet may have a title and a header line above its data rows
      if (rows > limits.maxRows + 10 * sheetCount) {
        throw new LedgerFileError('ledger.too_many_rows', `${fileName} has more than ${limits.maxRows} rows`, { fileName, limit: limits.maxRows });
      }
    }
  }
  return entries;
}
