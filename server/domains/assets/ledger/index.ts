/** Asset ledger import/export: Excel/CSV in, normalized rows with row-level errors out; streamed .xlsx back. */
export { LEDGER_FIELDS, LEDGER_FIELD_INFO, LEDGER_FIELD_KEYS, mapColumns, matchHeader, normalizeHeader, type ColumnMapping, type LedgerField, type LedgerFieldInfo } from './columns.ts';
export { BRANDS, KIND_KEYS, KIND_LABELS, type KindKey } from './dictionaries.ts';
export { LEDGER_FILE_ERROR_CODES, LEDGER_FILE_ERROR_MESSAGES, LedgerFileError, type LedgerFileErrorCode } from './errors.ts';
export { streamingWorkbook, toCellValue, writeLedgerXlsx, type ExportColumn } from './export.ts';
export { brandKeyOf, detectKind, parseNameModel, type NameModelParts } from './name-model.ts';
export { normalizeRows, type MappingInput, type NormalizedAsset, type NormalizedRow, type NormalizeOptions, type RowError, type SkippedRow } from './normalize.ts';
export { DEFAULT_LEDGER_LIMITS, readLedgerFile, type LedgerFile, type LedgerLimits, type LedgerRow, type LedgerSheet, type LedgerWarning } from './read-workbook.ts';
export { templateColumnsForKind, writeTemplateXlsx, type TemplateColumn, type TemplateSpec } from './template.ts';
export * from './values.ts';
