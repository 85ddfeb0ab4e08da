/**
 * The columns of a hospital ledger: canonical fields, the Chinese (and English) headers people
 * use for them, and the automatic header → field mapping the user can correct afterwards.
 */
import { toHalfWidth } from './name-model.ts';

export const LEDGER_FIELD_KEYS = [
  'name', 'nameModel', 'brand', 'model', 'serialNumber', 'assetCode', 'quantity', 'unit', 'purchaseMonth',
  'warrantyYears', 'warrantyEndsOn', 'warrantyStatus', 'location', 'department', 'ownerPerson', 'ip', 'hostName',
  'os', 'cpu', 'database', 'middleware', 'importance', 'status', 'kind', 'vendor', 'notes', 'relatedTo', 'seq',
] as const;
export type LedgerField = (typeof LEDGER_FIELD_KEYS)[number];

export interface LedgerFieldInfo {
  key: LedgerField;
  zh: string;
  en: string;
  /** Headers people type for this field, most common first; the first is the template header. */
  synonyms: string[];
  /** Several columns may feed this field (their values are merged). */
  multiple?: boolean;
  /** Export as text ('@') so Excel keeps leading zeros and long digit strings. */
  text?: boolean;
  /** Parsed and validated as; shown to the user when correcting the mapping. */
  type: 'text' | 'number' | 'month' | 'date' | 'years' | 'enum' | 'list' | 'ignored';
  /** Columns filled in by the name/model parser when absent. */
  derived?: boolean;
}

