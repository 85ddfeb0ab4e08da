/**
 * Parsers for the values people type into ledger cells: months ("2018.4", "2018年4月", Excel
 * serials), warranty periods ("3", "三年", "36个月"), quantities with units ("124条"), the
 * enumerations (保内/过保, 核心/重要/一般, 在用/报废 …) and IP lists. Messages are Chinese:
 * they are shown to the hospital engineer next to the row.
 */
import { isIP } from 'node:net';
import { IMPORTANCE_WORDS, STATUS_WORDS, WARRANTY_STATUS_WORDS } from './dictionaries.ts';
import { cleanText, toHalfWidth } from './name-model.ts';

export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; message: string };

const ok = <T>(value: T, warning?: string): Parsed<T> => (warning ? { ok: true, value, warning } : { ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });
const pad2 = (n: number) => String(n).padStart(2, '0');

const norm = (s: string) => cleanText(toHalfWidth(s)).replace(/。/g, '.');

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 ("十二", "二十", "两") to a number; undefined if it is not a plain Chinese numeral. */
export function chineseNumeral(s: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十]+$/.test(s)) return undefined;
  if (!s.includes('十')) return s.length === 1 ? CN_DIGITS[s] : undefined;
  const [tens, ones] = s.split('十');
  if (s.split('十').length > 2) return undefined;
  const t = tens === '' ? 1 : CN_DIGITS[tens ?? ''];
  const o = ones === '' ? 0 : CN_DIGITS[ones ?? ''];
  return t === undefined || o === undefined ? undefined : t * 10 + o;
}

/** Excel's day serial (1900 system, with its phantom 1900-02-29) to a UTC date. */
export function excelSerialToDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86400000));
}

