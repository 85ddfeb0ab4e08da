import { sql, type Selectable } from 'kysely';
import { CONTRACT_DOCUMENT_MAX_BYTES, type MaintenanceContract, type MaintenanceContractCreateInput, type MaintenanceContractListQuery, type MaintenanceContractUpdateInput } from '../../../shared/schemas/assets.ts';
import { assertInScope, inScope, requirePermission, scopeOf, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { loadAssetOrg } from './asset-write.ts';
import type { MaintenanceContractsTable } from './assets.tables.ts';
import { checkAssetReferences } from './references.ts';
import { addDays, daysBetween, localDate } from './warranty.ts';

type Row = Selectable<MaintenanceContractsTable> & {
  vendorName: string | null;
  assetCount: number;
  documentName: string | null;
  documentType: string | null;
  documentSize: number | null;
  documentUploadedAt: Date | null;
};

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);

/** The real type of an uploaded contract document from its first bytes; the client's Content-Type is not trusted. */
export function sniffDocumentType(bytes: Uint8Array, fileName: string): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (ext === 'docx') return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (ext === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (ext === 'ofd') return 'application/ofd';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    if (ext === 'doc') return 'application/msword';
    if (ext === 'xls') return 'application/vnd.ms-excel';
  }
  return null;
}

function rethrowCodeTaken(e: unknown): never {
  if ((e as { code?: string }).code === '23505') throw conflict('contract.code_taken', 'The contract code is taken in this organisation');
  throw e;
}

