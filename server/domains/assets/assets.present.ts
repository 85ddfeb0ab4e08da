import { sql } from 'kysely';
import type { Asset } from '../../../shared/schemas/assets.ts';
import type { Db } from '../../platform/db.ts';
import type { AssetRow } from './asset-write.ts';
import { dateToMonth, daysBetween, warrantyStatus } from './warranty.ts';

export type DetailedAssetRow = AssetRow & {
  kindKey: string;
  kindName: string;
  kindNameEn: string;
  orgName: string;
  locationName: string | null;
  ownerDepartmentName: string | null;
  engineerName: string | null;
  vendorName: string | null;
  contractCode: string | null;
};

/**
 * Assets with the names of everything they point at, in one query. Only the kind and the organisation are
 * joined: with all eight tables joined, PostgreSQL spent 3–6 ms planning each list page (unnamed statements
 * are planned on every execution) against ~0.2 ms executing it. The optional references are scalar
 * subqueries instead, planned on their own and run only for the rows returned.
 */
export function detailedAssets(db: Db) {
  return db
    .selectFrom('assets as a')
    .innerJoin('assetKinds as k', 'k.id', 'a.kindId')
    .innerJoin('organisations as o', 'o.id', 'a.orgId')
    .selectAll('a')
    .select(['k.key as kindKey', 'k.name as kindName', 'k.nameEn as kindNameEn', 'o.name as orgName'])
    .select((eb) => [
      eb.selectFrom('organisations as dep').select('dep.name').whereRef('dep.id', '=', 'a.ownerDepartmentId').as('ownerDepartmentName'),
      eb.selectFrom('users as e').select('e.displayName').whereRef('e.id', '=', 'a.engineerId').as('engineerName'),
      eb.selectFrom('vendors as v').select('v.name').whereRef('v.id', '=', 'a.vendorId').as('vendorName'),
      eb.selectFrom('maintenanceContracts as c').select('c.code').whereRef('c.id', '=', 'a.contractId').as('contractCode'),
      sql<string | null>`(select string_agg(l2.name, ' / ' order by cardinality(l2.ancestor_ids)) from locations l join locations l2 on l2.id = any(l.ancestor_ids) where l.id = a.location_id)`.as('locationName'),
    ]);
}

/** row → Asset: the explicit list of what leaves the server. */
export function presentAsset(r: DetailedAssetRow, today: string): Asset {
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName,
    kindKey: r.kindKey,
    kindName: r.kindName,
    kindNameEn: r.kindNameEn,
    code: r.code,
    name: r.name,
    brand: r.brand,
    model: r.model,
    serialNumber: r.serialNumber,
    quantity: r.quantity,
    unit: r.unit,
    status: r.status,
    locationId: r.locationId,
    locationName: r.locationName,
    rackUnitStart: r.rackUnitStart,
    rackUnitSize: r.rackUnitSize,
    ownerDepartmentId: r.ownerDepartmentId,
    ownerDepartmentName: r.ownerDepartmentName,
    ownerPerson: r.ownerPerson,
    engineerId: r.engineerId,
    engineerName: r.engineerName,
    importance: r.importance,
    purchaseMonth: r.purchaseMonth ? dateToMonth(r.purchaseMonth) : null,
    warrantyYears: r.warrantyYears === null ? null : Number(r.warrantyYears),
    warrantyEndsOn: r.warrantyEndsOn,
    warrantyEndIsExplicit: r.warrantyEndIsExplicit,
    warrantyStatus: warrantyStatus(r.warrantyEndsOn, today),
    warrantyDaysLeft: r.warrantyEndsOn ? daysBetween(today, r.warrantyEndsOn) : null,
    vendorId: r.vendorId,
    vendorName: r.vendorName,
    contractId: r.contractId,
    contractCode: r.contractCode,
    endOfServiceOn: r.endOfServiceOn,
    managementIps: r.managementIps,
    hostNames: r.hostNames,
    cpu: r.cpu,
    os: r.os,
    database: r.database,
    middleware: r.middleware,
    xinchuang: { cpu: r.xcCpu, os: r.xcOs, database: r.xcDatabase, middleware: r.xcMiddleware, overall: r.xcOverall },
    attributes: r.attributes,
    notes: r.notes,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
