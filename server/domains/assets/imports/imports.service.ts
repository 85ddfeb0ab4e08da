import type { AssetImport, AssetImportUpdateInput, ImportRow, ImportSheet } from '../../../../shared/schemas/asset-imports.ts';
import { assertInScope, inScope, scopeOf, type Actor } from '../../../platform/actor.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { LedgerFileError, mapColumns, readLedgerFile, type LedgerSheet } from '../ledger/index.ts';
import { localDate } from '../warranty.ts';
import { commitImport } from './commit.ts';
import { computeRows, rowKey } from './compute.ts';
import { loadImportContext } from './context.ts';
import type { AssetImportsTable, ImportDecision } from './imports.tables.ts';
import type { Selectable } from 'kysely';

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const PREVIEW_TTL_MS = 24 * 3600_000;
type ImportRecord = Selectable<AssetImportsTable>;

export function presentImport(r: Omit<ImportRecord, 'source' | 'rows' | 'decisions'>): AssetImport {
  return {
    id: r.id,
    orgId: r.orgId,
    fileName: r.fileName,
    fileSizeBytes: r.fileSizeBytes,
    fileSha: r.fileSha,
    status: r.status,
    defaultKindKey: r.defaultKindKey,
    duplicateAction: r.duplicateAction,
    sheets: r.sheets,
    summary: r.summary,
    createdBy: r.createdBy ?? '',
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    committedAt: r.committedAt?.toISOString() ?? null,
    result: r.result,
  };
}

const HEAD = ['id', 'orgId', 'createdBy', 'createdByName', 'createdAt', 'fileName', 'fileSizeBytes', 'fileSha', 'status', 'defaultKindKey', 'duplicateAction', 'sheets', 'summary', 'committedAt', 'result', 'expiresAt'] as const;

export interface UploadInput {
  file: { name: string; bytes: Buffer };
  orgId: string;
  defaultKindKey?: string | undefined;
  duplicateAction: 'update' | 'skip';
}

