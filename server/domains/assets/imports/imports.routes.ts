import { z } from 'zod';
import { AssetImport, AssetImportCreateFields, AssetImportUpdateInput, ImportListQuery, ImportRow, ImportRowsQuery } from '../../../../shared/schemas/asset-imports.ts';
import { IdParam, Page } from '../../../../shared/schemas/common.ts';
import { defineRoutes } from '../../../platform/api.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AssetKindService } from '../kinds.service.ts';
import { LedgerFileError } from '../ledger/index.ts';
import { reportXlsx, templateXlsx, XLSX, xlsxResponse } from './files.ts';
import { IMPORT_MAX_BYTES, type AssetImportService } from './imports.service.ts';

const KINDS_ARE_GLOBAL = 'asset kinds are one platform-wide catalogue without an organisation';

function validation(error: z.ZodError) {
  return new AppError('invalid', 'validation', 'Invalid form fields', error.issues.map((i) => ({ path: ['body', ...i.path.map(String)], message: i.message, code: i.code })));
}

/** Ledger import (upload → preview → commit), its report, per-kind templates and the ledger export. */
export function assetImportRoutes(imports: AssetImportService, kinds: AssetKindService) {
  return (
    defineRoutes('asset-imports')
      .post(
        '/asset-imports',
        {
          summary: 'Upload a ledger (.xlsx or .csv, multipart: file, orgId, defaultKindKey?, duplicateAction) and get its preview',
          permission: 'asset.manage',
          response: AssetImport,
          status: 201,
          tenancy: { none: 'the orgId form field is checked like an :id (an organisation outside the scope is 404)' },
        },
        async ({ actor, c }) => {
          // multipart is read here: the route has no JSON body
          const declared = Number(c.req.header('content-length') ?? 0);
          if (declared > IMPORT_MAX_BYTES + 64 * 1024) throw new LedgerFileError('ledger.too_large', 'The upload is larger than 20 MB', { maxBytes: IMPORT_MAX_BYTES });
          const form = await c.req.parseBody().catch(() => {
            throw new AppError('invalid', 'validation', 'Send the file as multipart/form-data', [{ path: ['body', 'file'], message: 'not multipart/form-data', code: 'invalid_type' }]);
          });
          const file = form.file;
          if (!(file instanceof File)) throw new AppError('invalid', 'validation', 'The file is missing', [{ path: ['body', 'file'], message: 'required', code: 'invalid_type' }]);
          const fields = AssetImportCreateFields.safeParse({ orgId: form.orgId, defaultKindKey: form.defaultKindKey || undefined, duplicateAction: form.duplicateAction || undefined });
          if (!fields.success) throw validation(fields.error);
          return imports.upload(actor, { file: { name: file.name || 'upload.xlsx', bytes: Buffer.from(await file.arrayBuffer()) }, ...fields.data });
        },
      )
      .get('/asset-imports', { summary: 'Import history: who, when, file, rows created/updated', permission: 'asset.read', query: ImportListQuery, response: Page(AssetImport), tenancy: { list: 'asset_import' } }, ({ actor, query }) => imports.list(actor, query))
      .get('/asset-imports/:id', { summary: 'An import with its sheets, mapping and summary', permission: 'asset.read', params: IdParam, response: AssetImport, tenancy: { object: 'asset_import' } }, ({ actor, params }) => imports.get(actor, params.id))
      .get('/asset-imports/:id/rows', { summary: 'The preview rows, paged, by action or sheet', permission: 'asset.read', params: IdParam, query: ImportRowsQuery, response: Page(ImportRow), tenancy: { object: 'asset_import' } }, ({ actor, params, query }) =>
        imports.rows(actor, params.id, query),
      )
      .patch(
        '/asset-imports/:id',
        { summary: 'Correct the mapping, include/exclude sheets, change defaults or per-row choices; the preview is recomputed', permission: 'asset.manage', params: IdParam, body: AssetImportUpdateInput, response: AssetImport, tenancy: { object: 'asset_import' }, example: { duplicateAction: 'update' } },
        ({ actor, params, body }) => imports.update(actor, params.id, body),
      )
      .post('/asset-imports/:id/commit', { summary: 'Write the preview, all or nothing (409 while a row has errors)', permission: 'asset.manage', params: IdParam, response: AssetImport, tenancy: { object: 'asset_import' } }, ({ actor, params }) => imports.commit(actor, params.id))
      .post('/asset-imports/:id/discard', { summary: 'Drop a preview without writing anything', permission: 'asset.manage', params: IdParam, response: AssetImport, tenancy: { object: 'asset_import' } }, ({ actor, params }) => imports.discard(actor, params.id))
      .get('/asset-imports/:id/report', { summary: 'Every row with its action, errors (red) and warnings, as .xlsx', permission: 'asset.read', params: IdParam, produces: XLSX, tenancy: { object: 'asset_import' } }, async ({ actor, params }) => {
        const { record, rows } = await imports.allRows(actor, params.id);
        return xlsxResponse(await reportXlsx(rows), `导入报告-${record.fileName.replace(/\.(xlsx|csv)$/i, '')}.xlsx`);
      })
      .get('/asset-kinds/:id/template', { summary: 'Import template of a kind (.xlsx) with its typed fields as extra columns', params: IdParam, produces: XLSX, tenancy: { none: KINDS_ARE_GLOBAL } }, async ({ actor, params }) => {
        const kind = await kinds.get(actor, params.id);
        return xlsxResponse(await templateXlsx(kind), `${kind.name}导入模板.xlsx`);
      })
  );
}
