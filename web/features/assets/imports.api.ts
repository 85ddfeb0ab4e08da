import { z } from 'zod';
import { api, apiUrl, parse } from '../../app/api.ts';
import { Page } from '../../../shared/schemas/common.ts';
import { AssetImport, ImportRow, type AssetImportUpdateInput, type ImportRowAction } from '../../../shared/schemas/asset-imports.ts';

export const importsKey = ['asset-imports'] as const;
export const importKey = (id: string) => ['asset-imports', id] as const;
export const importRowsKey = (id: string, query: ImportRowsQuery) => ['asset-imports', id, 'rows', query] as const;

const ImportPage = Page(AssetImport);
export type ImportPage = z.infer<typeof ImportPage>;
const RowPage = Page(ImportRow);
export type ImportRowPage = z.infer<typeof RowPage>;
export type ImportRowsQuery = { page: number; pageSize: number; action?: ImportRowAction; sheet?: string };
export type ImportUpload = { file: File; orgId: string; defaultKindKey?: string; duplicateAction: 'update' | 'skip' };

/** Uploads a ledger (multipart) and answers the preview; nothing is imported yet. */
export async function createImport({ file, orgId, defaultKindKey, duplicateAction }: ImportUpload): Promise<AssetImport> {
  const form = new FormData();
  form.set('file', file, file.name);
  form.set('orgId', orgId);
  if (defaultKindKey) form.set('defaultKindKey', defaultKindKey);
  form.set('duplicateAction', duplicateAction);
  return parse(AssetImport, await api.postForm('/api/asset-imports', form));
}

export async function listImports(query: { page: number; pageSize: number; orgId?: string }): Promise<ImportPage> {
  return parse(ImportPage, await api.get('/api/asset-imports', query));
}

export async function fetchImport(id: string): Promise<AssetImport> {
  return parse(AssetImport, await api.get(`/api/asset-imports/${id}`));
}

export async function listImportRows(id: string, query: ImportRowsQuery): Promise<ImportRowPage> {
  return parse(RowPage, await api.get(`/api/asset-imports/${id}/rows`, query));
}

/** Corrects the mapping, sheets, defaults or per-row choices; the server recomputes the preview. */
export async function updateImport(id: string, input: AssetImportUpdateInput): Promise<AssetImport> {
  return parse(AssetImport, await api.patch(`/api/asset-imports/${id}`, input));
}

/** All or nothing; 409 asset_import.has_errors while rows with errors are not skipped. */
export async function commitImport(id: string): Promise<AssetImport> {
  return parse(AssetImport, await api.post(`/api/asset-imports/${id}/commit`));
}

export async function discardImport(id: string): Promise<void> {
  await api.post(`/api/asset-imports/${id}/discard`);
}

/** Sets every row that still has errors to skip (paging through them), then answers the recomputed import. */
export async function skipAllErrorRows(id: string): Promise<AssetImport> {
  const rows: { sheet: string; rowNumber: number; action: 'skip' }[] = [];
  for (let page = 1; ; page++) {
    const batch = await listImportRows(id, { page, pageSize: 500, action: 'error' });
    rows.push(...batch.items.map((r) => ({ sheet: r.sheet, rowNumber: r.rowNumber, action: 'skip' as const })));
    if (batch.items.length < 500 || rows.length >= batch.total) break;
  }
  return updateImport(id, { rows });
}

/** The row report (.xlsx with the problems per row), as a plain download link. */
export function importReportUrl(id: string): string {
  return apiUrl(`/api/asset-imports/${id}/report`);
}