/** Maintenance contracts (维保合同): period, vendor, cost in 分 and the signed document; assets point at them. */
export function createContractService({ db, audit, crypto, clock }: PlatformDeps) {
  const today = () => localDate(clock.now());
  const detailed = (d: Db) =>
    d
      .selectFrom('maintenanceContracts as c')
      .leftJoin('vendors as v', 'v.id', 'c.vendorId')
      .leftJoin('maintenanceContractDocuments as doc', 'doc.contractId', 'c.id')
      .selectAll('c')
      .select(['v.name as vendorName', 'doc.fileName as documentName', 'doc.contentType as documentType', 'doc.sizeBytes as documentSize', 'doc.uploadedAt as documentUploadedAt'])
      .select(sql<number>`(select count(*)::int from assets a where a.contract_id = c.id)`.as('assetCount'));

  const present = (r: Row, day: string): MaintenanceContract => ({
    id: r.id,
    orgId: r.orgId,
    vendorId: r.vendorId,
    vendorName: r.vendorName,
    code: r.code,
    name: r.name,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    costFen: r.costFen,
    notes: r.notes,
    document: r.documentName ? { fileName: r.documentName, contentType: r.documentType!, sizeBytes: r.documentSize!, uploadedAt: new Date(r.documentUploadedAt!).toISOString() } : null,
    assetCount: r.assetCount,
    daysLeft: daysBetween(day, r.endsOn),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  });
  const snapshot = (r: Selectable<MaintenanceContractsTable>) => ({ orgId: r.orgId, vendorId: r.vendorId, code: r.code, name: r.name, startsOn: r.startsOn, endsOn: r.endsOn, costFen: r.costFen, notes: r.notes });

  async function getRow(d: Db, actor: Actor, id: string, permission: 'asset.read' | 'asset.manage'): Promise<Row> {
    const row = await detailed(d).where('c.id', '=', id).where(inScope(scopeOf(actor, permission), 'c.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('maintenance_contract', id);
    return row as Row;
  }
  const presentById = async (id: string) => present((await detailed(db).where('c.id', '=', id).executeTakeFirstOrThrow()) as Row, today());

  return {
    async list(actor: Actor, query: MaintenanceContractListQuery): Promise<MaintenanceContract[]> {
      const day = today();
      let q = detailed(db).where(inScope(scopeOf(actor, 'asset.read'), 'c.org_id', actor, query.orgId));
      if (query.vendorId) q = q.where('c.vendorId', '=', query.vendorId);
      if (query.expiringWithinDays !== undefined) q = q.where('c.endsOn', '>=', day).where('c.endsOn', '<=', addDays(day, query.expiringWithinDays));
      if (query.q) q = q.where((eb) => eb.or([eb('c.name', 'ilike', `%${query.q}%`), eb('c.code', 'ilike', `%${query.q}%`)]));
      const rows = await q.orderBy('c.endsOn').orderBy('c.code').limit(10_000).execute();
      return rows.map((r) => present(r as Row, day));
    },

    async get(actor: Actor, id: string): Promise<MaintenanceContract> {
      return present(await getRow(db, actor, id, 'asset.read'), today());
    },

    async create(actor: Actor, input: MaintenanceContractCreateInput): Promise<MaintenanceContract> {
      requirePermission(actor, 'asset.manage');
      await assertInScope(db, actor, 'asset.manage', input.orgId, 'organisation', input.orgId);
      await checkAssetReferences(db, actor, await loadAssetOrg(db, input.orgId), { vendorId: input.vendorId });
      const id = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const row = await trx
          .insertInto('maintenanceContracts')
          .values({ orgId: input.orgId, vendorId: input.vendorId ?? null, code: input.code, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, costFen: input.costFen ?? null, notes: input.notes ?? null, createdAt: now, updatedAt: now })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(rethrowCodeTaken);
        await audit.record(trx, subjectOf(actor), { eventType: 'contract.create', action: 'create', objectType: 'maintenance_contract', objectId: row.id, orgId: row.orgId, detail: { after: snapshot(row) } });
        return row.id;
      });
      return presentById(id);
    },

    async update(actor: Actor, id: string, input: MaintenanceContractUpdateInput): Promise<MaintenanceContract> {
      const before = await getRow(db, actor, id, 'asset.manage');
      if (input.vendorId) await checkAssetReferences(db, actor, await loadAssetOrg(db, before.orgId), { vendorId: input.vendorId });
      const startsOn = input.startsOn ?? before.startsOn;
      const endsOn = input.endsOn ?? before.endsOn;
      if (endsOn < startsOn) throw invalid('validation', 'The contract ends before it starts', [{ path: ['body', 'endsOn'], message: 'the contract ends before it starts', code: 'custom' }]);
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('maintenanceContracts')
          .set({
            ...(input.vendorId !== undefined ? { vendorId: input.vendorId } : {}),
            ...(input.code !== undefined ? { code: input.code } : {}),
            ...(input.name !== undefined ? { name: input.name } : {}),
            startsOn,
            endsOn,
            ...(input.costFen !== undefined ? { costFen: input.costFen } : {}),
            ...(input.notes !== undefined ? { notes: input.notes } : {}),
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(rethrowCodeTaken);
        await audit.record(trx, subjectOf(actor), { eventType: 'contract.update', action: 'update', objectType: 'maintenance_contract', objectId: id, orgId: row.orgId, detail: { before: snapshot(before), after: snapshot(row) } });
      });
      return presentById(id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, 'asset.manage');
      await db.transaction().execute(async (trx) => {
        const asset = await trx.selectFrom('assets').select('id').where('contractId', '=', id).limit(1).executeTakeFirst();
        if (asset) throw conflict('contract.in_use', 'Assets are still covered by this contract');
        await trx.deleteFrom('maintenanceContracts').where('id', '=', id).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'contract.delete', action: 'delete', objectType: 'maintenance_contract', objectId: id, orgId: before.orgId, riskLevel: 'medium', detail: { before: snapshot(before) } });
      });
    },

    /** Stores (or replaces) the contract document; checks the scope before the caller reads the body. */
    async assertManageable(actor: Actor, id: string): Promise<void> {
      await getRow(db, actor, id, 'asset.manage');
    },

    async putDocument(actor: Actor, id: string, fileName: string, content: Uint8Array): Promise<MaintenanceContract> {
      const before = await getRow(db, actor, id, 'asset.manage');
      if (content.byteLength === 0) throw invalid('contract.document_empty', 'The document is empty');
      if (content.byteLength > CONTRACT_DOCUMENT_MAX_BYTES) throw invalid('contract.document_too_large', 'The document is larger than 10 MB');
      const contentType = sniffDocumentType(content, fileName);
      if (!contentType) throw invalid('contract.document_type', 'Upload a PDF, OFD, image, Word or Excel file');
      const sm3 = crypto.sm3(Buffer.from(content)).toString('hex');
      await db.transaction().execute(async (trx) => {
        const values = { contractId: id, orgId: before.orgId, fileName, contentType, sizeBytes: content.byteLength, sm3, content, uploadedAt: clock.now(), uploadedBy: actor.userId };
        await trx.insertInto('maintenanceContractDocuments').values(values).onConflict((oc) => oc.column('contractId').doUpdateSet(values)).execute();
        await audit.record(trx, subjectOf(actor), { eventType: 'contract.document_upload', action: 'update', objectType: 'maintenance_contract', objectId: id, orgId: before.orgId, detail: { fileName, contentType, sizeBytes: content.byteLength, sm3 } });
      });
      return presentById(id);
    },

    async getDocument(actor: Actor, id: string) {
      await getRow(db, actor, id, 'asset.read');
      const doc = await db.selectFrom('maintenanceContractDocuments').select(['fileName', 'contentType', 'content']).where('contractId', '=', id).executeTakeFirst();
      if (!doc) throw notFound('contract_document', id);
      return doc;
    },

    async removeDocument(actor: Actor, id: string): Promise<void> {
      const before = await getRow(db, actor, id, 'asset.manage');
      await db.transaction().execute(async (trx) => {
        const res = await trx.deleteFrom('maintenanceContractDocuments').where('contractId', '=', id).executeTakeFirst();
        if (Number(res.numDeletedRows) === 0) throw notFound('contract_document', id);
        await audit.record(trx, subjectOf(actor), { eventType: 'contract.document_delete', action: 'delete', objectType: 'maintenance_contract', objectId: id, orgId: before.orgId, detail: { fileName: before.documentName } });
      });
    },
  };
}

export type ContractService = ReturnType<typeof createContractService>;