function validDay(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

interface YMD {
  y: number;
  m: number;
  d?: number;
  warning?: string;
}

function readYmd(text: string, label: string): Parsed<YMD> {
  const s = norm(text);
  if (!s) return fail(`${label}为空`);
  const serial = /^\d{5}(\.\d+)?$/.exec(s);
  if (serial) {
    const n = Number(s);
    if (n < 20000 || n > 80000) return fail(`“${text}”不是有效的${label}`);
    const dt = excelSerialToDate(n);
    return ok({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
  }
  let y: number, m: number, d: number | undefined;
  let warning: string | undefined;
  const sep = /^(\d{4})\s*[./年-]\s*(\d{1,2})\s*(?:月\s*(\d{1,2})?|[./-]\s*(\d{1,2}))?\s*[日号]?(?:\s*[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(s);
  const compact = /^(\d{4})(\d{2})(\d{2})?$/.exec(s);
  const yearOnly = /^(\d{4})\s*年?$/.exec(s);
  if (sep) {
    y = Number(sep[1]);
    m = Number(sep[2]);
    const day = sep[3] ?? sep[4];
    d = day === undefined ? undefined : Number(day);
    // "2018.10" typed into a General cell is stored as the number 2018.1
    if (/^\d{4}\.1$/.test(s)) warning = `“${s}”按 ${sep[1]}年1月 解析；若原意为 10 月，请把该列设为文本后重新录入`;
  } else if (compact) {
    y = Number(compact[1]);
    m = Number(compact[2]);
    d = compact[3] === undefined ? undefined : Number(compact[3]);
  } else if (yearOnly) {
    y = Number(yearOnly[1]);
    m = 1;
    warning = `“${s}”只有年份，按 ${y}年1月 计`;
  } else {
    return fail(`“${text}”不是可识别的${label}，请写成 2018.4、2018-04 或 2018年4月`);
  }
  if (y < 1970 || y > 2100) return fail(`“${text}”的年份 ${y} 超出范围`);
  if (m < 1 || m > 12) return fail(`“${text}”的月份 ${m} 无效（应为 1–12）`);
  if (d !== undefined && !validDay(y, m, d)) return fail(`“${text}”的日期 ${d} 无效`);
  return ok(d === undefined ? { y, m, warning } : { y, m, d, warning });
}

/** A purchase month, 'YYYY-MM'. */
export function parseMonth(text: string): Parsed<string> {
  const r = readYmd(text, '年月');
  if (!r.ok) return r;
  return ok(`${r.value.y}-${pad2(r.value.m)}`, r.value.warning);
}

/** A calendar date, 'YYYY-MM-DD'; a bare month means its last day (with a warning). */
export function parseDate(text: string): Parsed<string> {
  const r = readYmd(text, '日期');
  if (!r.ok) return r;
  const { y, m, d } = r.value;
  if (d === undefined) {
    const last = lastDayOfMonth(y, m);
    return ok(`${y}-${pad2(m)}-${pad2(last)}`, r.value.warning ?? `“${text}”没有日，按当月最后一天计`);
  }
  return ok(`${y}-${pad2(m)}-${pad2(d)}`, r.value.warning);
}

export function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Warranty length in years: "3", "3年", "三年", "1年半", "36个月", "1.5", "3Y". */
export function parseWarrantyYears(text: string): Parsed<number> {
  const s = norm(text).replace(/^(原厂|厂家|免费)?(保修|质保|维保)?(期)?/, '').replace(/(保修|质保|维保)$/, '').trim();
  if (!s) return fail(`保修期限“${text}”为空`);
  if (/^(无|没有|不保修|0)$/.test(s)) return ok(0);
  let years: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\d+(?:\.\d+)?)\s*(?:年|y|yr|yrs|year|years)?$/i.exec(s))) years = Number(m[1]);
  else if ((m = /^(\d+)\s*(?:个)?(?:月|m|months?)$/i.exec(s))) years = Number(m[1]) / 12;
  else if ((m = /^(\d+)\s*年半$/.exec(s))) years = Number(m[1]) + 0.5;
  else if (s === '半年') years = 0.5;
  else if ((m = /^([零〇一二两三四五六七八九十]+)\s*年(半)?$/.exec(s))) {
    const n = chineseNumeral(m[1] ?? '');
    if (n !== undefined) years = n + (m[2] ? 0.5 : 0);
  } else if ((m = /^([零〇一二两三四五六七八九十]+)\s*个月$/.exec(s))) {
    const n = chineseNumeral(m[1] ?? '');
    if (n !== undefined) years = n / 12;
  }
  if (years === undefined || !Number.isFinite(years)) return fail(`保修期限“${text}”无法识别，请填写年数，如 3 或 3年`);
  if (years > 30) return fail(`保修期限“${text}”超过 30 年，请检查是否填成了月数或日期`);
  return ok(Math.round(years * 1000) / 1000);
}

export interface QuantityUnit {
  quantity: number;
  unit?: string;
  note?: string;
}

/** "1组", "124条", "600 台", "2套", "1", "1,200台", "两台", "31台（新增4台）". */
export function parseQuantity(text: string): Parsed<QuantityUnit> {
  let s = norm(text);
  let note: string | undefined;
  const paren = /\(([^()]*)\)\s*$/.exec(s);
  if (paren) {
    note = paren[1]?.trim() || undefined;
    s = s.slice(0, paren.index).trim();
  }
  const m = /^(-?[\d,]+(?:\.\d+)?|[零〇一二两三四五六七八九十]+)\s*([^\d\s.,-][^\d]{0,5})?$/.exec(s);
  if (!m) return fail(`数量“${text}”无法识别，请填写数字，如 12 或 12台`);
  const raw = m[1] ?? '';
  const quantity = /^[\d,.-]+$/.test(raw) ? Number(raw.replace(/,/g, '')) : chineseNumeral(raw);
  if (quantity === undefined || !Number.isFinite(quantity)) return fail(`数量“${text}”无法识别`);
  if (!Number.isInteger(quantity) || quantity < 0) return fail(`数量“${text}”应为非负整数`);
  const unit = m[2]?.trim().replace(/[。.,，;；]+$/, '');
  const out: QuantityUnit = { quantity };
  if (unit) out.unit = unit;
  if (note) out.note = note;
  return ok(out, quantity === 0 ? `数量为 0` : undefined);
}

/** Finds which enum value a cell means; longer words first, so "非核心" is not "核心". */
function enumParser<K extends string>(words: Record<K, string[]>, label: string, hint: string): (text: string) => Parsed<K> {
  const list = (Object.entries(words) as Array<[K, string[]]>)
    .flatMap(([key, ws]) => ws.map((w) => ({ key, w: w.toLowerCase() })))
    .sort((a, b) => b.w.length - a.w.length);
  return (text) => {
    const s = norm(text).toLowerCase();
    if (!s) return fail(`${label}为空`);
    const exact = list.find((e) => e.w === s);
    if (exact) return ok(exact.key);
    const contained = list.find((e) => e.w.length >= 2 && s.includes(e.w));
    if (contained) return ok(contained.key);
    return fail(`${label}“${text}”无法识别，应为 ${hint}`);
  };
}

export type WarrantyStatus = keyof typeof WARRANTY_STATUS_WORDS;
export type Importance = keyof typeof IMPORTANCE_WORDS;
export type LifecycleStatus = keyof typeof STATUS_WORDS;

export const parseWarrantyStatus = enumParser(WARRANTY_STATUS_WORDS, '保修状态', '保内/在保 或 过保/脱保');
export const parseImportance = enumParser(IMPORTANCE_WORDS, '重要程度', '核心/重要/一般');
export const parseStatus = enumParser(STATUS_WORDS, '使用状态', '在用/库存/维修/报废/停用');

/** IPv4/IPv6 addresses separated by , ; / 、 spaces or line breaks; "10.0.0.1/24" keeps the address. */
export function parseIpList(text: string): { ips: string[]; invalid: string[] } {
  const ips: string[] = [];
  const invalid: string[] = [];
  const tokens = norm(text)
    .replace(/[，；、]/g, ',')
    .split(/[,;\s]+/)
    .filter(Boolean);
  for (const token of tokens) {
    const cidr = /^([0-9.]+)\/(\d{1,2})$/.exec(token) ?? /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(token);
    const parts = cidr && isIP(cidr[1] ?? '') ? [cidr[1] ?? ''] : token.split('/');
    for (const p of parts.map((x) => x.replace(/^(ip|管理|地址)[:：]?/i, '').trim()).filter(Boolean)) {
      if (isIP(p)) {
        const v = isIP(p) === 6 ? p.toLowerCase() : p;
        if (!ips.includes(v)) ips.push(v);
      } else {
        invalid.push(p);
      }
    }
  }
  return { ips, invalid };
}

/** Names in one cell: "HIS、EMR", "HIS/EMR", one per line. */
export function splitNames(text: string): string[] {
  const out: string[] = [];
  for (const part of toHalfWidth(text).split(/[,;、\n\r/，；]+/)) {
    const v = cleanText(part);
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

/** Last day of (purchase month + years): 2018-04 + 3 → 2021-04-30. Fractions of a year count in months. */
export function warrantyEndFromPurchase(purchaseMonth: string, years: number): string {
  const [y, m] = purchaseMonth.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + Math.round(years * 12);
  const ey = Math.floor(total / 12);
  const em = (total % 12) + 1;
  return `${ey}-${pad2(em)}-${pad2(lastDayOfMonth(ey, em))}`;
}

export function warrantyStatusOn(endsOn: string, today: string): WarrantyStatus {
  return today <= endsOn ? 'in' : 'out';
}

/** Today in China, 'YYYY-MM-DD'. */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
