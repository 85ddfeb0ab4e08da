import type { Generated, JSONColumnType } from 'kysely';
import type { ImportRow, ImportSheet } from '../../../../shared/schemas/asset-imports.ts';
import type { LedgerSheet } from '../ledger/index.ts';

export type ImportDecision = 'create' | 'update' | 'skip';
export interface ImportSummaryValue {
  total: number;
  create: number;
  update: number;
  skip: number;
  error: number;
  duplicates: number;
  warnings: number;
  unchanged: number;
}
export interface ImportResultValue {
  created: number;
  updated: number;
  skipped: number;
  relations?: number;
  locationsCreated?: number;
  vendorsCreated?: number;
}

export interface AssetImportsTable {
  id: Generated<string>;
  orgId: string;
  createdBy: string | null;
  createdByName: string;
  createdAt: Generated<Date>;
  fileName: string;
  fileSizeBytes: number;
  fileSha: string;
  status: 'preview' | 'committed' | 'failed' | 'discarded';
  defaultKindKey: string | null;
  duplicateAction: 'update' | 'skip';
  sheets: JSONColumnType<ImportSheet[], string, string>;
  source: JSONColumnType<LedgerSheet[], string, string>;
  rows: JSONColumnType<ImportRow[], string, string>;
  decisions: JSONColumnType<Record<string, ImportDecision>, string, string>;
  summary: JSONColumnType<ImportSummaryValue, string, string>;
  committedAt: Date | null;
  result: JSONColumnType<ImportResultValue | null, string | null, string | null>;
  expiresAt: Date;
}

export interface AssetImportTables {
  assetImports: AssetImportsTable;
}
