import { z } from 'zod';
import { PageQuery } from './common.ts';

/** The ledger columns an import can map a spreadsheet column to (the ledger library's canonical fields). */
export const LedgerField = z.enum([
  'name', 'nameModel', 'brand', 'model', 'serialNumber', 'assetCode', 'quantity', 'unit', 'purchaseMonth', 'warrantyYears',
  'warrantyEndsOn', 'warrantyStatus', 'location', 'department', 'ownerPerson', 'ip', 'hostName', 'os', 'cpu', 'database',
  'middleware', 'importance', 'status', 'kind', 'vendor', 'notes', 'relatedTo', 'seq',
]);
export type LedgerField = z.infer<typeof LedgerField>;

export const ColumnMapping = z.object({ index: z.number().int().min(0), header: z.string(), field: LedgerField.nullable() });
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const ImportSheet = z.object({
  name: z.string(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  mapping: z.array(ColumnMapping),
  rowCount: z.number().int(),
  /** sheets the user chose not to import */
  isIncluded: z.boolean(),
});
export type ImportSheet = z.infer<typeof ImportSheet>;

export const DuplicateReason = z.enum(['serial', 'code', 'name_model_location']);
/** What committing does with a row: create a new asset, update the duplicate it matches, skip it, or refuse (errors). */
export const ImportRowAction = z.enum(['create', 'update', 'skip', 'error']);
export type ImportRowAction = z.infer<typeof ImportRowAction>;

export const ImportRow = z.object({
  sheet: z.string(),
  rowNumber: z.number().int(),
  action: ImportRowAction,
  kindKey: z.string().nullable(),
  /** normalized values as they will be written (name, brand, model, quantity, unit, purchaseMonth, …) */
  values: z.record(z.string(), z.unknown()),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
  duplicateOf: z.object({ id: z.uuid(), code: z.string(), name: z.string(), reason: DuplicateReason }).nullable(),
  /** for a duplicate: the fields the file would change, as [current, from the file]; empty when the file matches the asset */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).optional(),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportStatus = z.enum(['preview', 'committed', 'failed', 'discarded']);
export const ImportSummary = z.object({
  total: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  skip: z.number().int(),
  error: z.number().int(),
  duplicates: z.number().int(),
  warnings: z.number().int(),
  /** duplicates whose file values equal the stored asset */
  unchanged: z.number().int().optional(),
});
export const AssetImport = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  fileName: z.string(),
  fileSizeBytes: z.number().int(),
  status: ImportStatus,
  defaultKindKey: z.string().nullable(),
  duplicateAction: z.enum(['update', 'skip']),
  sheets: z.array(ImportSheet),
  summary: ImportSummary,
  createdBy: z.string(),
  /** display name of the uploader */
  createdByName: z.string().optional(),
  /** SM3 of the uploaded file, hex */
  fileSha: z.string().optional(),
  createdAt: z.iso.datetime(),
  committedAt: z.iso.datetime().nullable(),
  /** after commit: rows created / updated / skipped */
  result: z
    .object({ created: z.number().int(), updated: z.number().int(), skipped: z.number().int(), relations: z.number().int().optional(), locationsCreated: z.number().int().optional(), vendorsCreated: z.number().int().optional() })
    .nullable(),
});
export type AssetImport = z.infer<typeof AssetImport>;

/** multipart/form-data fields of POST /api/asset-imports besides `file` */
export const AssetImportCreateFields = z.object({
  orgId: z.uuid(),
  defaultKindKey: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/).optional(),
  duplicateAction: z.enum(['update', 'skip']).default('skip'),
});

/** Correct the automatic mapping, include/exclude sheets, change the defaults; the preview is recomputed. */
export const AssetImportUpdateInput = z.object({
  sheets: z.array(z.object({ name: z.string(), isIncluded: z.boolean().optional(), mapping: z.array(z.object({ index: z.number().int().min(0), field: LedgerField.nullable() })).optional() })).optional(),
  defaultKindKey: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/).nullable().optional(),
  duplicateAction: z.enum(['update', 'skip']).optional(),
  /** per-row choice for duplicates (update or skip) and for rows with errors (skip) */
  rows: z.array(z.object({ sheet: z.string(), rowNumber: z.number().int(), action: z.enum(['create', 'update', 'skip']) })).max(50_000).optional(),
});
export type AssetImportUpdateInput = z.infer<typeof AssetImportUpdateInput>;

export const ImportRowsQuery = PageQuery.extend({ action: ImportRowAction.optional(), sheet: z.string().max(100).optional(), hasWarnings: z.enum(['true', 'false']).optional() });
export const ImportListQuery = PageQuery.extend({ orgId: z.uuid().optional() });