export const LEDGER_FIELDS: LedgerFieldInfo[] = [
  { key: 'name', zh: '设备名称', en: 'Name', type: 'text', synonyms: ['设备名称', '名称', '资产名称', '系统名称', '接口名称', '软件名称', 'name', 'asset name'] },
  {
    key: 'nameModel', zh: '名称型号', en: 'Name and model', type: 'text',
    synonyms: ['名称型号', '名称及型号', '设备名称及型号', '名称规格型号', '品牌型号', '品牌及型号', '设备型号及名称', '名称/型号', '设备名称/型号'],
  },
  { key: 'brand', zh: '品牌', en: 'Brand', type: 'text', derived: true, synonyms: ['品牌', '厂商', '生产厂家', '厂家', '制造商', '生产厂商', 'brand', 'manufacturer', 'make'] },
  { key: 'model', zh: '型号', en: 'Model', type: 'text', derived: true, synonyms: ['型号', '规格型号', '设备型号', '规格', 'model'] },
  { key: 'serialNumber', zh: '序列号', en: 'Serial number', type: 'text', text: true, synonyms: ['序列号', 'SN', 'S/N', '出厂编号', '设备序列号', '机器序列号', 'serial number', 'serial'] },
  { key: 'assetCode', zh: '资产编号', en: 'Asset code', type: 'text', text: true, synonyms: ['资产编号', '资产编码', '设备编号', '固定资产编号', '资产标签', '资产号', 'asset code', 'asset tag'] },
  { key: 'quantity', zh: '数量', en: 'Quantity', type: 'number', synonyms: ['数量', '总数', '台数', '数目', 'quantity', 'qty'] },
  { key: 'unit', zh: '单位', en: 'Unit', type: 'text', synonyms: ['单位', '计量单位', 'unit'] },
  {
    key: 'purchaseMonth', zh: '购置年月', en: 'Purchase month', type: 'month',
    synonyms: ['购置年月', '购置日期', '购买时间', '采购日期', '购置时间', '购买日期', '采购时间', '购入日期', 'purchase date', 'purchased'],
  },
  { key: 'warrantyYears', zh: '保修期限', en: 'Warranty (years)', type: 'years', synonyms: ['保修期限', '保修年限', '质保期', '保修期', '质保年限', '维保期限', 'warranty', 'warranty years'] },
  {
    key: 'warrantyEndsOn', zh: '保修截止', en: 'Warranty ends on', type: 'date',
    synonyms: ['保修截止', '维保到期', '保修截止日期', '保修到期', '维保到期日', '质保到期', '质保截止', 'warranty end', 'warranty ends on'],
  },
  { key: 'warrantyStatus', zh: '保修状态', en: 'Warranty status', type: 'enum', synonyms: ['保修状态', '维保状态', '质保状态', '是否在保', '是否过保', 'warranty status'] },
  {
    key: 'location', zh: '所属区域', en: 'Location', type: 'text',
    synonyms: ['所属区域', '位置', '安装位置', '机房', '存放地点', '所在位置', '区域', '院区', '放置地点', '安装地点', 'location'],
  },
  { key: 'department', zh: '使用科室', en: 'Department', type: 'text', synonyms: ['使用科室', '所属科室', '科室', '使用部门', '所属部门', '部门', 'department'] },
  { key: 'ownerPerson', zh: '责任人', en: 'Owner', type: 'text', synonyms: ['责任人', '使用人', '管理员', '负责人', '保管人', 'owner'] },
  { key: 'ip', zh: 'IP地址', en: 'IP addresses', type: 'list', text: true, multiple: true, synonyms: ['IP地址', 'IP', '管理IP', '管理地址', '业务IP', 'IP address', 'ip'] },
  { key: 'hostName', zh: '主机名', en: 'Host name', type: 'list', multiple: true, synonyms: ['主机名', '计算机名', '主机名称', 'hostname', 'host name'] },
  { key: 'os', zh: '操作系统', en: 'Operating system', type: 'text', synonyms: ['操作系统', 'OS', '系统版本', 'operating system'] },
  { key: 'cpu', zh: 'CPU', en: 'CPU', type: 'text', synonyms: ['CPU', '处理器', 'CPU型号', 'processor'] },
  { key: 'database', zh: '数据库', en: 'Database', type: 'text', synonyms: ['数据库', 'DB', '数据库类型', 'database'] },
  { key: 'middleware', zh: '中间件', en: 'Middleware', type: 'text', synonyms: ['中间件', 'middleware'] },
  { key: 'importance', zh: '重要程度', en: 'Importance', type: 'enum', synonyms: ['重要程度', '重要性', '重要等级', 'importance'] },
  { key: 'status', zh: '使用状态', en: 'Status', type: 'enum', synonyms: ['使用状态', '状态', '设备状态', '资产状态', 'status'] },
  { key: 'kind', zh: '类别', en: 'Kind', type: 'enum', synonyms: ['类别', '设备类型', '资产类型', '分类', '设备类别', '类型', '资产类别', 'kind', 'type', 'category'] },
  { key: 'vendor', zh: '供应商', en: 'Vendor', type: 'text', synonyms: ['供应商', '维保厂商', '维保单位', '服务商', '维保商', 'vendor', 'supplier'] },
  { key: 'notes', zh: '备注', en: 'Notes', type: 'text', multiple: true, synonyms: ['备注', '说明', '备注说明', 'notes', 'remark', 'remarks'] },
  { key: 'relatedTo', zh: '关联系统', en: 'Related to', type: 'list', multiple: true, synonyms: ['关联系统', '运行于', '依赖', '所属系统', '依赖系统', '部署于', 'related to', 'depends on', 'runs on'] },
  { key: 'seq', zh: '序号', en: 'No.', type: 'ignored', synonyms: ['序号', '编号', 'No', 'No.', '#', '行号'] },
];

export const LEDGER_FIELD_INFO: Record<LedgerField, LedgerFieldInfo> = Object.fromEntries(
  LEDGER_FIELDS.map((f) => [f.key, f]),
) as Record<LedgerField, LedgerFieldInfo>;

export interface ColumnMapping {
  index: number;
  header: string;
  field: LedgerField | null;
  /** 1 exact, 0.9 after normalising punctuation/full-width/markers, 0.5–0.8 by containment, 0 unmapped. */
  confidence: number;
  /** A unit in the header, e.g. "台" from "数量(台)". */
  unitHint?: string;
}

const UNIT_IN_HEADER = /^(台|套|条|个|组|块|只|部|根|张|件|项|路|年|月)$/;