/** Ledger imports: upload → preview (validated rows, duplicates) → corrections → one all-or-nothing commit. */
export function createAssetImportService(deps: PlatformDeps) {
  const { db, clock, crypto } = deps;
  const today = () => localDate(clock.now());

  async function load(d: Db, actor: Actor, id: string, permission: 'asset.read' | 'asset.manage', lock = false): Promise<ImportRecord> {
    let q = d.selectFrom('assetImports').selectAll().where('id', '=', id).where(inScope(scopeOf(actor, permission), 'asset_imports.org_id', actor));
    if (lock) q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw notFound('asset_import', id);
    return row;
  }

  function assertKind(key: string | null | undefined) {
    return key ? db.selectFrom('assetKinds').select('id').where('key', '=', key).executeTakeFirst().then((k) => {
      if (!k) throw invalid('asset.kind_unknown', 'Unknown asset kind', [{ path: ['body', 'defaultKindKey'], message: 'unknown kind', code: 'bad_reference' }]);
    }) : Promise.resolve();
  }

  async function compute(d: Db, rec: Pick<ImportRecord, 'orgId' | 'source' | 'sheets' | 'defaultKindKey' | 'duplicateAction' | 'decisions'>) {
    const ctx = await loadImportContext(d, rec.orgId);
    return { ctx, ...computeRows({ source: rec.source, sheets: rec.sheets, defaultKindKey: rec.defaultKindKey, duplicateAction: rec.duplicateAction, decisions: rec.decisions, today: today() }, ctx) };
  }

  return {
    async upload(actor: Actor, input: UploadInput): Promise<AssetImport> {
      await assertInScope(db, actor, 'asset.manage', input.orgId, 'organisation', input.orgId);
      await assertKind(input.defaultKindKey);
      if (input.file.bytes.length > IMPORT_MAX_BYTES) throw new LedgerFileError('ledger.too_large', `${input.file.name} is larger than 20 MB`, { fileName: input.file.name, maxBytes: IMPORT_MAX_BYTES });
      const file = await readLedgerFile(input.file.bytes, input.file.name, { maxBytes: IMPORT_MAX_BYTES });
      const source: LedgerSheet[] = file.sheets;
      const sheets: ImportSheet[] = source.map((s) => ({
        name: s.name,
        headerRow: s.headerRow,
        headers: s.headers,
        mapping: mapColumns(s.headers).mapping.map((m) => ({ index: m.index, header: m.header, field: m.field })),
        rowCount: s.rows.length,
        isIncluded: true,
      }));
      const rec = { orgId: input.orgId, source, sheets, defaultKindKey: input.defaultKindKey ?? null, duplicateAction: input.duplicateAction, decisions: {} };
      const { rows, summary } = await compute(db, rec);
      const now = clock.now();
      const row = await db
        .insertInto('assetImports')
        .values({
          orgId: input.orgId,
          createdBy: actor.userId,
          createdByName: actor.name,
          createdAt: now,
          fileName: input.file.name.slice(0, 255),
          fileSizeBytes: input.file.bytes.length,
          fileSha: crypto.sm3(input.file.bytes).toString('hex'),
          status: 'preview',
          defaultKindKey: rec.defaultKindKey,
          duplicateAction: rec.duplicateAction,
          sheets: JSON.stringify(sheets),
          source: JSON.stringify(source),
          rows: JSON.stringify(rows),
          decisions: '{}',
          summary: JSON.stringify(summary),
          expiresAt: new Date(now.getTime() + PREVIEW_TTL_MS),
        })
        .returning(HEAD)
        .executeTakeFirstOrThrow();
      return presentImport(row);
    },

    async list(actor: Actor, query: { page: number; pageSize: number; orgId?: string | undefined }) {
      const q = db.selectFrom('assetImports').where(inScope(scopeOf(actor, 'asset.read'), 'asset_imports.org_id', actor, query.orgId));
      const [items, count] = await Promise.all([
        q.select(HEAD).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: items.map(presentImport), total: Number(count.n), page: query.page, pageSize: query.pageSize };
    },

    async get(actor: Actor, id: string): Promise<AssetImport> {
      return presentImport(await load(db, actor, id, 'asset.read'));
    },

    async rows(actor: Actor, id: string, query: { page: number; pageSize: number; action?: ImportRow['action'] | undefined; sheet?: string | undefined; hasWarnings?: 'true' | 'false' | undefined }) {
      const rec = await load(db, actor, id, 'asset.read');
      const all = rec.rows.filter((r) => (!query.action || r.action === query.action) && (!query.sheet || r.sheet === query.sheet) && (!query.hasWarnings || (r.warnings.length > 0) === (query.hasWarnings === 'true')));
      const start = (query.page - 1) * query.pageSize;
      return { items: all.slice(start, start + query.pageSize), total: all.length, page: query.page, pageSize: query.pageSize };
    },

    /** All rows, for the report. */
    async allRows(actor: Actor, id: string): Promise<{ record: ImportRecord; rows: ImportRow[] }> {
      const record = await load(db, actor, id, 'asset.read');
      return { record, rows: record.rows };
    },

    async update(actor: Actor, id: string, input: AssetImportUpdateInput): Promise<AssetImport> {
      await db.transaction().execute(async (trx) => {
        const rec = await load(trx, actor, id, 'asset.manage', true);
        if (rec.status !== 'preview') throw conflict('asset_import.not_preview', 'The import is no longer a preview');
        if (input.defaultKindKey) await assertKind(input.defaultKindKey);
        const sheets = rec.sheets.map((s) => {
          const change = input.sheets?.find((x) => x.name === s.name);
          if (!change) return s;
          const mapping = s.mapping.map((m) => {
            const c = change.mapping?.find((x) => x.index === m.index);
            return c ? { ...m, field: c.field } : m;
          });
          return { ...s, mapping, isIncluded: change.isIncluded ?? s.isIncluded };
        });
        for (const s of input.sheets ?? []) if (!rec.sheets.some((x) => x.name === s.name)) throw invalid('validation', 'Unknown sheet', [{ path: ['body', 'sheets'], message: `no sheet named ${s.name}`, code: 'bad_reference' }]);
        const decisions: Record<string, ImportDecision> = { ...rec.decisions };
        for (const r of input.rows ?? []) decisions[rowKey(r.sheet, r.rowNumber)] = r.action;
        const next = { ...rec, sheets, decisions, defaultKindKey: input.defaultKindKey !== undefined ? input.defaultKindKey : rec.defaultKindKey, duplicateAction: input.duplicateAction ?? rec.duplicateAction };
        const { rows, summary } = await compute(trx, next);
        await trx
          .updateTable('assetImports')
          .set({ sheets: JSON.stringify(sheets), decisions: JSON.stringify(decisions), defaultKindKey: next.defaultKindKey, duplicateAction: next.duplicateAction, rows: JSON.stringify(rows), summary: JSON.stringify(summary) })
          .where('id', '=', id)
          .execute();
      });
      return this.get(actor, id);
    },

    async commit(actor: Actor, id: string): Promise<AssetImport> {
      await db.transaction().execute(async (trx) => {
        const rec = await load(trx, actor, id, 'asset.manage', true);
        if (rec.status !== 'preview') throw conflict('asset_import.not_preview', 'The import was already committed or discarded');
        await assertInScope(trx, actor, 'asset.manage', rec.orgId, 'asset_import', id);
        // recomputed against the ledger as it is now: someone may have added assets since the preview
        const { ctx, rows, summary } = await compute(trx, rec);
        if (summary.error > 0) throw conflict('asset_import.has_errors', 'Some rows have errors; correct them or skip them first', { errors: summary.error });
        const result = await commitImport(trx, deps, actor, { id, orgId: rec.orgId, fileName: rec.fileName }, rows, ctx);
        await trx.updateTable('assetImports').set({ status: 'committed', committedAt: clock.now(), rows: JSON.stringify(rows), summary: JSON.stringify(summary), result: JSON.stringify(result) }).where('id', '=', id).execute();
      });
      return this.get(actor, id);
    },

    async discard(actor: Actor, id: string): Promise<AssetImport> {
      await db.transaction().execute(async (trx) => {
        const rec = await load(trx, actor, id, 'asset.manage', true);
        if (rec.status !== 'preview') throw conflict('asset_import.not_preview', 'The import was already committed or discarded');
        // the file's rows are dropped; the record stays in the history
        await trx.updateTable('assetImports').set({ status: 'discarded', source: '[]' }).where('id', '=', id).execute();
      });
      return this.get(actor, id);
    },

    /** Daily: previews older than 24 h are discarded and their file contents dropped. */
    async discardExpired(): Promise<number> {
      const r = await db.updateTable('assetImports').set({ status: 'discarded', source: '[]', rows: '[]' }).where('status', '=', 'preview').where('expiresAt', '<', clock.now()).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}

export type AssetImportService = ReturnType<typeof createAssetImportService>;
