/**
 * Turns the stored sheets of an import, with their (corrected) mapping and the user's choices, into
 * ImportRows: kind, references resolved by name, typed attributes, duplicates (against the
 * organisation's assets and within the file) and the action committing will take.
 */
import type { ImportRow, ImportSheet } from '../../../../shared/schemas/asset-imports.ts';
import { applyAttributes, type AttributeMap } from '../attributes.ts';
import { matchHeader, normalizeHeader, normalizeRows, type LedgerSheet, type NormalizedAsset } from '../ledger/index.ts';
import type { AssetRow } from '../asset-write.ts';
import { pathKey, type ImportContext } from './context.ts';
import type { ImportDecision, ImportSummaryValue } from './imports.tables.ts';

export interface ComputeInput {
  source: LedgerSheet[];
  sheets: ImportSheet[];
  defaultKindKey: string | null;
  duplicateAction: 'update' | 'skip';
  decisions: Record<string, ImportDecision>;
  today: string;
}

/** jsonb keys cannot hold NUL; the row number comes first, so any sheet name is unambiguous */
export const rowKey = (sheet: string, rowNumber: number) => `${rowNumber}@${sheet}`;
const IMPORTANCE = { core: 'core', important: 'important', general: 'normal' } as const;
const MAX_LOCATION_DEPTH = 4;

/** The values an import writes to an asset, as stored in ImportRow.values. */
export interface WriteValues {
  kindKey?: string;
  name: string;
  brand?: string;
  model?: string;
  serialNumber?: string;
  code?: string;
  quantity?: number;
  unit?: string;
  status?: AssetRow['status'];
  importance?: AssetRow['importance'];
  purchaseMonth?: string;
  warrantyYears?: number;
  warrantyEndsOn?: string;
  warrantyEndIsExplicit?: boolean;
  location?: string;
  locationId?: string;
  /** a location path that does not exist yet: created as rooms (with parents) on commit */
  newLocation?: string;
  department?: string;
  ownerDepartmentId?: string;
  ownerPerson?: string;
  vendor?: string;
  vendorId?: string;
  newVendor?: string;
  managementIps?: string[];
  hostNames?: string[];
  cpu?: string;
  os?: string;
  database?: string;
  middleware?: string;
  notes?: string;
  attributes?: AttributeMap;
  relatedTo?: string[];
  warrantyStatusDeclared?: string;
}

/** Field → [current, new] for the fields the file gives that differ from the asset. */
export function diffAsset(a: AssetRow, v: WriteValues): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const cmp = (field: string, before: unknown, after: unknown) => {
    if (after === undefined) return;
    const same = Array.isArray(after) ? after.join('\u0000') === ((before as string[] | null) ?? []).join('\u0000') : before === after;
    if (!same) changes[field] = [before ?? null, after];
  };
  for (const f of ['name', 'brand', 'model', 'serialNumber', 'unit', 'status', 'importance', 'ownerPerson', 'cpu', 'os', 'database', 'middleware', 'notes', 'warrantyEndsOn'] as const) cmp(f, a[f], v[f]);
  cmp('code', a.code, v.code);
  cmp('quantity', a.quantity, v.quantity);
  cmp('purchaseMonth', a.purchaseMonth?.slice(0, 7) ?? null, v.purchaseMonth);
  cmp('warrantyYears', a.warrantyYears === null ? null : Number(a.warrantyYears), v.warrantyYears);
  cmp('locationId', a.locationId, v.newLocation ? `new:${v.newLocation}` : v.locationId);
  cmp('ownerDepartmentId', a.ownerDepartmentId, v.ownerDepartmentId);
  cmp('vendorId', a.vendorId, v.newVendor ? `new:${v.newVendor}` : v.vendorId);
  if (v.managementIps?.length) cmp('managementIps', a.managementIps, v.managementIps);
  if (v.hostNames?.length) cmp('hostNames', a.hostNames, v.hostNames);
  for (const [k, val] of Object.entries(v.attributes ?? {})) cmp(`attributes.${k}`, a.attributes[k], val);
  return changes;
}

function resolveLocation(ctx: ImportContext, text: string, v: WriteValues, warnings: string[], errors: ImportRow['errors']) {
  const path = pathKey(text);
  const byPath = ctx.locationByPath.get(path);
  if (byPath) return void (v.locationId = byPath);
  if (!path.includes('/')) {
    const ids = ctx.locationByName.get(path) ?? [];
    if (ids.length === 1) return void (v.locationId = ids[0]);
    if (ids.length > 1) {
      errors.push({ field: 'location', message: `位置“${text}”有 ${ids.length} 处同名，请写完整路径，如 院区/楼/机房` });
      return;
    }
  }
  if (path.split('/').length > MAX_LOCATION_DEPTH) {
    errors.push({ field: 'location', message: `位置“${text}”层级过多（最多 ${MAX_LOCATION_DEPTH} 级）` });
    return;
  }
  v.newLocation = path;
  warnings.push(`位置“${path}”不存在，导入时将新建`);
}

