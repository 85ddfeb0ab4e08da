import { AppError } from '../../../platform/errors.ts';

export const LEDGER_FILE_ERROR_CODES = [
  'ledger.not_a_spreadsheet',
  'ledger.empty',
  'ledger.too_large',
  'ledger.too_many_rows',
  'ledger.bad_encoding',
  'ledger.no_header',
] as const;
export type LedgerFileErrorCode = (typeof LEDGER_FILE_ERROR_CODES)[number];

/** What the user reads for each code (the HTTP layer may show these instead of the English message). */
export const LEDGER_FILE_ERROR_MESSAGES: Record<LedgerFileErrorCode, { 'zh-CN': string; en: string }> = {
  'ledger.not_a_spreadsheet': {
    'zh-CN': '文件不是 Excel(.xlsx) 或 CSV 表格，请在 Excel/WPS 中另存为 .xlsx 后重新上传',
    en: 'The file is not an .xlsx workbook or a CSV file; save it as .xlsx and upload it again',
  },
  'ledger.empty': { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  'ledger.too_large': { 'zh-CN': '文件过大，请拆分后分批导入', en: 'The file is too large; split it and import the parts' },
  'ledger.too_many_rows': { 'zh-CN': '行数超过上限，请拆分后分批导入', en: 'The file has too many rows; split it and import the parts' },
  'ledger.bad_encoding': {
    'zh-CN': 'CSV 文件编码无法识别，请用 Excel 另存为“CSV UTF-8”或 .xlsx',
    en: 'The CSV encoding is not recognised; save it as "CSV UTF-8" or .xlsx',
  },
  'ledger.no_header': {
    'zh-CN': '前 10 行中找不到表头（如 设备名称、数量、品牌、型号），请检查文件',
    en: 'No header row (such as 设备名称, 数量, 品牌, 型号) in the first 10 rows',
  },
};

/** A file the ledger import cannot read at all; nothing of it is imported. */
export class LedgerFileError extends AppError {
  constructor(
    override readonly code: LedgerFileErrorCode,
    message: string,
    override readonly details: Record<string, unknown> = {},
  ) {
    super('invalid', code, message, details);
    this.name = 'LedgerFileError';
  }
}
