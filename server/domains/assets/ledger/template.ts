/**
 * Import templates per kind: a data sheet whose headers map back through mapColumns, required
 * columns marked * in red, dropdowns for enumerations (from a hidden 字典 sheet when the list is
 * long), and a 说明 sheet. The importer skips 说明 (no header) and 字典 (hidden).
 */
import ExcelJS from 'exceljs';
import { LEDGER_FIELD_INFO, type LedgerField } from './columns.ts';
import { KIND_KEYS, KIND_LABELS, type KindKey } from './dictionaries.ts';

export interface TemplateColumn {
  key: string;
  header: string;
  required?: boolean;
  width?: number;
  text?: boolean;
  /** Allowed values: a dropdown. */
  options?: string[];
  /** Shown as the cell comment-style input message and in 说明. */
  hint?: string;
}

export interface TemplateSpec {
  kindKey?: string;
  /** Data sheet name; default "<kind>台账". */
  sheetName?: string;
  columns: TemplateColumn[];
  /** Extra lines for the 说明 sheet. */
  instructions?: string[];
  /** Rows that get validation; default 1000. */
  rows?: number;
}

const ENUM_OPTIONS: Partial<Record<LedgerField, string[]>> = {
  warrantyStatus: ['保内', '过保'],
  importance: ['核心', '重要', '一般'],
  status: ['在用', '库存', '维修', '报废', '停用'],
  kind: KIND_KEYS.map((k) => KIND_LABELS[k].zh),
};

const HINTS: Partial<Record<LedgerField, string>> = {
  name: '必填，如 戴尔R740服务器；可把品牌型号写在一起',
  quantity: '数字，可带单位，如 2 或 2台；不填按 1',
  purchaseMonth: '如 2018.4、2018-04 或 2018年4月',
  warrantyYears: '年数，如 3、3年、36个月',
  warrantyEndsOn: '如 2021-04-30；不填则按购置年月+保修期限计算',
  ip: '多个用逗号或换行分隔',
  relatedTo: '所依赖/运行于的系统或设备名称，多个用顿号分隔',
  assetCode: '留空则导入后自动生成',
};

const COMMON: LedgerField[] = ['name', 'brand', 'model', 'serialNumber', 'assetCode', 'quantity', 'unit', 'location', 'department', 'ownerPerson', 'status', 'importance', 'purchaseMonth', 'warrantyYears', 'warrantyEndsOn', 'warrantyStatus', 'vendor'];
const BY_KIND: Partial<Record<KindKey, LedgerField[]>> = {
  server: ['ip', 'hostName', 'cpu', 'os', 'database', 'middleware', 'relatedTo'],
  storage: ['ip', 'relatedTo'],
  switch: ['ip', 'hostName'],
  router: ['ip', 'hostName'],
  firewall: ['ip', 'hostName'],
  security_appliance: ['ip', 'hostName'],
  cloud_resource: ['ip', 'hostName', 'cpu', 'os', 'database', 'middleware', 'relatedTo'],
  pc: ['ip', 'hostName', 'cpu', 'os'],
  printer: ['ip'],
  software_system: ['database', 'middleware', 'relatedTo'],
  interface: ['relatedTo'],
  network_line: ['relatedTo'],
};

/** The template columns for a kind (or a generic template with a 类别 column when no kind is given). */
export function templateColumnsForKind(kindKey?: string): TemplateColumn[] {
  const kind = (KIND_KEYS as readonly string[]).includes(kindKey ?? '') ? (kindKey as KindKey) : undefined;
  const fields: LedgerField[] = [...(kind ? [] : (['kind'] as LedgerField[])), ...COMMON, ...((kind && BY_KIND[kind]) ?? ['ip', 'hostName', 'relatedTo']), 'notes'];
  return fields.map((f) => {
    const info = LEDGER_FIELD_INFO[f];
    const header = f === 'name' && (kind === 'software_system' || kind === 'interface') ? (kind === 'interface' ? '接口名称' : '系统名称') : info.zh;
    const col: TemplateColumn = { key: f, header, width: f === 'name' ? 28 : 14 };
    if (f === 'name') col.required = true;
    if (info.text) col.text = true;
    const options = ENUM_OPTIONS[f];
    if (options) col.options = options;
    const hint = HINTS[f];
    if (hint) col.hint = hint;
    return col;
  });
}

type RangeValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

const INLINE_LIST_MAX = 200; // Excel's inline list formula is limited to 255 characters
const INLINE_LIST_ITEMS = 10;

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export async function writeTemplateXlsx(spec: TemplateSpec): Promise<Buffer> {
  const kindLabel = spec.kindKey && (KIND_KEYS as readonly string[]).includes(spec.kindKey) ? KIND_LABELS[spec.kindKey as KindKey].zh : '资产';
  const rows = spec.rows ?? 1000;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yiwei 医维';
  const ws = wb.addWorksheet(spec.sheetName ?? `${kindLabel}台账`, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  const help = wb.addWorksheet('说明');
  const dict = wb.addWorksheet('字典', { state: 'hidden' });

  ws.columns = spec.columns.map((c) => ({ key: c.key, width: c.width ?? 14, style: c.text ? { numFmt: '@' } : {} }));
  const header = ws.getRow(1);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.required ? `*${c.header}` : c.header;
    cell.font = { bold: true, color: { argb: c.required ? 'FFFF0000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  ws.autoFilter = `A1:${columnLetter(spec.columns.length)}1`;

  let dictCol = 0;
  spec.columns.forEach((c, i) => {
    if (!c.options?.length) return;
    const letter = columnLetter(i + 1);
    let formula: string;
    const inline = `"${c.options.join(',')}"`;
    if (inline.length <= INLINE_LIST_MAX && c.options.length <= INLINE_LIST_ITEMS && !c.options.some((o) => o.includes(','))) {
      formula = inline;
    } else {
      dictCol++;
      const dl = columnLetter(dictCol);
      dict.getCell(`${dl}1`).value = c.header;
      c.options.forEach((o, j) => (dict.getCell(`${dl}${j + 2}`).value = o));
      formula = `'字典'!$${dl}$2:$${dl}$${c.options.length + 1}`;
    }
    // exceljs supports range validations at runtime; its typings only declare the per-cell form
    (ws as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${rows + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.header,
      error: `请从下拉列表中选择：${c.options.slice(0, 10).join('、')}${c.options.length > 10 ? ' …' : ''}`,
      ...(c.hint ? { showInputMessage: true, promptTitle: c.header, prompt: c.hint } : {}),
    });
  });

  const lines = [
    `${kindLabel}台账导入模板`,
    '1. 在第一个工作表中从第 2 行起填写，每行一台（或一批同型号）设备；不要修改表头。',
    '2. 表头带 * 且为红色的列必须填写。',
    '3. 有下拉框的列请从下拉列表中选择。',
    '4. 资产编号、序列号、IP 列已设为文本格式，请勿改为数字格式（否则前导 0 与长编号会丢失）。',
    ...(spec.instructions ?? []),
    '',
    '各列说明：',
    ...spec.columns.map((c) => `· ${c.header}${c.required ? '（必填）' : ''}${c.hint ? `：${c.hint}` : ''}${c.options ? `；可选：${c.options.join('、')}` : ''}`),
  ];
  help.getColumn(1).width = 100;
  lines.forEach((l, i) => {
    const cell = help.getCell(`A${i + 1}`);
    cell.value = l;
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
