import { sql, type Selectable } from 'kysely';
import { xinchuangStatus } from '../../../shared/xinchuang.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { AssetHistoryTable, AssetsTable } from './assets.tables.ts';
import type { AssetOrg } from './references.ts';

export type AssetRow = Selectable<AssetsTable>;
type HistoryAction = AssetHistoryTable['action'];

/** The business fields of an asset, as its history and the audit trail record them. */
export function snapshotOf(row: AssetRow): Record<string, unknown> {
  return {
    orgId: row.orgId,
    kindId: row.kindId,
    code: row.code,
    name: row.name,
    brand: row.brand,
    model: row.model,
    serialNumber: row.serialNumber,
    quantity: row.quantity,
    unit: row.unit,
    status: row.status,
    locationId: row.locationId,
    rackUnitStart: row.rackUnitStart,
    rackUnitSize: row.rackUnitSize,
    ownerDepartmentId: row.ownerDepartmentId,
    ownerPerson: row.ownerPerson,
    engineerId: row.engineerId,
    importance: row.importance,
    purchaseMonth: row.purchaseMonth,
    warrantyYears: row.warrantyYears === null ? null : Number(row.warrantyYears),
    warrantyEndsOn: row.warrantyEndsOn,
    vendorId: row.vendorId,
    contractId: row.contractId,
    endOfServiceOn: row.endOfServiceOn,
    managementIps: row.managementIps,
    hostNames: row.hostNames,
    cpu: row.cpu,
    os: row.os,
    database: row.database,
    middleware: row.middleware,
    attributes: row.attributes,
    notes: row.notes,
  };
}

interface Searchable {
  code: string;
  name: string;
  brand?: string | null;
  model?: string | null;
  serialNumber?: string | null;
  managementIps: string[];
  hostNames: string[];
  cpu?: string | null;
  os?: string | null;
  database?: string | null;
  middleware?: string | null;
}

/** Columns the service keeps in step with the fields they come from: the search text and the 信创 flags. */
export function derivedColumns(v: Searchable) {
  const xc = xinchuangStatus(v);
  const searchText = [v.code, v.name, v.brand, v.model, v.serialNumber, ...v.managementIps, ...v.hostNames]
    .filter((s): s is string => !!s)
    .join(' ')
    .toLowerCase();
  return { searchText, xcCpu: xc.cpu, xcOs: xc.os, xcDatabase: xc.database, xcMiddleware: xc.middleware, xcOverall: xc.overall };
}

/** The organisation an asset is filed under, with the code used in generated asset codes. */
export async function loadAssetOrg(db: Db, orgId: string): Promise<AssetOrg> {
  const org = await db.selectFrom('organisations').select(['id', 'code', 'ancestorIds']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('organisation', orgId);
  return org;
}

/**
 * The next free `<prefix>-<org code>-<000001>` code. The counter row is bumped inside the caller's
 * transaction, so concurrent creators serialise on it; a code someone typed by hand is skipped.
 */
export async function nextAssetCode(trx: Db, org: AssetOrg, prefix: string): Promise<string> {
  for (;;) {
    const { lastValue } = await trx
      .insertInto('assetCodeSequences')
      .values({ orgId: org.id, prefix, lastValue: 1 })
      .onConflict((oc) => oc.columns(['orgId', 'prefix']).doUpdateSet({ lastValue: sql<number>`asset_code_sequences.last_value + 1` }))
      .returning('lastValue')
      .executeTakeFirstOrThrow();
    const code = `${prefix}-${org.code}-${String(lastValue).padStart(6, '0')}`;
    const taken = await trx.selectFrom('assets').select('id').where('orgId', '=', org.id).where('code', '=', code).executeTakeFirst();
    if (!taken) return code;
  }
}

export interface HistoryEntry {
  assetId: string;
  orgId: string;
  action: HistoryAction;
  changes: Record<string, [unknown, unknown]>;
  importId?: string | null;
}

/** Appends history rows in the caller's transaction. */
export async function recordHistory(trx: Db, actor: Actor, at: Date, entries: HistoryEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await trx
      .insertInto('assetHistory')
      .values(
        entries.slice(i, i + 500).map((e) => ({
          assetId: e.assetId,
          orgId: e.orgId,
          changedAt: at,
          actorId: actor.userId,
          actorName: actor.name,
          action: e.action,
          changes: JSON.stringify(e.changes),
          importId: e.importId ?? null,
        })),
      )
      .execute();
  }
}