function writeValuesOf(n: NormalizedAsset, quantityGiven: boolean): WriteValues {
  const v: WriteValues = { name: n.name };
  if (n.kindKey) v.kindKey = n.kindKey;
  for (const f of ['brand', 'model', 'serialNumber', 'unit', 'purchaseMonth', 'warrantyEndsOn', 'ownerPerson', 'cpu', 'os', 'database', 'middleware', 'notes', 'location', 'department', 'vendor'] as const) {
    if (n[f] !== undefined && n[f] !== '') v[f] = n[f];
  }
  if (n.assetCode) v.code = n.assetCode;
  if (quantityGiven) v.quantity = n.quantity;
  if (n.status) v.status = n.status;
  if (n.importance) v.importance = IMPORTANCE[n.importance];
  if (n.warrantyYears !== undefined) v.warrantyYears = n.warrantyYears;
  if (n.warrantyEndsOn) v.warrantyEndIsExplicit = !n.warrantyEndsOnComputed;
  if (n.managementIps.length) v.managementIps = n.managementIps;
  if (n.hostNames.length) v.hostNames = n.hostNames;
  if (n.relatedTo.length) v.relatedTo = n.relatedTo;
  if (n.warrantyStatusDeclared) v.warrantyStatusDeclared = n.warrantyStatusDeclared;
  return v;
}

