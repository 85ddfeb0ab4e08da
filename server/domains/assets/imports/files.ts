/** The spreadsheets of the import feature: the row report, the per-kind template and the streamed ledger export. */
import { PassThrough } from 'node:stream';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportRow } from '../../../../shared/schemas/asset-imports.ts';
import type { AssetListQuery } from '../../../../shared/schemas/assets.ts';
import type { Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { notFound } from '../../../platform/errors.ts';
import { filteredAssets, type AssetFilters } from '../asset-filters.ts';
import { detailedAssets, type DetailedAssetRow } from '../assets.present.ts';
import { templateColumnsForKind, writeLedgerXlsx, writeTemplateXlsx, type ExportColumn, type TemplateColumn } from '../ledger/index.ts';
import { dateToMonth, localDate, warrantyStatus } from '../warranty.ts';

const ACTION_ZH = { create: '新建', update: '更新', skip: '跳过', error: '错误' } as const;
const STATUS_ZH = { in_use: '在用', in_stock: '库存', under_repair: '维修', retired: '停用', scrapped: '报废' } as const;
const IMPORTANCE_ZH = { core: '核心', important: '重要', normal: '一般' } as const;
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition that survives Chinese names: an ASCII fallback plus RFC 5987 filename*. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function xlsxResponse(body: Buffer | ReadableStream, fileName: string): Response {
  return new Response(body as BodyInit, { headers: { 'Content-Type': XLSX, 'Content-Disposition': attachment(fileName) } });
}

/** Every row of an import with its action, errors and warnings; rows with errors are red. */
export async function reportXlsx(rows: ImportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入报告', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = [
    { header: '工作表', key: 'sheet', width: 16 },
    { header: '行号', key: 'rowNumber', width: 8 },
    { header: '处理', key: 'action', width: 8 },
    { header: '设备类型', key: 'kindKey', width: 16 },
    { header: '名称', key: 'name', width: 30 },
    { header: '品牌', key: 'brand', width: 12 },
    { header: '型号', key: 'model', width: 18 },
    { header: '数量', key: 'quantity', width: 8 },
    { header: '重复于', key: 'duplicate', width: 24 },
    { header: '变更', key: 'changes', width: 40 },
    { header: '错误', key: 'errors', width: 50 },
    { header: '提示', key: 'warnings', width: 50 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const v = r.values as Record<string, unknown>;
    const row = ws.addRow({
      sheet: r.sheet,
      rowNumber: r.rowNumber,
      action: ACTION_ZH[r.action],
      kindKey: r.kindKey ?? '',
      name: v.name ?? '',
      brand: v.brand ?? '',
      model: v.model ?? '',
      quantity: v.quantity ?? '',
      duplicate: r.duplicateOf ? `${r.duplicateOf.code} ${r.duplicateOf.name}` : '',
      changes: r.changes ? Object.keys(r.changes).join('、') : '',
      errors: r.errors.map((e) => `${e.field}：${e.message}`).join('\n'),
      warnings: r.warnings.join('\n'),
    });
    if (r.errors.length) row.eachCell({ includeEmpty: true }, (cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } }));
    if (r.errors.length) row.getCell('errors').font = { color: { argb: 'FF9C0006' } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The import template of a kind: the ledger columns plus the kind's typed fields (built-in and custom). */
export async function templateXlsx(kind: { key: string; name: string; fields: Array<{ key: string; label: string; labelEn: string; type: string; required?: boolean | undefined; options?: Array<{ label: string }> | undefined; unit?: string | undefined }> }): Promise<Buffer> {
  const extra: TemplateColumn[] = kind.fields.map((f) => ({
    key: `attr:${f.key}`,
    header: f.label,
    width: 16,
    ...(f.required ? { required: true } : {}),
    ...(f.options ? { options: f.options.map((o) => o.label) } : {}),
    ...(f.type === 'ip' || f.type === 'text' ? { text: true } : {}),
    hint: [f.labelEn, f.unit ? `单位 ${f.unit}` : '', f.type === 'date' ? '如 2024-05-31' : f.type === 'month' ? '如 2024-05' : ''].filter(Boolean).join('；'),
  }));
  const base = templateColumnsForKind(kind.key);
  const notes = base.findIndex((c) => c.key === 'notes');
  const columns = notes >= 0 ? [...base.slice(0, notes), ...extra, ...base.slice(notes)] : [...base, ...extra];
  return writeTemplateXlsx({ kindKey: kind.key, sheetName: `${kind.name}台账`, columns });
}

const EXPORT_FIELDS = ['kind', 'assetCode', 'name', 'brand', 'model', 'serialNumber', 'quantity', 'unit', 'location', 'department', 'ownerPerson', 'status', 'importance', 'purchaseMonth', 'warrantyYears', 'warrantyEndsOn', 'warrantyStatus', 'vendor', 'ip', 'hostName', 'cpu', 'os', 'database', 'middleware', 'notes'];

function exportColumns(kindKey: string | undefined): ExportColumn[] {
  const template = new Map([...templateColumnsForKind(undefined), ...templateColumnsForKind(kindKey)].map((c) => [c.key, c]));
  const fields = kindKey ? EXPORT_FIELDS.filter((f) => f !== 'kind') : EXPORT_FIELDS;
  return fields.map((f) => {
    const t = template.get(f);
    return { key: f, header: f === 'assetCode' ? '资产编号' : (t?.header ?? f), width: t?.width ?? 14, ...(t?.text || f === 'assetCode' ? { text: true } : {}) };
  });
}

function exportRecord(r: DetailedAssetRow, today: string): Record<string, unknown> {
  const ws = warrantyStatus(r.warrantyEndsOn, today);
  return {
    kind: r.kindName,
    assetCode: r.code,
    name: r.name,
    brand: r.brand,
    model: r.model,
    serialNumber: r.serialNumber,
    quantity: r.quantity,
    unit: r.unit,
    location: r.locationName?.replace(/ \/ /g, '/') ?? null,
    department: r.ownerDepartmentName,
    ownerPerson: r.ownerPerson,
    status: STATUS_ZH[r.status],
    importance: IMPORTANCE_ZH[r.importance],
    purchaseMonth: r.purchaseMonth ? dateToMonth(r.purchaseMonth) : null,
    warrantyYears: r.warrantyYears === null ? null : Number(r.warrantyYears),
    warrantyEndsOn: r.warrantyEndsOn,
    warrantyStatus: ws === 'in' ? '保内' : ws === 'out' ? '过保' : null,
    vendor: r.vendorName,
    ip: r.managementIps,
    hostName: r.hostNames,
    cpu: r.cpu,
    os: r.os,
    database: r.database,
    middleware: r.middleware,
    notes: r.notes,
  };
}

/**
 * Streams every asset matching the filters as .xlsx in the template layout. Pages by id (keyset,
 * 1,000 at a time) so memory stays flat however many assets match; one audit event with the filter.
 */
export async function exportAssets({ db, audit, clock, log }: PlatformDeps, actor: Actor, query: AssetListQuery): Promise<Response> {
  const today = localDate(clock.now());
  const filters: AssetFilters = { ...query };
  delete (filters as Partial<AssetListQuery>).page;
  delete (filters as Partial<AssetListQuery>).pageSize;
  delete (filters as Partial<AssetListQuery>).sort;
  // scope check and the audit event before the first byte, so a refusal is an ordinary error response
  filteredAssets(db, actor, filters, today);
  await db.transaction().execute((trx) => audit.record(trx, subjectOf(actor), { eventType: 'asset.export', action: 'export', objectType: 'asset', objectId: null, orgId: query.orgId ?? null, detail: { filter: filters } }));
  async function* records() {
    let after: string | null = null;
    for (;;) {
      let q = filteredAssets(db, actor, filters, today).select('a.id').orderBy('a.id').limit(1000);
      if (after) q = q.where('a.id', '>', after);
      const ids = (await q.execute()).map((r) => r.id);
      if (!ids.length) return;
      const rows = (await detailedAssets(db).where('a.id', 'in', ids).orderBy('a.id').execute()) as DetailedAssetRow[];
      for (const r of rows) yield exportRecord(r, today);
      after = ids[ids.length - 1]!;
      if (ids.length < 1000) return;
    }
  }
  const out = new PassThrough();
  writeLedgerXlsx(out, records(), exportColumns(query.kind), { sheetName: '资产台账' }).catch((err: unknown) => {
    log.error({ err }, 'asset export failed');
    out.destroy(err as Error);
  });
  const stamp = today.replace(/-/g, '');
  return xlsxResponse(Readable.toWeb(out) as ReadableStream, `资产台账-${stamp}.xlsx`);
}

export function kindNotFound(id: string) {
  return notFound('asset_kind', id);
}
