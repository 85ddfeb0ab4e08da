import { sql, type OrderByModifiersCallbackExpression } from 'kysely';
import type { Asset, AssetBulkInput, AssetCreateInput, AssetHistoryEntry, AssetListQuery, AssetPage, AssetUpdateInput } from '../../../shared/schemas/assets.ts';
import { assertInScope, inScope, requirePermission, scopeOf, type Actor } from '../../platform/actor.ts';
import { subjectOf } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { derivedColumns, loadAssetOrg, nextAssetCode, recordHistory, snapshotOf, type AssetRow } from './asset-write.ts';
import { detailedAssets, presentAsset, type DetailedAssetRow } from './assets.present.ts';
import { applyAttributes, type AttributeIssue } from './attributes.ts';
import { diffSnapshots } from './history-diff.ts';
import { kindByKey } from './kinds.service.ts';
import { checkAssetReferences } from './references.ts';
import { filteredAssets } from './asset-filters.ts';
import { localDate, monthToDate, warrantyEnd } from './warranty.ts';

const attributeError = (issues: AttributeIssue[]) => invalid('validation', 'Some attributes are invalid', issues.map((i) => ({ ...i, path: ['body', ...i.path] })));

const SORT: Record<AssetListQuery['sort'], [string, 'asc' | 'desc']> = {
  code: ['a.code', 'asc'],
  '-code': ['a.code', 'desc'],
  name: ['a.name', 'asc'],
  '-name': ['a.name', 'desc'],
  purchaseMonth: ['a.purchase_month', 'asc'],
  '-purchaseMonth': ['a.purchase_month', 'desc'],
  warrantyEndsOn: ['a.warranty_ends_on', 'asc'],
  '-warrantyEndsOn': ['a.warranty_ends_on', 'desc'],
  updatedAt: ['a.updated_at', 'asc'],
  '-updatedAt': ['a.updated_at', 'desc'],
};

/**
 * How far past the page's offset the list counts matches exactly; beyond, the total is marked capped. Filters
 * count from indexes (10,000 of them in ~1 ms); a text search rechecks every candidate row, and counting all
 * 16,666 "r740" assets cost 15–50 ms against ~1 ms for the page, so a search counts to 1,000.
 */
export const ASSET_TOTAL_CAPS = { filter: 10_000, search: 1_000 };

