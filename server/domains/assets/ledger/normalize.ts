/**
 * Turns the text rows of one sheet, with a (possibly user-corrected) column mapping, into
 * normalized ledger rows with row-level warnings and errors. No database: duplicate detection,
 * organisation and location lookup happen in the import service.
 */
import { LEDGER_FIELD_INFO, type LedgerField } from './columns.ts';
import { KIND_KEYS, KIND_LABELS, type KindKey } from './dictionaries.ts';
import { brandKeyOf, cleanText, detectKind, parseNameModel } from './name-model.ts';
import type { LedgerSheet } from './read-workbook.ts';
import {
  parseDate,
  parseImportance,
  parseIpList,
  parseMonth,
  parseQuantity,
  parseStatus,
  parseWarrantyStatus,
  parseWarrantyYears,
  splitNames,
  todayInShanghai,
  warrantyEndFromPurchase,
  warrantyStatusOn,
  type Importance,
  type LifecycleStatus,
  type Parsed,
  type WarrantyStatus,
} from './values.ts';

export interface NormalizedAsset {
  kindKey?: string;
  /** The 类别 cell as typed, when there was one ("UPS电源扩容", "新增设备"). */
  kindText?: string;
  name: string;
  brand?: string;
  brandKey?: string;
  model?: string;
  serialNumber?: string;
  assetCode?: string;
  quantity: number;
  unit?: string;
  /** 'YYYY-MM' */
  purchaseMonth?: string;
  warrantyYears?: number;
  /** 'YYYY-MM-DD': as declared, or the last day of (purchase month + warranty years). */
  warrantyEndsOn?: string;
  warrantyEndsOnComputed?: boolean;
  warrantyStatusDeclared?: WarrantyStatus;
  location?: string;
  department?: string;
  ownerPerson?: string;
  managementIps: string[];
  hostNames: string[];
  os?: string;
  cpu?: string;
  database?: string;
  middleware?: string;
  importance?: Importance;
  status?: LifecycleStatus;
  vendor?: string;
  notes?: string;
  relatedTo: string[];
}

export interface RowError {
  field: LedgerField | 'row';
  message: string;
}

export interface NormalizedRow {
  sheet: string;
  rowNumber: number;
  values: NormalizedAsset;
  warnings: string[];
  errors: RowError[];
}

export interface SkippedRow {
  sheet: string;
  rowNumber: number;
  reason: 'subtotal' | 'section';
  message: string;
}

export interface NormalizeOptions {
  /** Kind for rows whose kind cannot be told from the sheet (the user picked it for the whole sheet). */
  defaultKindKey?: string;
  /** 'YYYY-MM-DD', for the computed warranty status; defaults to today in Asia/Shanghai. */
  today?: string;
  defaultUnit?: string;
}

export type MappingInput = Array<{ index: number; field: LedgerField | null; unitHint?: string }>;

const SUBTOTAL = /^(合\s*计|小\s*计|总\s*计|共\s*计|总\s*数|累\s*计|total|subtotal|sum)\s*[:：]?/i;
const SECTION = /^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十\d]+[部章节])/;
const CODE_FIELDS = new Set<LedgerField>(['serialNumber', 'assetCode', 'ip']);
const SCIENTIFIC = /^\d(?:\.\d+)?E\+\d+$/i;

function kindFromText(text: string): { kind: string; weak: boolean } | undefined {
  const t = cleanText(text);
  if ((KIND_KEYS as readonly string[]).includes(t)) return { kind: t, weak: false };
  const detected = detectKind(t);
  if (detected && !detected.weak) return detected;
  const byLabel = (Object.entries(KIND_LABELS) as Array<[KindKey, { zh: string; en: string }]>).find(
    ([, l]) => l.zh === t || l.en.toLowerCase() === t.toLowerCase(),
  );
  // a generic label such as 安全设备 stays weak: "外网防火墙…" in the name is more specific
  if (byLabel) return { kind: byLabel[0], weak: detected?.weak === true };
  return detected;
}