/** "* 数量（台）" → "数量"; drops '*' required markers, bracketed parts, spaces, punctuation, case. */
export function normalizeHeader(header: string): string {
  return toHalfWidth(header)
    .replace(/\([^)]*\)?|\[[^\]]*\]?|【[^】]*】?/g, '')
    .replace(/[\s*:：、，,。.\-_/\\'"“”‘’#№?？!！]/g, '')
    .toLowerCase();
}

function unitHintOf(header: string): string | undefined {
  const m = /[(（[【]\s*([^)）\]】]+?)\s*[)）\]】]/.exec(header);
  return m?.[1] && UNIT_IN_HEADER.test(m[1]) && m[1] !== '年' && m[1] !== '月' ? m[1] : undefined;
}

interface Synonym {
  field: LedgerField;
  raw: string;
  norm: string;
}
const SYNONYMS: Synonym[] = LEDGER_FIELDS.flatMap((f) => f.synonyms.map((raw) => ({ field: f.key, raw, norm: normalizeHeader(raw) })))
  .filter((s) => s.norm.length > 0)
  .sort((a, b) => b.norm.length - a.norm.length);
const ASCII_ONLY = /^[a-z0-9]+$/;

/** The field one header names, with a confidence; null when nothing fits. */
export function matchHeader(header: string): { field: LedgerField | null; confidence: number; unitHint?: string } {
  const trimmed = header.trim();
  const unitHint = unitHintOf(trimmed);
  const withUnit = <T extends object>(r: T) => (unitHint ? { ...r, unitHint } : r);
  if (!trimmed) return { field: null, confidence: 0 };
  const exact = SYNONYMS.find((s) => s.raw === trimmed);
  if (exact) return withUnit({ field: exact.field, confidence: 1 });
  const norm = normalizeHeader(trimmed);
  if (!norm) return { field: null, confidence: 0 };
  const same = SYNONYMS.find((s) => s.norm === norm);
  if (same) return withUnit({ field: same.field, confidence: 0.9 });
  const contained = SYNONYMS.filter((s) => {
    if (ASCII_ONLY.test(s.norm)) return new RegExp(`(^|[^a-z])${s.norm}($|[^a-z])`).test(norm);
    return s.norm.length >= 2 && norm.includes(s.norm);
  });
  const fields = new Set(contained.map((s) => s.field));
  // "设备名称及型号": a name and a model in one column
  if ((fields.has('name') || fields.has('brand')) && fields.has('model')) return withUnit({ field: 'nameModel', confidence: 0.7 });
  const best = contained[0];
  if (!best) return { field: null, confidence: 0 };
  const coverage = best.norm.length / norm.length;
  return withUnit({ field: best.field, confidence: Math.round((0.5 + 0.3 * coverage) * 100) / 100 });
}

/** Whether a cell reads like a header (used to find the header row under a title line). */
export function looksLikeHeader(cell: string): boolean {
  const text = cell.trim();
  if (!text || text.length > 16) return false;
  const m = matchHeader(text);
  return m.field !== null && (m.confidence >= 0.9 || (m.confidence >= 0.6 && text.length <= 10));
}

export function mapColumns(headers: string[]): { mapping: ColumnMapping[]; unmapped: string[] } {
  const mapping: ColumnMapping[] = headers.map((header, index) => ({ index, header, ...matchHeader(header) }));
  // One column per field, except fields that merge several columns; the most confident column wins.
  const byField = new Map<LedgerField, ColumnMapping>();
  for (const m of [...mapping].sort((a, b) => b.confidence - a.confidence || a.index - b.index)) {
    if (!m.field || LEDGER_FIELD_INFO[m.field].multiple) continue;
    if (byField.has(m.field)) {
      m.field = null;
      m.confidence = 0;
      delete m.unitHint;
    } else {
      byField.set(m.field, m);
    }
  }
  const unmapped = mapping.filter((m) => m.field === null && m.header.trim() !== '').map((m) => m.header);
  return { mapping, unmapped };
}
