/** Writes a computed import inside the caller's transaction: new locations and vendors, assets (bulk), updates, relations, history and one audit event. */
import { sql } from 'kysely';
import type { ImportRow } from '../../../../shared/schemas/asset-imports.ts';
import type { Actor } from '../../../platform/actor.ts';
import { subjectOf } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { derivedColumns, loadAssetOrg, recordHistory, snapshotOf, type AssetRow, type HistoryEntry } from '../asset-write.ts';
import { diffSnapshots } from '../history-diff.ts';
import { monthToDate } from '../warranty.ts';
import type { WriteValues } from './compute.ts';
import type { ImportContext } from './context.ts';
import type { ImportResultValue } from './imports.tables.ts';

const BATCH = 500;
const LOCATION_KINDS: Record<number, Array<'site' | 'building' | 'floor' | 'room'>> = { 1: ['room'], 2: ['site', 'room'], 3: ['site', 'building', 'room'], 4: ['site', 'building', 'floor', 'room'] };
const HARDWARE = new Set(['server', 'storage', 'cloud_resource']);

/** `n` fresh codes `<prefix>-<org>-<000001>` from one counter bump; codes someone typed by hand are stepped over. */
async function allocateCodes(trx: Db, org: { id: string; code: string }, prefix: string, n: number): Promise<string[]> {
  const codes: string[] = [];
  while (codes.length < n) {
    const want = n - codes.length;
    const { lastValue } = await trx
      .insertInto('assetCodeSequences')
      .values({ orgId: org.id, prefix, lastValue: want })
      .onConflict((oc) => oc.columns(['orgId', 'prefix']).doUpdateSet({ lastValue: sql<number>`asset_code_sequences.last_value + ${want}` }))
      .returning('lastValue')
      .executeTakeFirstOrThrow();
    const batch = Array.from({ length: want }, (_, i) => `${prefix}-${org.code}-${String(lastValue - want + 1 + i).padStart(6, '0')}`);
    const taken = new Set<string>();
    for (let i = 0; i < batch.length; i += 5000) {
      const part = batch.slice(i, i + 5000);
      for (const r of await trx.selectFrom('assets').select('code').where('orgId', '=', org.id).where('code', 'in', part).execute()) taken.add(r.code);
    }
    codes.push(...batch.filter((c) => !taken.has(c)));
  }
  return codes;
}

function columnsOf(v: WriteValues, refs: { locationId: string | null; vendorId: string | null }) {
  return {
    name: v.name,
    brand: v.brand ?? null,
    model: v.model ?? null,
    serialNumber: v.serialNumber ?? null,
    quantity: v.quantity ?? 1,
    unit: v.unit ?? '台',
    status: v.status ?? 'in_use',
    importance: v.importance ?? 'normal',
    locationId: refs.locationId,
    ownerDepartmentId: v.ownerDepartmentId ?? null,
    ownerPerson: v.ownerPerson ?? null,
    purchaseMonth: v.purchaseMonth ? monthToDate(v.purchaseMonth) : null,
    warrantyYears: v.warrantyYears ?? null,
    warrantyEndsOn: v.warrantyEndsOn ?? null,
    warrantyEndIsExplicit: v.warrantyEndIsExplicit ?? false,
    vendorId: refs.vendorId,
    managementIps: v.managementIps ?? [],
    hostNames: v.hostNames ?? [],
    cpu: v.cpu ?? null,
    os: v.os ?? null,
    database: v.database ?? null,
    middleware: v.middleware ?? null,
    notes: v.notes ?? null,
  };
}