export function normalizeRows(
  sheet: LedgerSheet,
  mapping: MappingInput,
  options: NormalizeOptions = {},
): { rows: NormalizedRow[]; skipped: SkippedRow[] } {
  const today = options.today ?? todayInShanghai();
  const columns = new Map<LedgerField, number[]>();
  for (const m of mapping) {
    if (!m.field || m.field === 'seq') continue;
    const list = columns.get(m.field) ?? [];
    if (list.length === 0 || LEDGER_FIELD_INFO[m.field].multiple) list.push(m.index);
    columns.set(m.field, list);
  }
  const fieldAt = new Map(mapping.filter((m) => m.field).map((m) => [m.index, m.field as LedgerField]));
  const seqColumns = new Set(mapping.filter((m) => m.field === 'seq').map((m) => m.index));
  const unitHint = mapping.find((m) => m.field === 'quantity')?.unitHint;
  const rows: NormalizedRow[] = [];
  const skipped: SkippedRow[] = [];
  let section: string | undefined;

  for (const row of sheet.rows) {
    const cell = (i: number) => (row.cells[i] ?? '').trim();
    const one = (f: LedgerField) => {
      const i = columns.get(f)?.[0];
      return i === undefined ? '' : cell(i);
    };
    const all = (f: LedgerField) => (columns.get(f) ?? []).map(cell).filter(Boolean);
    const content = row.cells.map((_, i) => (seqColumns.has(i) ? '' : cell(i))).filter(Boolean);
    if (content.length === 0) continue; // empty, or only a pre-filled 序号

    const first = content[0] ?? '';
    const distinct = new Set(content);
    const labels = [one('name'), one('nameModel'), ...[...seqColumns].map(cell), first];
    if (labels.some((l) => SUBTOTAL.test(l))) {
      skipped.push({ sheet: sheet.name, rowNumber: row.rowNumber, reason: 'subtotal', message: `第 ${row.rowNumber} 行是合计行，已跳过` });
      continue;
    }
    if (distinct.size === 1 && (SECTION.test(first) || content.length >= 3)) {
      section = cleanText(first.replace(SECTION, '')) || first;
      skipped.push({ sheet: sheet.name, rowNumber: row.rowNumber, reason: 'section', message: `第 ${row.rowNumber} 行是分组标题“${first}”，用作下方各行的所属区域` });
      continue;
    }

    const warnings: string[] = [];
    const errors: RowError[] = [];
    // cell problems found while reading: an error where they make a mapped value unknown
    for (const w of sheet.warnings) {
      if (w.rowNumber !== row.rowNumber) continue;
      const field = w.column === undefined ? undefined : fieldAt.get(w.column - 1);
      const blocking = w.code === 'number_precision' ? field && CODE_FIELDS.has(field) : field && field !== 'notes' && field !== 'seq';
      if (blocking && field) errors.push({ field, message: w.message });
      else warnings.push(w.message);
    }
    const take = <T>(field: LedgerField, text: string, parse: (s: string) => Parsed<T>): T | undefined => {
      if (!text) return undefined;
      const r = parse(text);
      if (!r.ok) {
        errors.push({ field, message: r.message });
        return undefined;
      }
      if (r.warning) warnings.push(r.warning);
      return r.value;
    };

    const nameCell = cleanText(one('name'));
    const nameModelCell = one('nameModel');
    const parts = parseNameModel(nameModelCell || nameCell);
    // remarks in parentheses ("兄弟 HL-2260D (新增1台)") go to notes, also from a 设备名称 column
    const name = nameCell && nameModelCell ? nameCell : parts.name;
    if (!name) errors.push({ field: columns.has('nameModel') && !columns.has('name') ? 'nameModel' : 'name', message: '设备名称为空' });

    const values: NormalizedAsset = { name, quantity: 1, managementIps: [], hostNames: [], relatedTo: [] };
    const brandCell = cleanText(one('brand'));
    const brand = brandCell || parts.brand;
    if (brand) values.brand = brand;
    const brandKey = brandCell ? brandKeyOf(brandCell) : parts.brandKey;
    if (brandKey) values.brandKey = brandKey;
    const model = cleanText(one('model')) || parts.model;
    if (model) values.model = model;

    const kindCell = cleanText(one('kind'));
    if (kindCell) values.kindText = kindCell;
    const fromCell = kindCell ? kindFromText(kindCell) : undefined;
    const kindKey = (fromCell && !fromCell.weak ? fromCell.kind : undefined) ?? parts.kindHint ?? fromCell?.kind ?? options.defaultKindKey;
    if (kindKey) values.kindKey = kindKey;
    else if (kindCell) warnings.push(`类别“${kindCell}”无法对应到设备类型，请在预览中选择`);
    else warnings.push('无法从名称判断设备类型，请在预览中选择');

    const notes = [...all('notes'), ...parts.notes];
    const q = take('quantity', one('quantity'), parseQuantity);
    if (q) {
      values.quantity = q.quantity;
      if (q.note) notes.push(q.note);
    }
    const unitCell = cleanText(one('unit'));
    if (unitCell && q?.unit && unitCell !== q.unit) warnings.push(`数量“${one('quantity')}”的单位与单位列“${unitCell}”不一致，采用单位列`);
    const unit = unitCell || q?.unit || unitHint || options.defaultUnit;
    if (unit) values.unit = unit;

    for (const [field, key] of [
      ['serialNumber', 'serialNumber'],
      ['assetCode', 'assetCode'],
    ] as const) {
      const v = cleanText(one(field));
      if (!v) continue;
      if (SCIENTIFIC.test(v)) errors.push({ field, message: `“${v}”被 Excel 显示成了科学计数法，原值已丢失；请把该列设为文本后重新录入` });
      else values[key] = v;
    }

    const purchaseMonth = take('purchaseMonth', one('purchaseMonth'), parseMonth);
    if (purchaseMonth) values.purchaseMonth = purchaseMonth;
    const years = take('warrantyYears', one('warrantyYears'), parseWarrantyYears);
    if (years !== undefined) values.warrantyYears = years;
    const declaredEnd = take('warrantyEndsOn', one('warrantyEndsOn'), parseDate);
    if (declaredEnd) values.warrantyEndsOn = declaredEnd;
    else if (purchaseMonth && years !== undefined) {
      values.warrantyEndsOn = warrantyEndFromPurchase(purchaseMonth, years);
      values.warrantyEndsOnComputed = true;
    }

    let statusText = one('warrantyStatus');
    if (!statusText && !columns.has('warrantyStatus')) {
      // seed 002 keeps 过保/保内 in 备注
      const idx = notes.findIndex((n) => parseWarrantyStatus(n).ok && n.length <= 4);
      if (idx >= 0) statusText = notes.splice(idx, 1)[0] ?? '';
    }
    const declared = take('warrantyStatus', statusText, parseWarrantyStatus);
    if (declared) {
      values.warrantyStatusDeclared = declared;
      if (values.warrantyEndsOn) {
        const computed = warrantyStatusOn(values.warrantyEndsOn, today);
        if (computed !== declared) {
          const basis = values.warrantyEndsOnComputed ? `按购置年月 ${purchaseMonth} + ${years} 年计算，` : '';
          warnings.push(
            `保修状态填的是“${statusText}”，但${basis}保修至 ${values.warrantyEndsOn}，截至 ${today} 应为${computed === 'in' ? '保内' : '过保'}`,
          );
        }
      }
    }

    const location = cleanText(one('location')) || section;
    if (location) values.location = location;
    for (const f of ['department', 'ownerPerson', 'os', 'cpu', 'database', 'middleware', 'vendor'] as const) {
      const v = cleanText(one(f));
      if (v) values[f] = v;
    }
    const importance = take('importance', one('importance'), parseImportance);
    if (importance) values.importance = importance;
    const status = take('status', one('status'), parseStatus);
    if (status) values.status = status;

    for (const text of all('ip')) {
      const { ips, invalid } = parseIpList(text);
      for (const ip of ips) if (!values.managementIps.includes(ip)) values.managementIps.push(ip);
      if (invalid.length) errors.push({ field: 'ip', message: `“${invalid.join('、')}”不是有效的 IP 地址` });
    }
    for (const text of all('hostName')) for (const h of splitNames(text)) if (!values.hostNames.includes(h)) values.hostNames.push(h);
    for (const text of all('relatedTo')) for (const r of splitNames(text)) if (!values.relatedTo.includes(r)) values.relatedTo.push(r);
    if (notes.length) values.notes = notes.map(cleanText).join('；');

    rows.push({ sheet: sheet.name, rowNumber: row.rowNumber, values, warnings, errors });
  }
  return { rows, skipped };
}