/** The asset ledger: create, edit, bulk edit, delete and list assets, each change with history and audit. */
export function createAssetService({ db, audit, clock }: PlatformDeps, { totalCaps = ASSET_TOTAL_CAPS }: { totalCaps?: typeof ASSET_TOTAL_CAPS } = {}) {
  const today = () => localDate(clock.now());

  /** An asset the actor may act on with `permission`; another tenant's asset is 404. */
  async function getRow(d: Db, actor: Actor, id: string, permission: 'asset.read' | 'asset.manage'): Promise<AssetRow> {
    const row = await d.selectFrom('assets').selectAll().where('id', '=', id).where(inScope(scopeOf(actor, permission), 'assets.org_id', actor)).executeTakeFirst();
    if (!row) throw notFound('asset', id);
    return row;
  }

  const presentById = async (d: Db, id: string) => presentAsset((await detailedAssets(d).where('a.id', '=', id).executeTakeFirstOrThrow()) as DetailedAssetRow, today());

  async function assertCodeFree(trx: Db, orgId: string, code: string) {
    const taken = await trx.selectFrom('assets').select('id').where('orgId', '=', orgId).where('code', '=', code).executeTakeFirst();
    if (taken) throw conflict('asset.code_taken', 'The asset code is taken in this organisation');
  }

  /** Inserts one asset in `trx` with its history row; the caller records the audit event (import records one per batch). */
  async function insertAsset(trx: Db, actor: Actor, input: AssetCreateInput, opts: { importId?: string | null } = {}): Promise<AssetRow> {
    requirePermission(actor, 'asset.manage');
    await assertInScope(trx, actor, 'asset.manage', input.orgId, 'organisation', input.orgId);
    const org = await loadAssetOrg(trx, input.orgId);
    const kind = await kindByKey(trx, input.kindKey);
    const { attributes, issues } = applyAttributes(kind.fields, {}, input.attributes, { requireAll: true });
    if (issues.length) throw attributeError(issues);
    await checkAssetReferences(trx, actor, org, input);
    if (input.code) await assertCodeFree(trx, org.id, input.code);
    const code = input.code ?? (await nextAssetCode(trx, org, kind.codePrefix));
    const purchaseMonth = input.purchaseMonth ? monthToDate(input.purchaseMonth) : null;
    const isExplicit = input.warrantyEndsOn != null;
    const now = clock.now();
    const values = {
      orgId: org.id,
      kindId: kind.id,
      code,
      name: input.name,
      brand: input.brand ?? null,
      model: input.model ?? null,
      serialNumber: input.serialNumber ?? null,
      quantity: input.quantity,
      unit: input.unit,
      status: input.status,
      locationId: input.locationId ?? null,
      rackUnitStart: input.rackUnitStart ?? null,
      rackUnitSize: input.rackUnitSize ?? null,
      ownerDepartmentId: input.ownerDepartmentId ?? null,
      ownerPerson: input.ownerPerson ?? null,
      engineerId: input.engineerId ?? null,
      importance: input.importance,
      purchaseMonth,
      warrantyYears: input.warrantyYears ?? null,
      warrantyEndsOn: isExplicit ? input.warrantyEndsOn! : warrantyEnd(purchaseMonth, input.warrantyYears ?? null),
      warrantyEndIsExplicit: isExplicit,
      vendorId: input.vendorId ?? null,
      contractId: input.contractId ?? null,
      endOfServiceOn: input.endOfServiceOn ?? null,
      managementIps: input.managementIps,
      hostNames: input.hostNames,
      cpu: input.cpu ?? null,
      os: input.os ?? null,
      database: input.database ?? null,
      middleware: input.middleware ?? null,
      notes: input.notes ?? null,
    };
    const row = await trx
      .insertInto('assets')
      .values({ ...values, ...derivedColumns(values), attributes: JSON.stringify(attributes), createdAt: now, createdBy: actor.userId, updatedAt: now, updatedBy: actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordHistory(trx, actor, now, [{ assetId: row.id, orgId: row.orgId, action: opts.importId ? 'import' : 'create', changes: diffSnapshots(null, snapshotOf(row)), importId: opts.importId }]);
    return row;
  }

  /** Applies an edit in `trx` with its history row (none when nothing changed); the caller audits. */
  async function updateAsset(trx: Db, actor: Actor, id: string, input: AssetUpdateInput, opts: { importId?: string | null } = {}): Promise<{ before: AssetRow; after: AssetRow; changes: Record<string, [unknown, unknown]> }> {
    const before = await getRow(trx, actor, id, 'asset.manage');
    const pick = <K extends keyof AssetUpdateInput & keyof AssetRow>(k: K) => (input[k] !== undefined ? input[k] : before[k]) as AssetRow[K];
    let attributes = before.attributes;
    if (input.attributes !== undefined) {
      const kind = await trx.selectFrom('assetKinds').select('fields').where('id', '=', before.kindId).executeTakeFirstOrThrow();
      const r = applyAttributes(kind.fields, before.attributes, input.attributes, { requireAll: true });
      if (r.issues.length) throw attributeError(r.issues);
      attributes = r.attributes;
    }
    // Moving to another location drops the old U position unless a new one is given.
    const movesLocation = input.locationId !== undefined && input.locationId !== before.locationId;
    const rackUnitStart = input.rackUnitStart !== undefined ? input.rackUnitStart : movesLocation ? null : before.rackUnitStart;
    const rackUnitSize = input.rackUnitSize !== undefined ? input.rackUnitSize : movesLocation ? null : before.rackUnitSize;
    const touchesRack = input.locationId !== undefined || input.rackUnitStart !== undefined || input.rackUnitSize !== undefined;
    const org = await loadAssetOrg(trx, before.orgId);
    // Only references that change are checked, so an edit of the name is not blocked by an older reference.
    await checkAssetReferences(trx, actor, org, {
      assetId: id,
      ...(touchesRack ? { locationId: pick('locationId'), rackUnitStart, rackUnitSize } : {}),
      vendorId: input.vendorId,
      contractId: input.contractId,
      ownerDepartmentId: input.ownerDepartmentId,
      engineerId: input.engineerId,
    });
    if (input.code !== undefined && input.code !== before.code) await assertCodeFree(trx, before.orgId, input.code);
    const purchaseMonth = input.purchaseMonth !== undefined ? (input.purchaseMonth ? monthToDate(input.purchaseMonth) : null) : before.purchaseMonth;
    const warrantyYears = input.warrantyYears !== undefined ? input.warrantyYears : before.warrantyYears === null ? null : Number(before.warrantyYears);
    // An explicit end date stays until the client sends null, which returns to purchase month + years.
    const isExplicit = input.warrantyEndsOn !== undefined ? input.warrantyEndsOn !== null : before.warrantyEndIsExplicit;
    const values = {
      code: pick('code'),
      name: pick('name'),
      brand: pick('brand'),
      model: pick('model'),
      serialNumber: pick('serialNumber'),
      quantity: pick('quantity'),
      unit: pick('unit'),
      status: pick('status'),
      locationId: pick('locationId'),
      rackUnitStart,
      rackUnitSize,
      ownerDepartmentId: pick('ownerDepartmentId'),
      ownerPerson: pick('ownerPerson'),
      engineerId: pick('engineerId'),
      importance: pick('importance'),
      purchaseMonth,
      warrantyYears,
      warrantyEndsOn: isExplicit ? (input.warrantyEndsOn ?? before.warrantyEndsOn) : warrantyEnd(purchaseMonth, warrantyYears),
      warrantyEndIsExplicit: isExplicit,
      vendorId: pick('vendorId'),
      contractId: pick('contractId'),
      endOfServiceOn: pick('endOfServiceOn'),
      managementIps: pick('managementIps'),
      hostNames: pick('hostNames'),
      cpu: pick('cpu'),
      os: pick('os'),
      database: pick('database'),
      middleware: pick('middleware'),
      notes: pick('notes'),
    };
    const now = clock.now();
    const after = await trx
      .updateTable('assets')
      .set({ ...values, ...derivedColumns(values), attributes: JSON.stringify(attributes), updatedAt: now, updatedBy: actor.userId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changes = diffSnapshots(snapshotOf(before), snapshotOf(after));
    if (Object.keys(changes).length) await recordHistory(trx, actor, now, [{ assetId: id, orgId: after.orgId, action: opts.importId ? 'import' : 'update', changes, importId: opts.importId }]);
    return { before, after, changes };
  }

  return {
    getRow,
    insertAsset,
    updateAsset,

    /**
     * One page in one statement (the ids are paged first, then only those rows get their names), and a total
     * that is exact up to a cap past the offset. A short page needs no count: it is the last one.
     */
    async list(actor: Actor, query: AssetListQuery): Promise<AssetPage> {
      const day = today();
      const filtered = filteredAssets(db, actor, query, day);
      const [column, direction] = SORT[query.sort];
      const sorted: OrderByModifiersCallbackExpression = (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast();
      const offset = (query.page - 1) * query.pageSize;
      const pageIds = filtered.select('a.id').orderBy(sql.ref(column), sorted).orderBy('a.id').limit(query.pageSize).offset(offset);
      const rows = (await detailedAssets(db).where('a.id', 'in', pageIds).orderBy(sql.ref(column), sorted).orderBy('a.id').execute()) as DetailedAssetRow[];
      const items = rows.map((r) => presentAsset(r, day));
      const page = { items, page: query.page, pageSize: query.pageSize };
      if (rows.length < query.pageSize && (rows.length > 0 || offset === 0)) return { ...page, total: offset + rows.length, isTotalCapped: false };
      const cap = offset + (query.q ? totalCaps.search : totalCaps.filter);
      const matches = filtered.select(sql<number>`1`.as('one')).limit(cap + 1);
      const { n } = await db.selectFrom(matches.as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { ...page, total: Math.min(Number(n), cap), isTotalCapped: Number(n) > cap };
    },

    async get(actor: Actor, id: string): Promise<Asset> {
      const row = await detailedAssets(db).where('a.id', '=', id).where(inScope(scopeOf(actor, 'asset.read'), 'a.org_id', actor)).executeTakeFirst();
      if (!row) throw notFound('asset', id);
      return presentAsset(row as DetailedAssetRow, today());
    },

    async create(actor: Actor, input: AssetCreateInput): Promise<Asset> {
      const row = await db.transaction().execute(async (trx) => {
        const row = await insertAsset(trx, actor, input);
        await audit.record(trx, subjectOf(actor), { eventType: 'asset.create', action: 'create', objectType: 'asset', objectId: row.id, orgId: row.orgId, detail: { after: snapshotOf(row) } });
        return row;
      });
      // Presenting reads through `db`: on PGlite's single connection that must wait for the commit.
      return presentById(db, row.id);
    },

    async update(actor: Actor, id: string, input: AssetUpdateInput): Promise<Asset> {
      await db.transaction().execute(async (trx) => {
        const { after, changes } = await updateAsset(trx, actor, id, input);
        // A save that changed nothing is no event (its history row was skipped too).
        if (Object.keys(changes).length) await audit.record(trx, subjectOf(actor), { eventType: 'asset.update', action: 'update', objectType: 'asset', objectId: id, orgId: after.orgId, detail: { changes } });
      });
      return presentById(db, id);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await getRow(trx, actor, id, 'asset.manage');
        const relations = await trx.selectFrom('assetRelations').selectAll().where((eb) => eb.or([eb('fromAssetId', '=', id), eb('toAssetId', '=', id)])).execute();
        const others = relations.length
          ? new Map((await trx.selectFrom('assets').select(['id', 'orgId']).where('id', 'in', relations.map((r) => (r.fromAssetId === id ? r.toAssetId : r.fromAssetId))).execute()).map((a) => [a.id, a.orgId]))
          : new Map<string, string>();
        await trx.deleteFrom('assets').where('id', '=', id).execute();
        const now = clock.now();
        await recordHistory(trx, actor, now, [
          { assetId: id, orgId: before.orgId, action: 'delete', changes: diffSnapshots(snapshotOf(before), null) },
          // The other ends lose a relation too; their history says so.
          ...relations.map((r) => {
            const other = r.fromAssetId === id ? r.toAssetId : r.fromAssetId;
            return { assetId: other, orgId: others.get(other)!, action: 'relation_remove' as const, changes: { relation: [{ id: r.id, kind: r.kind, fromAssetId: r.fromAssetId, toAssetId: r.toAssetId }, null] as [unknown, unknown] } };
          }),
        ]);
        await audit.record(trx, subjectOf(actor), { eventType: 'asset.delete', action: 'delete', objectType: 'asset', objectId: id, orgId: before.orgId, riskLevel: 'medium', detail: { before: snapshotOf(before), relationsRemoved: relations.length } });
      });
    },

    /** Sets the same fields on many assets at once: every id must be manageable and every reference valid, or nothing changes. */
    async bulkUpdate(actor: Actor, input: AssetBulkInput): Promise<{ updated: number }> {
      const ids = [...new Set(input.ids)];
      const { set } = input;
      return db.transaction().execute(async (trx) => {
        const befores = await trx.selectFrom('assets').selectAll().where('id', 'in', ids).where(inScope(scopeOf(actor, 'asset.manage'), 'assets.org_id', actor)).forUpdate().execute();
        if (befores.length !== ids.length) {
          const seen = new Set(befores.map((r) => r.id));
          throw notFound('asset', ids.find((id) => !seen.has(id)));
        }
        const byOrg = new Map<string, string[]>();
        for (const r of befores) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r.id]);
        for (const orgId of byOrg.keys()) {
          await checkAssetReferences(trx, actor, await loadAssetOrg(trx, orgId), { locationId: set.locationId, engineerId: set.engineerId, contractId: set.contractId }, 'set');
        }
        const now = clock.now();
        // One statement for all rows; in SET, location_id still names the old value, so a move clears the U position.
        const afters = await trx
          .updateTable('assets')
          .set({
            ...(set.status !== undefined ? { status: set.status } : {}),
            ...(set.importance !== undefined ? { importance: set.importance } : {}),
            ...(set.engineerId !== undefined ? { engineerId: set.engineerId } : {}),
            ...(set.contractId !== undefined ? { contractId: set.contractId } : {}),
            ...(set.locationId !== undefined
              ? {
                  locationId: set.locationId,
                  rackUnitStart: sql<number | null>`case when location_id is not distinct from ${set.locationId}::uuid then rack_unit_start end`,
                  rackUnitSize: sql<number | null>`case when location_id is not distinct from ${set.locationId}::uuid then rack_unit_size end`,
                }
              : {}),
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        const beforeById = new Map(befores.map((r) => [r.id, r]));
        const entries = afters
          .map((a) => ({ assetId: a.id, orgId: a.orgId, action: 'update' as const, changes: diffSnapshots(snapshotOf(beforeById.get(a.id)!), snapshotOf(a)) }))
          .filter((e) => Object.keys(e.changes).length > 0);
        await recordHistory(trx, actor, now, entries);
        for (const [orgId, orgIds] of byOrg) {
          await audit.record(trx, subjectOf(actor), { eventType: 'asset.bulk_update', action: 'update', objectType: 'asset', objectId: null, orgId, detail: { ids: orgIds, set } });
        }
        return { updated: entries.length };
      });
    },

    async history(actor: Actor, id: string): Promise<AssetHistoryEntry[]> {
      await getRow(db, actor, id, 'asset.read');
      const rows = await db.selectFrom('assetHistory').selectAll().where('assetId', '=', id).orderBy('id', 'desc').limit(1000).execute();
      return rows.map((h) => ({
        id: h.id,
        assetId: h.assetId,
        changedAt: h.changedAt.toISOString(),
        actorId: h.actorId,
        actorName: h.actorName,
        action: h.action,
        changes: h.changes,
        importId: h.importId,
      }));
    },
  };
}

export type AssetService = ReturnType<typeof createAssetService>;