export function computeRows(input: ComputeInput, ctx: ImportContext): { rows: ImportRow[]; summary: ImportSummaryValue } {
  const bySerial = new Map<string, AssetRow>();
  const byCode = new Map<string, AssetRow>();
  const byNml = new Map<string, AssetRow>();
  const nml = (name: string, model: string | null | undefined, loc: string) => `${name}\u0000${model ?? ''}\u0000${loc}`;
  for (const a of ctx.assets) {
    if (a.serialNumber && !bySerial.has(a.serialNumber)) bySerial.set(a.serialNumber, a);
    byCode.set(a.code, a);
    const k = nml(a.name, a.model, a.locationId ?? '');
    if (!byNml.has(k)) byNml.set(k, a);
  }
  const assetNames = new Set(ctx.assets.map((a) => a.name));
  const seen = new Map<string, number>(); // duplicate keys within the file → first row number
  const rows: ImportRow[] = [];

  for (const sheet of input.source) {
    const meta = input.sheets.find((s) => s.name === sheet.name);
    if (!meta?.isIncluded) continue;
    const mapping = meta.mapping.map((m) => ({ index: m.index, field: m.field, ...(m.field === 'quantity' ? { unitHint: matchHeader(m.header).unitHint } : {}) }));
    const quantityCol = mapping.find((m) => m.field === 'quantity')?.index;
    const cellsOf = new Map(sheet.rows.map((r) => [r.rowNumber, r.cells]));
    const free = meta.mapping.filter((m) => m.field === null).map((m) => ({ index: m.index, label: normalizeHeader(m.header) }));
    const { rows: normalized } = normalizeRows(sheet, mapping, { ...(input.defaultKindKey ? { defaultKindKey: input.defaultKindKey } : {}), today: input.today });

    for (const n of normalized) {
      const cells = cellsOf.get(n.rowNumber) ?? [];
      const errors: ImportRow['errors'] = n.errors.map((e) => ({ field: e.field, message: e.message }));
      const warnings = [...n.warnings];
      const v = writeValuesOf(n.values, quantityCol !== undefined && (cells[quantityCol] ?? '').trim() !== '');
      const kind = v.kindKey ? ctx.kinds.get(v.kindKey) : undefined;
      if (!v.kindKey) errors.push({ field: 'kind', message: '无法判断设备类型：请在类别列填写，或选择默认类型' });
      else if (!kind) errors.push({ field: 'kind', message: `设备类型“${v.kindKey}”不存在` });
      if (v.location) resolveLocation(ctx, v.location, v, warnings, errors);
      if (v.department) {
        const id = ctx.departments.get(v.department);
        if (id) v.ownerDepartmentId = id;
        else warnings.push(`科室“${v.department}”不是本机构的科室，未设置使用科室`);
      }
      if (v.vendor) {
        const id = ctx.vendors.get(v.vendor);
        if (id) v.vendorId = id;
        else {
          v.newVendor = v.vendor;
          warnings.push(`厂商“${v.vendor}”不存在，导入时将新建`);
        }
      }
      if (kind) {
        const given: AttributeMap = {};
        for (const f of kind.fields) {
          const col = free.find((c) => c.label === normalizeHeader(f.label) || c.label === normalizeHeader(f.labelEn) || c.label === normalizeHeader(f.key));
          const text = col ? (cells[col.index] ?? '').trim() : '';
          if (text) given[f.key] = text;
        }
        if (Object.keys(given).length || kind.fields.some((f) => f.required)) {
          const { attributes, issues } = applyAttributes(kind.fields, {}, given, { requireAll: true });
          if (Object.keys(attributes).length) v.attributes = attributes;
          for (const i of issues) {
            const f = kind.fields.find((x) => x.key === i.path[1]);
            errors.push({ field: `attributes.${i.path[1]}`, message: `${f?.label ?? i.path[1]}：${i.code === 'required' ? '必填' : i.message}` });
          }
        }
      }

      let duplicateOf: ImportRow['duplicateOf'] = null;
      let fileDuplicate: number | undefined;
      const keys: string[] = [];
      if (v.serialNumber) keys.push(`s:${v.serialNumber}`);
      if (v.code) keys.push(`c:${v.code}`);
      const locKey = v.newLocation ? `new:${v.newLocation}` : (v.locationId ?? '');
      if (!keys.length) keys.push(`n:${nml(v.name, v.model, locKey)}`);
      const hit = (v.serialNumber && bySerial.get(v.serialNumber) && { a: bySerial.get(v.serialNumber)!, reason: 'serial' as const }) ||
        (v.code && byCode.get(v.code) && { a: byCode.get(v.code)!, reason: 'code' as const }) ||
        (!v.serialNumber && !v.code && byNml.get(nml(v.name, v.model, locKey)) && { a: byNml.get(nml(v.name, v.model, locKey))!, reason: 'name_model_location' as const }) ||
        undefined;
      if (hit) duplicateOf = { id: hit.a.id, code: hit.a.code, name: hit.a.name, reason: hit.reason };
      else if (errors.length === 0) {
        fileDuplicate = keys.map((k) => seen.get(k)).find((x) => x !== undefined);
        if (fileDuplicate === undefined) for (const k of keys) seen.set(k, n.rowNumber);
        else warnings.push(`与文件中第 ${fileDuplicate} 行重复，默认跳过`);
      }
      const changes = hit ? diffAsset(hit.a, v) : undefined;

      const decision = input.decisions[rowKey(n.sheet, n.rowNumber)];
      let action: ImportRow['action'];
      if (errors.length) action = decision === 'skip' ? 'skip' : 'error';
      else if (hit) action = decision === 'skip' || decision === 'update' ? decision : decision === 'create' && hit.reason !== 'code' ? 'create' : input.duplicateAction;
      else if (fileDuplicate !== undefined) action = decision === 'create' && !v.code ? 'create' : 'skip';
      else action = decision === 'skip' ? 'skip' : 'create';

      rows.push({ sheet: n.sheet, rowNumber: n.rowNumber, action, kindKey: v.kindKey ?? null, values: v as unknown as Record<string, unknown>, errors, warnings, duplicateOf, ...(changes ? { changes } : {}) });
    }
  }

  // relations by name: to an asset of the organisation or a row of this file
  const fileNames = new Set(rows.filter((r) => r.action === 'create' || r.action === 'update').map((r) => String(r.values.name)));
  for (const r of rows) {
    for (const name of (r.values.relatedTo as string[] | undefined) ?? []) {
      if (!assetNames.has(name) && !fileNames.has(name)) r.warnings.push(`关联对象“${name}”在本机构和本文件中都找不到，将不建立关系`);
    }
  }
  return { rows, summary: summarize(rows) };
}

export function summarize(rows: ImportRow[]): ImportSummaryValue {
  const s: ImportSummaryValue = { total: rows.length, create: 0, update: 0, skip: 0, error: 0, duplicates: 0, warnings: 0, unchanged: 0 };
  for (const r of rows) {
    s[r.action]++;
    if (r.duplicateOf || r.warnings.some((w) => w.includes('重复'))) s.duplicates++;
    if (r.warnings.length) s.warnings++;
    if (r.changes && Object.keys(r.changes).length === 0) s.unchanged++;
  }
  return s;
}
