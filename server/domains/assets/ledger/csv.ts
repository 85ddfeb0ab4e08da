/**
 * CSV as hospitals produce it: "CSV UTF-8" from Excel (with a BOM), plain CSV from Chinese
 * Windows Excel/WPS (GBK, read as GB18030), UTF-16LE "Unicode text" (tab separated), and
 * semicolon or tab separated exports. RFC 4180 quoting, lenient where Excel is lenient.
 */
import { LedgerFileError } from './errors.ts';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export function decodeText(buf: Uint8Array, fileName: string): { text: string; encoding: TextEncodingName } {
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: strictDecode('utf-16le', buf.subarray(2), fileName), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: strictDecode('utf-16be', buf.subarray(2), fileName), encoding: 'utf-16be' };
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: strictDecode('utf-8', buf.subarray(3), fileName), encoding: 'utf-8-bom' };
  }
  // NUL bytes: binary, or UTF-16 without a BOM, neither of which is a CSV we can trust.
  if (buf.includes(0)) {
    throw new LedgerFileError('ledger.not_a_spreadsheet', `${fileName} contains binary data, not CSV text`, { fileName });
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // not UTF-8: Chinese Excel saves "CSV (逗号分隔)" in the ANSI code page, GBK; GB18030 is its superset
  }
  return { text: strictDecode('gb18030', buf, fileName), encoding: 'gb18030' };
}

function strictDecode(encoding: string, buf: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(buf);
  } catch {
    throw new LedgerFileError('ledger.bad_encoding', `${fileName} is neither UTF-8 nor GB18030 (GBK) text`, { fileName, tried: encoding });
  }
}

/** Control characters other than tab/CR/LF/FF make up more than 1% of the text: binary junk. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65536);
  if (!sample) return false;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) controls++;
  }
  return controls / sample.length > 0.01;
}

/** Counts separators outside quotes on the first lines; the one splitting lines most consistently wins. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const lines: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < 20; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    if ((c === '\n' || c === '\r') && !quoted) {
      if (cur.trim()) lines.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  if (cur.trim() && lines.length < 20) lines.push(cur);
  let best: { d: ',' | ';' | '\t'; score: number; width: number } = { d: ',', score: 0, width: 0 };
  for (const d of [',', '\t', ';'] as const) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const n of counts) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    let mode = 0;
    let modeFreq = 0;
    for (const [n, f] of freq) if (f > modeFreq || (f === modeFreq && n > mode)) [mode, modeFreq] = [n, f];
    if (modeFreq > best.score || (modeFreq === best.score && mode > best.width)) best = { d, score: modeFreq, width: mode };
  }
  return best.d;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
}

export interface CsvRecord {
  /** 1-based record number (a quoted line break does not start a new record). */
  rowNumber: number;
  cells: string[];
}

/**
 * RFC 4180 records. A quote inside an unquoted field is kept literally (as Excel does);
 * an unterminated quote runs to the end of the file and is reported.
 */
export function* parseDelimited(text: string, delimiter: string, onWarning?: (message: string, rowNumber: number) => void): Generator<CsvRecord> {
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  let rowNumber = 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      fieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      yield { rowNumber, cells: row };
      rowNumber++;
      row = [];
      field = '';
      fieldStart = true;
    } else {
      field += c;
      fieldStart = false;
    }
  }
  if (quoted) onWarning?.('引号未闭合，已读到文件末尾', rowNumber);
  if (!fieldStart || field !== '' || row.length > 0) {
    row.push(field);
    yield { rowNumber, cells: row };
  }
}