export async function commitImport(trx: Db, { audit, clock }: PlatformDeps, actor: Actor, imp: { id: string; orgId: string; fileName: string }, rows: ImportRow[], ctx: ImportContext): Promise<ImportResultValue> {
  const now = clock.now();
  const org = await loadAssetOrg(trx, imp.orgId);
  const writing = rows.filter((r) => r.action === 'create' || (r.action === 'update' && r.changes && Object.keys(r.changes).length > 0));
  const valuesOf = (r: ImportRow) => r.values as unknown as WriteValues;

  // locations named in the file that do not exist: created as rooms (parents as site / building / floor)
  const locationIds = new Map(ctx.locationByPath);
  let locationsCreated = 0;
  for (const path of new Set(writing.map((r) => valuesOf(r).newLocation).filter((p): p is string => !!p))) {
    const parts = path.split('/');
    const kinds = LOCATION_KINDS[parts.length] ?? ['room'];
    let parent = null as { id: string; ancestorIds: string[] } | null;
    for (let i = 0; i < parts.length; i++) {
      const prefix = parts.slice(0, i + 1).join('/');
      const existing = locationIds.get(prefix);
      if (existing) {
        const ancestorIds: string[] = [...(parent?.ancestorIds ?? []), existing];
        parent = { id: existing, ancestorIds };
        continue;
      }
      const id = globalThis.crypto.randomUUID();
      const ancestorIds: string[] = [...(parent?.ancestorIds ?? []), id];
      await trx.insertInto('locations').values({ id, orgId: org.id, parentId: parent?.id ?? null, ancestorIds, kind: kinds[i] ?? 'room', name: parts[i]!, code: null, rackUnits: null, notes: `导入 ${imp.fileName}` }).execute();
      locationIds.set(prefix, id);
      parent = { id, ancestorIds };
      locationsCreated++;
    }
  }
  const vendorIds = new Map(ctx.vendors);
  let vendorsCreated = 0;
  for (const name of new Set(writing.map((r) => valuesOf(r).newVendor).filter((n): n is string => !!n))) {
    const v = await trx.insertInto('vendors').values({ orgId: org.id, name, contactName: null, contactPhoneSealed: null, email: null, address: null, notes: null }).returning('id').executeTakeFirstOrThrow();
    vendorIds.set(name, v.id);
    vendorsCreated++;
  }
  const refsOf = (v: WriteValues) => ({
    locationId: v.newLocation ? locationIds.get(v.newLocation)! : (v.locationId ?? null),
    vendorId: v.newVendor ? vendorIds.get(v.newVendor)! : (v.vendorId ?? null),
  });

  // creates: codes allocated per prefix in one counter bump, rows inserted 500 at a time
  const creates = rows.filter((r) => r.action === 'create');
  const needCode = new Map<string, ImportRow[]>();
  for (const r of creates) {
    if (valuesOf(r).code) continue;
    const prefix = ctx.kinds.get(r.kindKey!)!.codePrefix;
    needCode.set(prefix, [...(needCode.get(prefix) ?? []), r]);
  }
  const codeOf = new Map<ImportRow, string>();
  for (const [prefix, list] of needCode) (await allocateCodes(trx, org, prefix, list.length)).forEach((c, i) => codeOf.set(list[i]!, c));
  const history: HistoryEntry[] = [];
  const idByName = new Map<string, string>();
  const kindOfId = new Map<string, string>();
  for (let i = 0; i < creates.length; i += BATCH) {
    const inserted = await trx
      .insertInto('assets')
      .values(
        creates.slice(i, i + BATCH).map((r) => {
          const v = valuesOf(r);
          const values = { ...columnsOf(v, refsOf(v)), code: v.code ?? codeOf.get(r)! };
          return { ...values, ...derivedColumns(values), orgId: org.id, kindId: ctx.kinds.get(r.kindKey!)!.id, attributes: JSON.stringify(v.attributes ?? {}), createdAt: now, createdBy: actor.userId, updatedAt: now, updatedBy: actor.userId };
        }),
      )
      .returningAll()
      .execute();
    for (const a of inserted) {
      history.push({ assetId: a.id, orgId: a.orgId, action: 'import', changes: diffSnapshots(null, snapshotOf(a)), importId: imp.id });
      idByName.set(a.name, a.id);
      kindOfId.set(a.id, ctx.kindsById.get(a.kindId)?.key ?? '');
    }
  }

  // updates: only the fields that differ; each with its before/after in the history
  const byId = new Map<string, AssetRow>(ctx.assets.map((a) => [a.id, a]));
  let updated = 0;
  for (const r of rows) {
    if (r.action !== 'update' || !r.duplicateOf || !r.changes || Object.keys(r.changes).length === 0) continue;
    const before = byId.get(r.duplicateOf.id)!;
    const v = valuesOf(r);
    const full = columnsOf(v, refsOf(v));
    const set: Record<string, unknown> = {};
    let attributes = before.attributes;
    for (const key of Object.keys(r.changes)) {
      if (key.startsWith('attributes.')) attributes = { ...attributes, [key.slice(11)]: v.attributes![key.slice(11)]! };
      else if (key === 'code') set.code = v.code;
      else set[key] = full[key as keyof typeof full];
    }
    if ('warrantyEndsOn' in set) set.warrantyEndIsExplicit = full.warrantyEndIsExplicit;
    // A U position belongs to the rack it was measured in: moving to another location clears it, as an edit does.
    if ('locationId' in set && set.locationId !== before.locationId) Object.assign(set, { rackUnitStart: null, rackUnitSize: null });
    const merged = { ...before, ...set } as AssetRow;
    const after = await trx
      .updateTable('assets')
      .set({ ...set, ...derivedColumns(merged), attributes: JSON.stringify(attributes), updatedAt: now, updatedBy: actor.userId })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    history.push({ assetId: after.id, orgId: after.orgId, action: 'import', changes: diffSnapshots(snapshotOf(before), snapshotOf(after)), importId: imp.id });
    updated++;
  }
  for (const r of rows) if (r.action === 'update' && r.duplicateOf) idByName.set(r.duplicateOf.name, r.duplicateOf.id);
  await recordHistory(trx, actor, now, history);

  // relations by name: software and cloud resources run on hardware, everything else depends on its target
  const nameToId = new Map<string, string>();
  for (const a of ctx.assets) if (!nameToId.has(a.name)) nameToId.set(a.name, a.id);
  for (const [n, id] of idByName) nameToId.set(n, id);
  const relations: Array<{ orgId: string; fromAssetId: string; toAssetId: string; kind: 'runs_on' | 'depends_on'; attributes: string; createdBy: string | null }> = [];
  for (const r of rows) {
    if (r.action !== 'create' && r.action !== 'update') continue;
    const from = r.action === 'create' ? idByName.get(valuesOf(r).name) : r.duplicateOf?.id;
    for (const target of valuesOf(r).relatedTo ?? []) {
      const to = nameToId.get(target);
      if (!from || !to || from === to) continue;
      const toKind = kindOfId.get(to) ?? ctx.kindsById.get(byId.get(to)?.kindId ?? '')?.key ?? '';
      const kind = (r.kindKey === 'software_system' || r.kindKey === 'interface') && HARDWARE.has(toKind) ? 'runs_on' : 'depends_on';
      relations.push({ orgId: org.id, fromAssetId: from, toAssetId: to, kind, attributes: '{}', createdBy: actor.userId });
    }
  }
  let relationCount = 0;
  for (let i = 0; i < relations.length; i += BATCH) {
    const res = await trx.insertInto('assetRelations').values(relations.slice(i, i + BATCH)).onConflict((oc) => oc.columns(['fromAssetId', 'toAssetId', 'kind']).doNothing()).returning('id').execute();
    relationCount += res.length;
  }

  const result: ImportResultValue = { created: creates.length, updated, skipped: rows.length - creates.length - updated, relations: relationCount, locationsCreated, vendorsCreated };
  await audit.record(trx, subjectOf(actor), { eventType: 'asset_import.commit', action: 'create', objectType: 'asset_import', objectId: imp.id, orgId: org.id, detail: { fileName: imp.fileName, ...result } });
  return result;
}
